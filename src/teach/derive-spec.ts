import type { SelectorSpec } from "../adapters/selector-spec.js";
import { layoutSide, type Side } from "../adapters/layout-side.js";
import { composedContains, composedParent, matchesOrHolds } from "../adapters/deep-query.js";
import { deepSelector, stableParts, stableSelector } from "./stable-selector.js";

/** What the person teaching the site picked on the page. */
export interface Picks {
  transcript: Element;
  agentMessage: Element;
  customerMessage: Element;
  replyBox?: Element | undefined;
}

export type Derived = { ok: true; spec: SelectorSpec } | { ok: false; problem: string };

function commonAncestor(a: Element, b: Element): Element | null {
  for (let el: Element | null = a; el; el = el.parentElement) if (el.contains(b)) return el;
  return null;
}

/** The elements from just under `container` down to `picked`, outermost first. */
function chainUnder(container: Element, picked: Element): Element[] {
  const chain: Element[] = [];
  for (let el: Element | null = picked; el && el !== container; el = el.parentElement) chain.unshift(el);
  return chain;
}

/**
 * The pane to read: the one picked if it holds both messages, else its nearest ancestor that does (a click beside a
 * bubble lands on a full-width row, a click on a header or a thin strip picks less than the pane). Never the whole
 * page. A pane picked outside the shadow root the messages are drawn in (the web component's host) is taken as the
 * top of that shadow root, where the messages can be queried.
 */
function paneHolding(picked: Element, container: Element): Element | null {
  let pane: Element | null = picked;
  while (pane && !composedContains(pane, container)) pane = composedParent(pane);
  if (!pane || pane === pane.ownerDocument.body || pane === pane.ownerDocument.documentElement) return null;
  if (pane.getRootNode() === container.getRootNode()) return pane;
  let top = container;
  while (top.parentElement) top = top.parentElement;
  return top;
}

/**
 * Stable parts of a message element. Labels on messages often carry a person's name ("Sam", "Maria Rossi"): never
 * part of a message selector, which would read only that person's messages and carry their name into exports.
 */
const messageParts = (el: Element) => stableParts(el).filter((part) => !/^\[(aria-label|title|name|alt)=/.test(part));

/** Stable parts of the element and of everything inside it, as selectors. */
function partsWithin(item: Element): Set<string> {
  const parts = new Set(messageParts(item));
  for (const el of item.querySelectorAll("*")) for (const part of messageParts(el)) parts.add(part);
  return parts;
}

/**
 * A selector that marks `mine` and not `other`: on the item itself first, then inside it. A mark is firm when it is on
 * the item, or varies an element both items have (".bubble.is-mine" beside ".bubble"); an element only one item has
 * may be a moment's (the actions a message shows while the pointer is over it).
 */
function distinguishing(mine: Element, other: Element): { selector: string; firm: boolean; depth: number } | undefined {
  const otherParts = partsWithin(other);
  const candidates = [...messageParts(mine), ...partsWithin(mine)].filter((part) => !otherParts.has(part) && !part.startsWith("#"));
  const marks = candidates.filter((part) => matchesOrHolds(mine, part) && !matchesOrHolds(other, part));
  const firm = (part: string) => mine.matches(part) || [...mine.querySelectorAll(part)].some((el) => messageParts(el).some((shared) => otherParts.has(shared)));
  const selector = marks.find(firm) ?? marks[0];
  return selector ? { selector, firm: firm(selector), depth: markDepth(mine, selector) } : undefined;
}

/** How far inside the item its mark is: 0 on the item itself. */
function markDepth(item: Element, selector: string): number {
  if (item.matches(selector)) return 0;
  const marked = item.querySelector(selector);
  let depth = 0;
  for (let el: Element | null = marked; el && el !== item; el = el.parentElement) depth++;
  return depth;
}

/**
 * One firm mark is enough to tell the sides apart: a loose one on the other side would only add a way to be wrong, and
 * of two firm ones the deeper, inside the message's body, may be what the pointer showed there (vue-advanced-chat's
 * reaction button on the message under it), so only the shallower is kept, unless they are as deep.
 */
function speakers(agentItem: Element, customerItem: Element): { agent?: string; customer?: string } {
  const agent = distinguishing(agentItem, customerItem);
  const customer = distinguishing(customerItem, agentItem);
  const keep = (mark: typeof agent, otherMark: typeof agent) => {
    if (!mark || (!mark.firm && otherMark?.firm)) return undefined;
    return mark.firm && otherMark?.firm && otherMark.depth < mark.depth ? undefined : mark.selector;
  };
  return { agent: keep(agent, customer), customer: keep(customer, agent) };
}

/** The side the agent's message is drawn on, when the customer's is drawn on the other. */
function drawnApart(agentItem: Element, customerItem: Element): Side | undefined {
  const agentSide = agentItem.parentElement && layoutSide(agentItem, agentItem.parentElement);
  const customerSide = customerItem.parentElement && layoutSide(customerItem, customerItem.parentElement);
  return agentSide && customerSide && agentSide !== customerSide ? agentSide : undefined;
}

/** "support.example.com" → "taught-support-example-com" */
const idFor = (host: string) => `taught-${host.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`.slice(0, 60);

/** Whether the selector's matches in the pane are separate elements, none inside another (a message, not a box). */
function separate(found: Element[]): boolean {
  return found.every((a) => !found.some((b) => a !== b && a.contains(b)));
}

function query(pane: Element, selector: string): Element[] {
  try {
    return [...pane.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

/**
 * The selector every message matches, and the two picked messages it finds: the outermost element on the way to each
 * pick that shares a stable part with one on the way to the other (the messages' own class, or a data-* attribute),
 * else the container's children by tag.
 */
function messageShape(pane: Element, container: Element, agentPick: Element, customerPick: Element) {
  const agentChain = chainUnder(container, agentPick);
  const customerChain = chainUnder(container, customerPick);
  const fits = (selector: string, agentItem: Element, customerItem: Element) => {
    const found = query(pane, selector);
    return found.includes(agentItem) && found.includes(customerItem) && separate(found);
  };
  for (const agentItem of agentChain) {
    for (const part of messageParts(agentItem).filter((part) => !part.startsWith("#"))) {
      const selector = `${agentItem.localName}${part}`;
      const customerItem = customerChain.find((el) => el.matches(selector));
      if (customerItem && fits(selector, agentItem, customerItem)) return { message: selector, agentItem, customerItem };
    }
  }
  const [agentItem, customerItem] = [agentChain[0]!, customerChain[0]!];
  const tag = agentItem.localName === customerItem.localName ? agentItem.localName : "*";
  const containerSelector = container === pane ? ":scope" : stableSelector(container, pane);
  const message = containerSelector && `${containerSelector} > ${tag}`;
  return message && fits(message, agentItem, customerItem) ? { message, agentItem, customerItem } : undefined;
}

/** The box itself where a click landed inside it (a paragraph of a rich-text editor). */
const editable = (picked: Element) => picked.closest("textarea, input, [contenteditable]:not([contenteditable='false']), [role='textbox']") ?? picked;

/**
 * From one agent message, one customer message, the pane and the reply box, the selectors that read the site: the
 * shape every message shares, and what tells the agent's from the customer's. Picks may be inside open shadow roots.
 */
export function deriveSpec(picks: Picks, location: Pick<Location, "host" | "hostname">): Derived {
  const { agentMessage, customerMessage } = picks;
  const container = commonAncestor(agentMessage, customerMessage);
  if (!container) return { ok: false, problem: "teachProblemOutsidePane" };
  if (container === agentMessage || container === customerMessage) return { ok: false, problem: "teachProblemSameMessage" };
  const pane = paneHolding(picks.transcript, container);
  if (!pane) return { ok: false, problem: "teachProblemOutsidePane" };
  const transcript = deepSelector(pane);
  if (!transcript) return { ok: false, problem: "teachProblemNoStablePane" };
  const shape = messageShape(pane, container, agentMessage, customerMessage);
  if (!shape) return { ok: false, problem: "teachProblemNoMessageShape" };

  const { agent, customer } = speakers(shape.agentItem, shape.customerItem);
  // Nothing in the markup tells the sides apart (a design system that styles them by generated classes alone): where
  // they are drawn does, if the two picked messages are drawn on opposite sides.
  const agentSide = agent || customer ? undefined : drawnApart(shape.agentItem, shape.customerItem);
  if (!agent && !customer && !agentSide) return { ok: false, problem: "teachProblemSpeakers" };

  const replyBox = picks.replyBox ? deepSelector(editable(picks.replyBox)) : undefined;
  return {
    ok: true,
    spec: {
      id: idFor(location.hostname),
      name: location.hostname,
      channel: "chat",
      hosts: [location.host],
      transcript,
      message: shape.message,
      ...(agent ? { agent } : {}),
      ...(customer ? { customer } : {}),
      ...(agentSide ? { agentSide } : {}),
      ...(replyBox ? { replyBox } : {}),
    },
  };
}
