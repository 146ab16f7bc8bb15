// JSON files a person hands Attune (packs, overrides, taught sites, conversations), read the same way by the options
// page and the command line: bounded before they are parsed, so that no file can stall a page or fill the memory.

/** The largest shipped pack is 82 kB; a browser message carries at most 64 MB, and the page holds the file twice. */
export const MAX_JSON_FILE_BYTES = 4 * 1024 * 1024;

/** Packs and overrides nest 8 deep at most; structured cloning and validation recurse, so a deeper file is refused. */
export const MAX_JSON_DEPTH = 64;

export type JsonFileText = { ok: true; json: unknown } | { ok: false; problem: "too-deep" } | { ok: false; problem: "not-json"; detail: string };

/** How deep the text's arrays and objects nest, counted up to `limit + 1` without parsing (strings skipped). */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      deepest = Math.max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * A file's text as JSON: a UTF-8 byte-order mark (which editors on Windows write) dropped, the nesting checked before
 * parsing. The size is the caller's to check, before reading: it knows the file.
 */
export function parseJsonText(text: string): JsonFileText {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (jsonDepth(body) > MAX_JSON_DEPTH) return { ok: false, problem: "too-deep" };
  try {
    return { ok: true, json: JSON.parse(body) };
  } catch (error) {
    return { ok: false, problem: "not-json", detail: error instanceof Error ? error.message : String(error) };
  }
}
