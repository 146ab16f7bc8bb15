// Limits shared by the content script and the worker, kept apart from the zod schemas so that the content script,
// which must stay small, does not carry zod.

/** Events per message: a long history goes in several. */
export const MAX_BATCH = 500;

/** History already on the page when reading starts: the most recent messages are enough context for every rule. */
export const MAX_HISTORY = 100;
