// Keys of storage.local shared by the content script and the worker, kept free of zod so the content script stays small.

/** The adapter taught for a site ("Teach this site"): written only by the worker, after validating it. */
export const taughtAdapterKey = (origin: string) => `taught:${origin}`;

export const TAUGHT_PREFIX = "taught:";

/**
 * The agent said the reader has the two sides of this site's chats the wrong way round ("these messages are mine"):
 * written by the worker at the popup's request, read by the content script.
 */
export const speakersSwappedKey = (origin: string) => `speakersSwapped:${origin}`;
