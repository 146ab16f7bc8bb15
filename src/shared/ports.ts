// Kept apart from the zod schemas (messages.ts), like limits.ts, so that the content script does not carry zod.

/** The port a content script sends its conversation events on, and gets its nudges and acknowledgements back. */
export const EVENTS_PORT = "attune-events";
