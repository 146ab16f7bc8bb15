import type { ConversationEvent } from "../engine/conversation.js";
import { CUT_MARK, MAX_CONVERSATION_KEY, MAX_TEXT } from "./limits.js";

// What a page shows is bounded before it is sent: the worker refuses what its schema does not allow, and the browser
// refuses a message over its size limit. A page with a 300-character conversation id or a 70 MB message must be
// coached like any other, not retried for ever.

/** The text's start, with the mark, when it is longer than `max`; never half of a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - CUT_MARK.length;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? "")) end -= 1;
  return text.slice(0, end) + CUT_MARK;
}

/** A message's or draft's text cut to MAX_TEXT; `cutFrom` says how long it was. */
export function boundedEvent(event: ConversationEvent): { event: ConversationEvent; cutFrom?: number } {
  if (event.type === "typing" || event.text.length <= MAX_TEXT) return { event };
  return { event: { ...event, text: cut(event.text, MAX_TEXT) }, cutFrom: event.text.length };
}

/** Characters of a long id's start kept beside its hash. */
const KEPT_OF_KEY = MAX_CONVERSATION_KEY - 20;

/**
 * A conversation id the worker takes: a longer one is its start and a hash of the whole, the same every time, so two
 * ids that differ only past the start stay two conversations.
 */
export function boundedKey(key: string): string {
  return key.length <= MAX_CONVERSATION_KEY ? key : `${key.slice(0, KEPT_OF_KEY)}#${hash53(key)}`;
}

/** cyrb53 (public domain): a fast 53-bit string hash, in base 36 (at most 11 characters). */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
