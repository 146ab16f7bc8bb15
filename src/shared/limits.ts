// Limits shared by the content script and the worker, kept apart from the zod schemas so that the content script,
// which must stay small, does not carry zod.

/** Events per message: a long history goes in several. */
export const MAX_BATCH = 500;

/**
 * Characters of text per message, all events together: a batch stays far below the browsers' message limit (64 MiB
 * of JSON in Chromium) even written out at six bytes a character; a history of long messages goes in several.
 */
export const MAX_BATCH_CHARACTERS = 1_000_000;

/**
 * Characters kept of one message's (or draft's) text: a longer one is cut, with CUT_MARK at the end, and the start
 * coached. Every rule looks at far less; a page showing a megabyte in one bubble must not stall coaching.
 */
export const MAX_TEXT = 20_000;
export const CUT_MARK = "…";

/** Characters of a console's conversation id, as the worker takes it; a longer id is sent shortened (bounds.ts). */
export const MAX_CONVERSATION_KEY = 200;

/** Characters of the customer's name as the worker takes it: a longer one is cut. */
export const MAX_CUSTOMER_NAME = 200;

/** History already on the page when reading starts: the most recent messages are enough context for every rule. */
export const MAX_HISTORY = 100;
