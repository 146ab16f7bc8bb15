import { LABEL_SELECTOR, speakerFromWord } from "./speaker.js";

/** Parts of a message item that are not what the person wrote. */
const NOT_TEXT_SELECTOR = [
  LABEL_SELECTOR, "time", "[datetime]", "[class*='time']", "[class*='status']", "[class*='avatar']",
  "[aria-hidden='true']", "[hidden]", "button", "script", "style", "template",
].join(",");

/** The body of a message, when the console marks it. */
const BODY_SELECTOR = "[data-message-text],[data-testid*='message-text'],[class*='message-text'],[class*='message-body'],[class*='msg-text'],[class*='bubble-text']";

/** What the person wrote: the item's text without author labels, times and controls, whitespace collapsed. */
export function messageText(item: Element): string {
  const body = item.querySelector(BODY_SELECTOR);
  const text = collectText(body ?? item);
  return stripSpeakerPrefix(text);
}

function collectText(root: Element): string {
  const parts: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (isExcluded(node, root) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.nodeValue ?? "");
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** Only elements between the text and the message item count: the item's own ancestors may carry "from-…" classes. */
function isExcluded(node: Node, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (el.matches(NOT_TEXT_SELECTOR)) return true;
  }
  return false;
}

/** "Agent: hello" → "hello", when the prefix names a speaker. */
function stripSpeakerPrefix(text: string): string {
  const match = /^([^\s:]{1,20}):\s+/.exec(text);
  return match?.[1] && speakerFromWord(match[1]) ? text.slice(match[0].length) : text;
}
