// Kept apart from the zod schemas (messages.ts), like limits.ts, so that the content script does not carry zod.

/** The port a content script sends its conversation events on, and gets its nudges and acknowledgements back. */
export const EVENTS_PORT = "attune-events";

/**
 * Extension page (the popup) → content script, by tabs.sendMessage to one frame: what it is reading (answer:
 * ReadingStatus in messages.ts). Answered from the page's own memory: the words shown never pass through the worker.
 */
export const READING_STATUS = "reading-status";
