import type { SelectorSpec } from "../adapters/selector-spec.js";
import { matchesOrHolds } from "../adapters/deep-query.js";
import { stableParts, stableSelector } from "./stable-selector.js";

/** What the person teaching the site picked on the page. */
export interface Picks {
  transcript: Element;
  agentMessage: Element;
  customerMessage: Element;
  replyBox?: Element | undefined;
}

export type Derived = { ok: true; spec: SelectorSpec } | { ok: false; problem: string };

/** The item a picked element belongs to: its ancestor (or itself) that is a child of `container`. */
function itemUnder(container: Element, picked: Element): Element | null {
  let el: Element | null = picked;
  while (el && el.parentElement !== container) el = el.parentElement;
  return el;
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (let el: Element | null = a; el; el = el.parentElement) if (el.contains(b)) return el;
  return null;
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

/** A selector that marks `mine` and not `other`: on the item itself first, then inside it. */
function distinguishing(mine: Element, other: Element): string | undefined {
  const otherParts = partsWithin(other);
  const candidates = [...messageParts(mine), ...partsWithin(mine)].filter((part) => !otherParts.has(part) && !part.startsWith("#"));
  return candidates.find((part) => matchesOrHolds(mine, part) && !matchesOrHolds(other, part));
}

/** "support.example.com" → "taught-support-example-com" */
const idFor = (host: string) => `taught-${host.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`.slice(0, 60);

/**
 * From one agent message, one customer message, the pane and the reply box, the selectors that read the site: the
 * shape every message shares, and what tells the agent's from the customer's.
 */
export function deriveSpec(picks: Picks, location: Pick<Location, "host" | "hostname">): Derived {
  const { transcript, agentMessage, customerMessage } = picks;
  if (!transcript.contains(agentMessage) || !transcript.contains(customerMessage)) {
    return { ok: false, problem: "teachProblemOutsidePane" };
  }
  const container = commonAncestor(agentMessage, customerMessage);
  if (!container || container === agentMessage || container === customerMessage || !transcript.contains(container)) {
    return { ok: false, problem: "teachProblemSameMessage" };
  }
  const agentItem = itemUnder(container, agentMessage)!;
  const customerItem = itemUnder(container, customerMessage)!;
  const transcriptSelector = stableSelector(transcript);
  if (!transcriptSelector) return { ok: false, problem: "teachProblemNoStablePane" };

  const customerParts = new Set(messageParts(customerItem));
  const shared = messageParts(agentItem).filter((part) => customerParts.has(part) && !part.startsWith("#"));
  const tag = agentItem.localName === customerItem.localName ? agentItem.localName : "*";
  const containerSelector = container === transcript ? ":scope" : stableSelector(container, transcript);
  const candidates = [
    ...shared.map((part) => `${tag === "*" ? "" : tag}${part}`),
    ...(containerSelector ? [`${containerSelector} > ${tag}`] : []),
  ];
  const message = candidates.find((selector) => {
    const found = [...transcript.querySelectorAll(selector)];
    return found.includes(agentItem) && found.includes(customerItem);
  });
  if (!message) return { ok: false, problem: "teachProblemNoMessageShape" };

  const agent = distinguishing(agentItem, customerItem);
  const customer = distinguishing(customerItem, agentItem);
  if (!agent && !customer) return { ok: false, problem: "teachProblemSpeakers" };

  const replyBox = picks.replyBox ? stableSelector(picks.replyBox) : undefined;
  return {
    ok: true,
    spec: {
      id: idFor(location.hostname),
      name: location.hostname,
      channel: "chat",
      hosts: [location.host],
      transcript: transcriptSelector,
      message,
      ...(agent ? { agent } : {}),
      ...(customer ? { customer } : {}),
      ...(replyBox ? { replyBox } : {}),
    },
  };
}
