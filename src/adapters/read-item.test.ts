// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import type { Adapter } from "./adapter.js";
import generic from "./generic.js";
import { readItem } from "./read-item.js";
import { selectorAdapter } from "./selector-adapter.js";
import { SelectorSpecSchema } from "./selector-spec.js";

// A customer's words cannot change who wrote them: "Agent: …", "Support: …", "Sent: …" or "Me: …" from the customer,
// on a page that tells the sides apart by its markup or its layout, is the customer's, with every word kept.

const PREFIXES = ["Agent:", "Support:", "Sent:", "Me:"];
const complaint = (prefix: string) => `${prefix} I have asked three times now and nobody answers`;

/** Test markup, parsed (never rendered from page text). */
const fill = (markup: string) => document.body.replaceChildren(document.createRange().createContextualFragment(markup));

function readAll(adapter: Adapter) {
  const transcript = adapter.findTranscript(document);
  if (!transcript) throw new Error("no transcript found");
  return adapter.messages(transcript).flatMap((item) => readItem(adapter, item) ?? []);
}

/** Each prefixed complaint from the customer, each answered by the agent, in the markup `row` draws for a side. */
const chat = (row: (side: "customer" | "agent", text: string) => string) =>
  `<div role="log" class="log">${PREFIXES.map((prefix) => row("customer", complaint(prefix)) + row("agent", "I'm sorry, let me look at it right away.")).join("")}</div>`;

const expected = PREFIXES.flatMap((prefix) => [
  { speaker: "customer", text: complaint(prefix) },
  { speaker: "agent", text: "I'm sorry, let me look at it right away." },
]);

/**
 * jsdom lays nothing out: the page is drawn here as a browser would, 800 px wide, each message's words at the start of
 * the line or at its end, by where `drawn` says.
 */
function drawSides(drawn: (item: Element) => "start" | "end" | undefined) {
  const element = Object.getOwnPropertyDescriptor(Element.prototype, "getBoundingClientRect")!;
  // jsdom has no Range.getBoundingClientRect at all.
  const range = Object.getOwnPropertyDescriptor(Range.prototype, "getBoundingClientRect");
  const box = (node: Node | null): DOMRect => {
    let side: "start" | "end" | undefined;
    for (let el = node instanceof Element ? node : (node?.parentElement ?? null); el && !side; el = el.parentElement) side = drawn(el);
    const [left, right] = side === "start" ? [10, 400] : side === "end" ? [400, 790] : [0, 800];
    return { left, right, x: left, width: right - left, top: 0, y: 0, bottom: 40, height: 40, toJSON: () => ({}) };
  };
  Element.prototype.getBoundingClientRect = function (this: Element) {
    return box(this);
  };
  Range.prototype.getBoundingClientRect = function (this: Range) {
    return box(this.startContainer);
  };
  return () => {
    Object.defineProperty(Element.prototype, "getBoundingClientRect", element);
    if (range) Object.defineProperty(Range.prototype, "getBoundingClientRect", range);
    else delete (Range.prototype as Partial<Range>).getBoundingClientRect;
  };
}

let undraw: (() => void) | undefined;
afterEach(() => {
  undraw?.();
  undraw = undefined;
});

describe("structure outranks text: the generic reader", () => {
  it("reads a customer's 'Agent: …' as the customer's where classes alone mark the sides", () => {
    fill(chat((side, text) => `<div class="bubble bubble--${side}"><p>${text}</p></div>`));
    expect(readAll(generic)).toEqual(expected);
  });

  it("reads it as the customer's where attributes alone mark the sides", () => {
    fill(chat((side, text) => `<div data-author="${side === "customer" ? "visitor" : "operator"}"><p>${text}</p></div>`));
    expect(readAll(generic)).toEqual(expected);
  });

  it("reads it as the customer's where only the layout tells the sides apart", () => {
    fill(chat((side, text) => `<div class="row" data-side-for-test="${side === "customer" ? "start" : "end"}"><p>${text}</p></div>`));
    undraw = drawSides((el) => (el.getAttribute("data-side-for-test") as "start" | "end" | null) ?? undefined);
    expect(readAll(generic)).toEqual(expected);
  });

  it("takes a customer's one-word answer naming a side as the customer's, where the bubble's class holds 'from'", () => {
    const row = (side: string, text: string) => `<div class="row"><div class="bubble from-${side}">${text}</div></div>`;
    fill(`<div role="log">${row("agent", "Is this about sales or support?")}${row("customer", "Support")}${row("agent", "Thanks, and who is the order for?")}${row("customer", "Me")}</div>`);
    expect(readAll(generic)).toEqual([
      { speaker: "agent", text: "Is this about sales or support?" },
      { speaker: "customer", text: "Support" },
      { speaker: "agent", text: "Thanks, and who is the order for?" },
      { speaker: "customer", text: "Me" },
    ]);
  });

  it("still takes the side from a label in the text where nothing else tells it, and leaves the label out", () => {
    fill(`<ul role="log"><li>Customer: my parcel never came</li><li>Agent: I'm sorry to hear that</li><li>Me: let me check</li></ul>`);
    expect(readAll(generic)).toEqual([
      { speaker: "customer", text: "my parcel never came" },
      { speaker: "agent", text: "I'm sorry to hear that" },
      { speaker: "agent", text: "let me check" },
    ]);
  });
});

describe("structure outranks text: a taught site's or a console's reader", () => {
  const adapter = (spec: Record<string, unknown>) =>
    selectorAdapter(SelectorSpecSchema.parse({ id: "example", name: "Example desk", hosts: ["example.com"], transcript: ".log", message: ".log > div", ...spec }));

  it("reads a customer's 'Agent: …' as the customer's, words kept, where classes mark the sides", () => {
    fill(chat((side, text) => `<div class="${side === "customer" ? "in" : "out"}">${text}</div>`));
    expect(readAll(adapter({ agent: ".out", customer: ".in" }))).toEqual(expected);
  });

  it("reads it as the customer's where attributes mark the sides", () => {
    fill(chat((side, text) => `<div data-direction="${side === "customer" ? "inbound" : "outbound"}">${text}</div>`));
    expect(readAll(adapter({ customer: "[data-direction='inbound']" }))).toEqual(expected);
  });

  it("reads it as the customer's where the sides are told by where they are drawn", () => {
    fill(chat((side, text) => `<div data-side-for-test="${side === "customer" ? "start" : "end"}">${text}</div>`));
    undraw = drawSides((el) => (el.getAttribute("data-side-for-test") as "start" | "end" | null) ?? undefined);
    expect(readAll(adapter({ agentSide: "end" }))).toEqual(expected);
  });

  it("leaves out a label the page puts before the text of the side it names", () => {
    fill(`<div class="log"><div class="in">Customer: it broke</div><div class="out">Agent: sorry about that</div></div>`);
    expect(readAll(adapter({ agent: ".out", customer: ".in" }))).toEqual([
      { speaker: "customer", text: "it broke" },
      { speaker: "agent", text: "sorry about that" },
    ]);
  });
});
