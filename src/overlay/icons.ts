// The card's icons, drawn here as SVG paths on a 24-unit grid: an emoji or symbol font may be missing on an agent's
// machine (a missing glyph is a box), and a shape says severity to an agent who cannot tell the colours apart.

const PATHS = {
  /** A circle with an "i": a tip. */
  tip: "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zM11 10h2v8h-2zM11 6h2v2h-2z",
  /** A triangle with "!": a warning. */
  warn: "M12 2L1 21h22zM11 9h2v6h-2zM11 16.5h2v2h-2z",
  /** An octagon with "!": an alert. */
  alert: "M7.9 2h8.2L22 7.9v8.2L16.1 22H7.9L2 16.1V7.9zM11 6h2v8h-2zM11 16h2v2h-2z",
  followed: "M9 16.2L4.8 12l-1.4 1.4L9 19L21 7l-1.4-1.4z",
  helpful: "M2 10h4v11H2zM8 10l4-8c1.7 0 2.6 1.2 2.3 2.8L13.6 9H20c1.2 0 2.1 1.1 1.9 2.3l-1.5 8c-.2 1-1 1.7-2 1.7H8z",
  grip: "M8 4.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3zM16 4.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3zM8 10.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3zM16 10.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3zM8 16.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3zM16 16.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3z",
  menu: "M5 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4zM12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4zM19 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4z",
  close: "M6.4 5L5 6.4L10.6 12L5 17.6L6.4 19L12 13.4L17.6 19L19 17.6L13.4 12L19 6.4L17.6 5L12 10.6z",
} as const;

export type IconName = keyof typeof PATHS | "notHelpful";

const SVG = "http://www.w3.org/2000/svg";

/** An icon in the current text colour; decorative (aria-hidden): the control or word beside it carries the meaning. */
export function icon(doc: Document, name: IconName): SVGSVGElement {
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `icon icon-${name}`);
  const path = doc.createElementNS(SVG, "path");
  path.setAttribute("d", PATHS[name === "notHelpful" ? "helpful" : name]);
  path.setAttribute("fill-rule", "evenodd");
  path.setAttribute("fill", "currentColor");
  // Not helpful is helpful's thumb turned over.
  if (name === "notHelpful") path.setAttribute("transform", "rotate(180 12 12)");
  svg.append(path);
  return svg;
}
