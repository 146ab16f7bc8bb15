import { speakerFromWord } from "./speaker.js";

// What the person wrote, without what a chat UI puts around it: author names, times, avatar initials, delivery
// status, "… said:" prefixes for screen readers, button labels. Judged by tags, ARIA, visibility and what the text
// looks like, never by class names: those may be hashes, and a class such as "from-me" or "avatar-row" can wrap the
// message itself.

/** Never what the person wrote: machine-readable parts, controls, media and what is hidden from everyone. */
const NEVER_TEXT = [
  "time", "[datetime]", "button", "[role='button']", "[role='img']", "[role='progressbar']", "svg", "img", "script",
  "style", "template", "input", "textarea", "select", "[aria-hidden='true']", "[hidden]",
].join(",");

/** The body of a message, where the markup says so. */
const BODY_SELECTOR = "[data-message-text],[data-testid*='message-text'],[data-testid*='message-body'],[class*='message-text'],[class*='message-body'],[class*='msg-text'],[class*='bubble-text']";

/**
 * Where a class or attribute says "author", "time" and the like: a hint, confirmed by the text being short and by other
 * text being left, never a reason on its own to drop what is inside.
 */
const META_HINT = "[class*='author'],[class*='sender'],[class*='name'],[class*='label'],[class*='time'],[class*='status'],[class*='avatar'],[class*='meta'],[data-author-label]";
const MAX_META_CHARS = 40;

/** Inline formatting: text inside it belongs to its parent's block. */
const INLINE = new Set(["a", "b", "i", "em", "strong", "u", "s", "code", "mark", "small", "sub", "sup", "abbr", "q", "br", "wbr", "bdi", "bdo"]);

const TIME = /^(?:(?:today|yesterday|now|just now|ieri|oggi|adesso|acum|azi|ieri|امروز|دیروز|الان)[, ]*)?(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?|\d+\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)(?:\s*ago)?|just now|now|today|yesterday|ieri|oggi|acum|azi)$/i;
const STATUS = /^(?:sent|delivered|read|seen|sending|failed|edited|not delivered|online|offline|away|busy|active now|last seen .{1,20}|inviato|consegnato|letto|trimis|livrat|citit|ارسال شد|خوانده شد|[✓✔]{1,2})$/i;
const INITIALS = /^\p{Lu}{1,3}$/u;
/** Two to four capitalised words and nothing else: how chat UIs show an author's name above or below a bubble. */
export const NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){1,3}$/u;
/** "Sam Taylor said:", as screen-reader text and live regions put it before a message. */
const SAID = /^(.{1,60}?)\s+(?:said|says|wrote|writes|ha scritto|scrive|a scris|scrie|گفت|نوشت)\s*:?\s*/i;

interface Block {
  text: string;
  element: Element;
  /** The markup hints that the block is an author, a time or a status. */
  hinted: boolean;
}

/** Labels a reader has learned for this chat: the customer's and the agent's names as shown. */
export type KnownLabels = ReadonlySet<string>;

export interface ReadText {
  /** What the person wrote. */
  text: string;
  /** Names shown with the message ("Sam Taylor" above the bubble): who wrote it, as the UI names them. */
  names: string[];
  /** Nothing but a name, a time or a status: a header or a notice rather than a message, where it stands alone. */
  metaOnly: boolean;
}

/** What the person wrote: the item's text without author labels, times, status and controls, whitespace collapsed. */
export function readMessage(item: Element, labels?: KnownLabels): ReadText {
  const laidOut = isLaidOut(item);
  const shown = (root: Element) => (laidOut ? textBlocks(root).filter((block) => !isVisuallyHidden(block.element, root)) : textBlocks(root));
  const all = shown(item);
  const body = item.querySelector(BODY_SELECTOR);
  const visible = body ? all.filter((block) => body.contains(block.element)) : all;
  const kept = visible.filter((block) => !isMeta(block, labels));
  // A message that is nothing but a time or a name ("10:30", "Sam Taylor") is still a message.
  const text = join(kept.length ? kept : visible.length ? [longest(visible)] : []);
  const names = kept.length
    ? all.filter((block) => !kept.includes(block)).flatMap((block) => block.text.split(META_SEPARATOR).filter((part) => NAME.test(part)))
    : [];
  return { text: stripSaid(text), names, metaOnly: !kept.length };
}

export const messageText = (item: Element, labels?: KnownLabels): string => readMessage(item, labels).text;

function textBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (isExcluded(node, root) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue ?? "";
    if (!value.trim()) continue;
    const element = blockOf(node, root);
    const last = blocks.at(-1);
    if (last?.element === element) last.text += value;
    else blocks.push({ text: value, element, hinted: element !== root && element.matches(META_HINT) });
  }
  for (const block of blocks) block.text = block.text.replace(/\s+/g, " ").trim();
  return blocks;
}

function blockOf(node: Node, root: Element): Element {
  let el = node.parentElement ?? root;
  while (el !== root && INLINE.has(el.localName) && !el.matches(META_HINT) && el.parentElement) el = el.parentElement;
  return el;
}

/** Only elements between the text and the message item count: the item's own ancestors are no part of it. */
function isExcluded(node: Node, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (el.matches(NEVER_TEXT)) return true;
  }
  return false;
}

/** What separates the parts of a meta line: "Sam Taylor ・ 3:35 PM", "You · Delivered". */
const META_SEPARATOR = /\s*[・·•|]\s*|\s+[-–—]\s+/;

function isMeta({ text, hinted }: Block, labels?: KnownLabels): boolean {
  if (hinted && text.length <= MAX_META_CHARS) return true;
  const parts = text.split(META_SEPARATOR).filter(Boolean);
  return parts.length > 0 && parts.every((part) => isMetaPart(part, labels));
}

function isMetaPart(text: string, labels?: KnownLabels): boolean {
  return TIME.test(text) || STATUS.test(text) || INITIALS.test(text) || NAME.test(text) || namesSpeaker(text) || !!labels?.has(text)
    || SAID.exec(text)?.[0].length === text.length;
}

/** "You", "Maria (Visitor)", "Agent Alex": a short block naming a side, and no more ("Agent: hi?" is a message). */
function namesSpeaker(text: string): boolean {
  if (/[^\d\s]:\s*[^\d\s]/.test(text)) return false;
  const words = text.split(/[\s()[\],:·-]+/).filter(Boolean);
  return words.length <= 4 && words.some((word) => speakerFromWord(word));
}

/** Whether the browser lays the item out (jsdom and hidden panes do not): visibility can only be judged then. */
function isLaidOut(item: Element): boolean {
  const box = item.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}

/** Screen-reader-only text: clipped to a pixel or less, as every "visually hidden" recipe does. */
export function isVisuallyHidden(el: Element, within: Element): boolean {
  for (let node: Element | null = el; node && node !== within.parentElement; node = node.parentElement) {
    const box = node.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) return true;
  }
  return false;
}

const longest = (blocks: Block[]) => blocks.reduce((a, b) => (b.text.length > a.text.length ? b : a));
const join = (blocks: Block[]) => blocks.map((block) => block.text).join(" ").replace(/\s+/g, " ").trim();

/**
 * "Sam Taylor said: hello" → "hello". A speaker's label ("Agent: hello") stays: whether it is the page's label or the
 * customer's words depends on who the item is read as (see read-item.ts).
 */
function stripSaid(text: string): string {
  const said = SAID.exec(text);
  return said && said[0].length < text.length ? text.slice(said[0].length) : text;
}
