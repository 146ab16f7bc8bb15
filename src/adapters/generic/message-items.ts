import { readMessage } from "../message-text.js";

// Which elements of a conversation pane are its messages, oldest first.

/** Elements that are never a message of their own: a heading in a list titles it ("Open chats", "Today"). */
const NOT_ITEMS = new Set(["script", "style", "template", "link", "meta", "h1", "h2", "h3", "h4", "h5", "h6"]);

/** Above this many children an element is a list, not a wrapper: no need to look into each. */
const SURELY_A_LIST = 8;

const holdsText = (el: Element) => !NOT_ITEMS.has(el.localName) && !!el.textContent?.trim();

/** A child holding this share of a level's text, beside notices and headers, is where the messages are. */
const MOST_OF_THE_TEXT = 0.6;

/**
 * Where a pane wraps its messages in inner elements (a scroller, a list, beside empty scrollbar rails, loaders and a
 * "conversation started" notice), the messages are the children of the innermost wrapper. Going in stops at an
 * element whose parts are one message and its name or time: that is a message, not a wrapper.
 */
export function messageParent(container: Element): Element {
  let parent = container;
  while (parent.childElementCount <= SURELY_A_LIST) {
    const texts = [...parent.children].map((el) => ({ el, length: NOT_ITEMS.has(el.localName) ? 0 : (el.textContent?.trim().length ?? 0) })).filter((t) => t.length);
    const total = texts.reduce((sum, t) => sum + t.length, 0);
    const main = texts.reduce<(typeof texts)[number] | undefined>((a, b) => (!a || b.length > a.length ? b : a), undefined);
    if (!main || main.length < total * MOST_OF_THE_TEXT || hasOwnText(main.el)) return parent;
    const parts = [...main.el.children].filter(holdsText);
    if (!parts.length) return parent;
    if (texts.length > 1 && parts.length < 2) return parent;
    if (parts.length > 1 && !twoMessages(parts)) return parent;
    parent = main.el;
  }
  return parent;
}

/** Whether at least two of the parts read as messages rather than names and times (read no further than that). */
function twoMessages(parts: readonly Element[]): boolean {
  let found = 0;
  for (const part of parts) if (!readMessage(part).metaOnly && ++found === 2) return true;
  return false;
}

function hasOwnText(el: Element): boolean {
  for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE && node.nodeValue?.trim()) return true;
  return false;
}

const reversed = new WeakMap<Element, boolean>();

/**
 * Lists laid out bottom-up (flex-direction: column-reverse, a common way to keep a chat scrolled to its end) hold the
 * newest message first. Judged once per list: a layout does not flip while it is on screen.
 */
function isReversed(parent: Element): boolean {
  let known = reversed.get(parent);
  if (known === undefined) {
    const view = parent.ownerDocument.defaultView;
    known = view ? view.getComputedStyle(parent).flexDirection === "column-reverse" : false;
    reversed.set(parent, known);
  }
  return known;
}

/**
 * The items of the pane that may be messages, oldest first: notices and dividers among them are left out later.
 * `parent`: the pane's message parent, where the caller has it already.
 */
export function messageItems(container: Element, parent = messageParent(container)): Element[] {
  const items = [...parent.children].filter((child) => !NOT_ITEMS.has(child.localName));
  return isReversed(parent) ? items.reverse() : items;
}

/** The items of the pane newest first, one at a time: the end of a long list without going through all of it. */
export function* newestMessageItems(container: Element): Generator<Element, void, undefined> {
  const parent = messageParent(container);
  const reversed = isReversed(parent);
  for (let el = reversed ? parent.firstElementChild : parent.lastElementChild; el; el = reversed ? el.nextElementSibling : el.previousElementSibling) {
    if (!NOT_ITEMS.has(el.localName)) yield el;
  }
}

/** The newest `count` items of the pane, oldest first. */
export function lastMessageItems(container: Element, count: number): Element[] {
  const items: Element[] = [];
  for (const item of newestMessageItems(container)) {
    if (items.length === count) break;
    items.push(item);
  }
  return items.reverse();
}

/** The chat around a conversation, a few levels up: where its header, typing indicator and reply box are. */
export function chatScope(transcript: Element): Element {
  let scope = transcript;
  for (let i = 0; i < 3 && scope.parentElement; i++) scope = scope.parentElement;
  return scope;
}
