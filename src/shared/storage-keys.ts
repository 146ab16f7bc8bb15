// Keys of storage.local shared by the content script and the worker, kept free of zod so the content script stays small.

/** The adapter taught for a site ("Teach this site"): written only by the worker, after validating it. */
export const taughtAdapterKey = (origin: string) => `taught:${origin}`;

export const TAUGHT_PREFIX = "taught:";
