export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const MARGIN = 12;
/** Narrower than this, a card is too cramped to read at a glance. */
const MIN_WIDTH = 220;

const right = (b: Box) => b.left + b.width;
const bottom = (b: Box) => b.top + b.height;
const overlaps = (a: Box, b: Box) => a.left < right(b) && b.left < right(a) && a.top < bottom(b) && b.top < bottom(a);
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));

/**
 * Where to draw a card of `size` in the viewport without covering what the agent works in (the transcript and the
 * reply box): beside them if there is room (right first, as consoles put context panels there), level with the reply
 * box's bottom, else below or above, narrowed down to MIN_WIDTH if need be. Where none of that is free (a small window,
 * a zoomed page), the card sits just above the reply box, at its end side: over the transcript's latest lines on the
 * agent's side, but never over what the agent is typing. Undefined when even that does not fit: the caller falls back
 * to a corner.
 */
export function placeBeside(
  viewport: { width: number; height: number },
  avoid: readonly Box[],
  size: { width: number; height: number },
  replyBox?: Box,
): Box | undefined {
  const visible = avoid.filter((b) => b.width > 0 && b.height > 0);
  if (!visible.length) return undefined;
  const union: Box = {
    left: Math.min(...visible.map((b) => b.left)),
    top: Math.min(...visible.map((b) => b.top)),
    width: Math.max(...visible.map(right)) - Math.min(...visible.map((b) => b.left)),
    height: Math.max(...visible.map(bottom)) - Math.min(...visible.map((b) => b.top)),
  };
  const fitWidth = (space: number) => Math.min(size.width, space);
  const alignBottom = (height: number) => clamp(bottom(union) - height, MARGIN, viewport.height - height - MARGIN);
  const alignRight = (width: number) => clamp(right(union) - width, MARGIN, viewport.width - width - MARGIN);

  const spaceRight = viewport.width - right(union) - 2 * MARGIN;
  const spaceLeft = union.left - 2 * MARGIN;
  const candidates: Box[] = [];
  if (spaceRight >= MIN_WIDTH) {
    const width = fitWidth(spaceRight);
    candidates.push({ left: right(union) + MARGIN, top: alignBottom(size.height), width, height: size.height });
  }
  if (spaceLeft >= MIN_WIDTH) {
    const width = fitWidth(spaceLeft);
    candidates.push({ left: union.left - MARGIN - width, top: alignBottom(size.height), width, height: size.height });
  }
  if (viewport.height - bottom(union) - 2 * MARGIN >= size.height) {
    candidates.push({ left: alignRight(size.width), top: bottom(union) + MARGIN, width: size.width, height: size.height });
  }
  if (union.top - 2 * MARGIN >= size.height) {
    candidates.push({ left: alignRight(size.width), top: union.top - MARGIN - size.height, width: size.width, height: size.height });
  }
  const onScreen = (box: Box) => box.left >= 0 && right(box) <= viewport.width && box.top >= 0 && bottom(box) <= viewport.height;
  const free = candidates.find((box) => !visible.some((b) => overlaps(box, b)) && onScreen(box));
  if (free || !replyBox || replyBox.width <= 0) return free;
  const width = Math.min(size.width, viewport.width - 2 * MARGIN);
  // A reply box below the fold (a chat of fixed height on a zoomed page) leaves the window's foot free: the card goes
  // there, where the agent sees it, rather than above a reply box nobody can see.
  const top = Math.min(replyBox.top - MARGIN, viewport.height - MARGIN) - size.height;
  const above = { left: alignRight(width), top, width, height: size.height };
  return onScreen(above) && !overlaps(above, replyBox) ? above : undefined;
}
