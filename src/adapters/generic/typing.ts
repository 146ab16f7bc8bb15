import { isShown } from "../deep-query.js";
import { readMessage } from "../message-text.js";
import { chatScope, lastMessageItems } from "./message-items.js";

// How chat UIs show that the other side is typing: a class or label saying so where the markup is readable, else the
// words themselves ("Sam is typing…"), looked for only around the conversation, never across the whole page.

const TYPING_MARKUP = "[class*='typing' i], [aria-label*='typing' i], [data-testid*='typing' i]";
const TYPING_WORDS = /\b(?:is|are)\s+(?:typing|writing)\b|^(?:typing|writing)\b|\bsta(?:nno)? scrivendo\b|\bscrie\b|در حال (?:نوشتن|تایپ)/i;
/** Longer texts are messages about typing, not an indicator. */
const MAX_INDICATOR_CHARS = 60;
/** Some kits draw the indicator as the conversation's last item. */
const LAST_ITEMS = 2;

/** The text under `root`, leaving out the subtree of `skip`. */
function* texts(root: Element, skip?: Element): Generator<Text> {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node === skip ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node instanceof Text) yield node;
}

const says = (node: Text) => {
  const text = node.nodeValue ?? "";
  return text.length <= MAX_INDICATOR_CHARS && TYPING_WORDS.test(text.trim()) && !!node.parentElement && isShown(node.parentElement);
};

/** An item of the conversation that only says the other side is typing: no message. */
export function isTypingIndicator(item: Element): boolean {
  const text = item.textContent?.trim() ?? "";
  return (text.length <= MAX_INDICATOR_CHARS && TYPING_WORDS.test(text)) || item.matches(TYPING_MARKUP);
}

/** Whether the chat around this conversation shows the other side typing now. */
export function typingShown(transcript: Element, replyBox: Element | null): boolean {
  const scope = chatScope(transcript);
  for (const el of scope.querySelectorAll(TYPING_MARKUP)) {
    // Kits keep an empty container for the indicator: only one with something in it counts.
    const inBox = replyBox && (replyBox.contains(el) || el.contains(replyBox));
    if (!inBox && (el.childElementCount > 0 || el.textContent?.trim()) && isShown(el)) return true;
  }
  // The words: beside the conversation and among its last items, never through a long history.
  for (const node of texts(scope, transcript)) if (says(node)) return true;
  const last = lastMessageItems(transcript, LAST_ITEMS);
  for (const item of last) for (const node of texts(item)) if (says(node)) return true;
  return last.length > 1 && isDotsBubble(last.at(-1)!);
}

/** Media a message may hold instead of words. */
const MEDIA = "img, video, audio, canvas, picture, iframe, object";

/**
 * The other common indicator: a bubble of animated dots as the conversation's last item, with no words in it (a name
 * at most). Its dots are boxes drawn without text.
 */
function isDotsBubble(item: Element): boolean {
  if (!readMessage(item).metaOnly && item.textContent?.trim() || item.querySelector(MEDIA) || !isShown(item)) return false;
  for (const el of item.querySelectorAll("*")) {
    if (el.textContent?.trim() || el.querySelector(MEDIA)) continue;
    const box = el.getBoundingClientRect();
    // Bubble-sized: a spacer or a scrollbar rail is as wide as the pane, or thinner than a dot.
    if (box.width >= 12 && box.width <= 120 && box.height >= 6 && box.height <= 60 && isShown(el)) return true;
  }
  return false;
}
