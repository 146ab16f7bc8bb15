import { isVisuallyHidden, readMessage } from "../message-text.js";
import { inferSpeaker } from "../speaker.js";
import { messageItems, messageParent } from "./message-items.js";
import { pageRoots } from "./page-roots.js";
import { layoutSide } from "../layout-side.js";

// Finding the conversation on a chat UI nobody described: ARIA where the UI has it (a log, a feed of articles, a list,
// a live region), else the structure every chat shares: a list of items of one shape holding text, scrolled, next to
// the box where the agent types. Class names count for nothing here: they may be hashes.

/** Where an agent types a reply. */
export const REPLY_BOX = "textarea, [contenteditable='true'], [contenteditable=''], [contenteditable='plaintext-only'], [role='textbox'], input[type='text']";
/** Elements that say they hold a conversation, or a list of messages. */
const DECLARED = "[role='log'], [role='feed'], [aria-live='polite'], [aria-live='assertive'], [role='list'], ul, ol";
/** How much more a declaration is worth than structure alone. */
const DECLARED_WEIGHT: Record<string, number> = { log: 3, feed: 3, live: 2, list: 1.2 };
/** Elements visited around each reply box when looking for a list by its structure. */
const MAX_VISITED = 3000;
/** The latest items of a candidate judged: enough to know a list, without reading a long history. */
const MAX_JUDGED = 30;
/** Ancestors of the reply box searched for a conversation: a chat's pane is near its box. */
const MAX_CLIMB = 8;

interface Candidate {
  element: Element;
  score: number;
}

const roleOf = (el: Element) => el.getAttribute("role") ?? (el.hasAttribute("aria-live") ? "live" : el.localName === "ul" || el.localName === "ol" ? "list" : "");

/**
 * How much the items read like a conversation: messages are sentences, where a header or a menu holds names, times
 * and single words; and how alike the items are, since a chat's messages are drawn by one component.
 */
function shapeOf(items: readonly Element[]): { worth: number; withText: number; alike: number } {
  const tags = new Map<string, number>();
  let worth = 0;
  let withText = 0;
  for (const item of items.slice(-MAX_JUDGED)) {
    if (!item.textContent?.trim()) continue;
    withText++;
    tags.set(item.localName, (tags.get(item.localName) ?? 0) + 1);
    const read = readMessage(item);
    if (!read.metaOnly) worth += 1 + Math.min(read.text.split(/\s+/).length, 12) / 4;
  }
  const alike = withText ? Math.max(...tags.values()) / withText : 0;
  return { worth, withText, alike };
}

function isScroller(el: Element): boolean {
  const overflow = el.ownerDocument.defaultView?.getComputedStyle(el).overflowY;
  return overflow === "auto" || overflow === "scroll";
}

/** Steps from `el` up to the nearest ancestor that also holds `box`. */
function distance(el: Element, box: Element | undefined): number {
  if (!box) return MAX_CLIMB;
  let steps = 0;
  for (let node: Node | null = el; node; node = node.parentNode, steps++) if (node.contains(box)) return steps;
  return MAX_CLIMB;
}

/** Whether `box` comes after `el` in the page: a chat's reply box is below its messages. */
const below = (box: Element, el: Element) => !!(el.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING);

/** The reply box nearest the element, of those on the page (a console's search field may come before the chat's). */
function nearest(el: Element, boxes: readonly Element[]): Element | undefined {
  let best: Element | undefined;
  for (const box of boxes) if (!best || distance(el, box) < distance(el, best)) best = box;
  return best;
}

/** Steps from a chat just started (a message or two) up to where its reply box is. */
const STARTING_DISTANCE = 2;
/** The latest items looked at for the sides they are drawn on. */
const MAX_SIDED = 6;

/**
 * Whether the items show the two sides of a conversation: some drawn at the start of the line and some at the end, or
 * a side said in words. An article's or a menu's list is all on one side.
 */
function showsSides(container: Element, items: readonly Element[]): boolean {
  const latest = items.slice(-MAX_SIDED);
  if (latest.some((item) => inferSpeaker(item))) return true;
  const sides = new Set<string>();
  for (const item of latest) {
    const side = layoutSide(item, container);
    if (side) sides.add(side);
    if (sides.size === 2) return true;
  }
  return false;
}

/** How likely the element is to hold the conversation; 0 when it cannot. The cheap checks come first. */
function score(element: Element, box: Element | undefined): number {
  const declared = DECLARED_WEIGHT[roleOf(element)] ?? 1;
  // Without a reply box (a page that may not be a chat at all: a toast, a menu), only a log or a live region, and
  // below, only one whose messages say who wrote them.
  if (!box && declared < 2) return 0;
  // A chat's pane is declared a log or scrolled; a list in the page's flow is one only if it shows the two sides, or
  // if it is a chat just started: a message or two right above the reply box (a search field sits above the page).
  const parent = messageParent(element);
  const items = messageItems(element, parent);
  const scrolled = isScroller(element) || isScroller(parent);
  const starting = items.length <= 2 && !!box && distance(element, box) <= STARTING_DISTANCE && below(box, element);
  if (declared < 2 && !scrolled && !starting && !showsSides(element, items)) return 0;
  const { worth, withText, alike } = shapeOf(items);
  // An empty log or feed beside the reply box is a chat that has not started: its first message must be read live.
  if (!withText) return declared >= 3 && box && distance(element, box) < MAX_CLIMB ? 0.5 : 0;
  if (!worth || (withText >= 3 && alike < 0.6)) return 0;
  if (!box && !items.some((item) => inferSpeaker(item))) return 0;
  const structure = declared > 1 || scrolled ? 1 : 0.3;
  // A visually hidden live region repeats what is shown elsewhere, with "… said:" prefixes: the last resort.
  const hidden = isVisuallyHidden(element, element) && element.getBoundingClientRect().height <= 1 ? 0.01 : 1;
  // The conversation is the tallest part of a chat; a header or a list of quick replies is a strip.
  const height = element.getBoundingClientRect().height;
  const tall = height > 0 ? Math.min(3, Math.max(0.3, Math.sqrt(height / 150))) : 1;
  return (worth * declared * structure * hidden * tall) / (1 + distance(element, box) * 0.3);
}

/**
 * Elements near a reply box that may hold its conversation: the subtrees beside its path up to the page, nearest
 * first, each element once. Lists of two items or more, and scrolled panes (a chat's first message is a list of one).
 */
function around(box: Element): Element[] {
  const found: Element[] = [];
  let visited = 0;
  let path: Element = box;
  for (let ancestor = box.parentElement, climbed = 0; ancestor && climbed < MAX_CLIMB && visited < MAX_VISITED; path = ancestor, ancestor = ancestor.parentElement, climbed++) {
    for (const beside of ancestor.children) {
      if (beside === path) continue;
      const walker = ancestor.ownerDocument.createTreeWalker(beside, NodeFilter.SHOW_ELEMENT);
      for (let node: Node | null = beside; node && visited < MAX_VISITED; node = walker.nextNode()) {
        visited++;
        const el = node as Element;
        if (el.childElementCount >= 2 || (el.childElementCount === 1 && isScroller(el))) found.push(el);
      }
    }
  }
  return found;
}

/** Reply boxes looked around per page root: the chat's own, and a search field or two before it. */
const MAX_BOXES = 4;
/**
 * Candidates judged per search. They come likeliest first (declared conversations, then what is near a reply box,
 * then lists), so a page with a chat finds it early, and a long page with none stops looking: its cost is bounded by
 * the page's shape, not its length.
 */
const MAX_CANDIDATES = 60;

/** The element most likely to hold the conversation on this page, in the document or an open shadow root. */
export function findConversation(doc: Document): Element | null {
  let best: Candidate | undefined;
  let judged = 0;
  for (const root of pageRoots(doc)) {
    const boxes = [...root.querySelectorAll(REPLY_BOX)].filter((el) => !el.closest("[hidden], [aria-hidden='true']")).slice(0, MAX_BOXES);
    const declared = [...root.querySelectorAll(DECLARED)];
    const conversations = declared.filter((el) => (DECLARED_WEIGHT[roleOf(el)] ?? 1) >= 2);
    const lists = declared.filter((el) => (DECLARED_WEIGHT[roleOf(el)] ?? 1) < 2);
    for (const element of [...conversations, ...boxes.flatMap(around), ...lists]) {
      if (boxes.some((box) => element.contains(box) || box.contains(element))) continue;
      if (++judged > MAX_CANDIDATES) return best?.element ?? null;
      const value = score(element, nearest(element, boxes));
      if (value > 0 && (!best || value > best.score)) best = { element, score: value };
    }
  }
  return best?.element ?? null;
}
