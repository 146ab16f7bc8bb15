// Where a message's words are drawn in its conversation: chat UIs draw the agent's own messages at the end of the line
// (the right in left-to-right pages) and the other side's at the start. Read by the generic reader, and by a taught
// site whose two sides differ only in where they are drawn.

export type Side = "start" | "end";

/** At most this many text nodes are measured per message: enough to see where its words are drawn. */
const MEASURED_TEXTS = 12;

function textBox(item: Element): { left: number; right: number } | undefined {
  const range = item.ownerDocument.createRange();
  const walker = item.ownerDocument.createTreeWalker(item, NodeFilter.SHOW_TEXT);
  let left = Infinity;
  let right = -Infinity;
  let measured = 0;
  for (let node = walker.nextNode(); node && measured < MEASURED_TEXTS; node = walker.nextNode()) {
    if (!node.nodeValue?.trim()) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width <= 1) continue;
    left = Math.min(left, box.left);
    right = Math.max(right, box.right);
    measured++;
  }
  return measured ? { left, right } : undefined;
}

/**
 * Where the item's words are drawn in the conversation; undefined when centred (a notice), full width, or not laid
 * out.
 */
export function layoutSide(item: Element, conversation: Element): Side | undefined {
  const pane = conversation.getBoundingClientRect();
  if (pane.width <= 0) return undefined;
  const text = textBox(item);
  if (!text) return undefined;
  const before = text.left - pane.left;
  const after = pane.right - text.right;
  if (Math.abs(before - after) < Math.max(24, pane.width * 0.1)) return undefined;
  const rtl = item.ownerDocument.defaultView?.getComputedStyle(conversation).direction === "rtl";
  return before < after !== rtl ? "start" : "end";
}
