// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { selectorAdapter } from "../adapters/selector-adapter.js";
import { SelectorSpecSchema } from "../adapters/selector-spec.js";
import type { ConversationEvent } from "../engine/conversation.js";
import { TranscriptSession } from "./transcript-session.js";
import { TurnTracker } from "./turn-tracker.js";

/** Lets the page's mutation records and the reading they schedule (a microtask, outside a flood) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A console that marks each side by a class, and a session reading it: every reading of the pane counted, every turn
 * sent recorded.
 */
function consoleWithSession() {
  const pane = Object.assign(document.createElement("div"), { className: "pane" });
  const add = (classes: string, text: string) => {
    const item = Object.assign(document.createElement("div"), { className: classes, textContent: text });
    pane.append(item);
    return item;
  };
  add("msg from-agent", "Hello, how can I help?");
  document.body.replaceChildren(pane);
  const spec = SelectorSpecSchema.parse({ id: "sides-by-class", name: "Sides by class", hosts: ["support.example.com"], transcript: ".pane", message: ".msg", agent: ".from-agent", customer: ".from-customer" });
  const adapter = selectorAdapter(spec);
  const readings = { count: 0 };
  const counted = { ...adapter, messages: (transcript: Element) => (readings.count++, adapter.messages(transcript)) };
  const sent: string[] = [];
  const context = {
    key: "default",
    tracker: new TurnTracker(),
    now: () => 0,
    send: (event: ConversationEvent, reading: string) => void sent.push(`${reading} ${"speaker" in event ? event.speaker : ""}: ${"text" in event ? event.text : ""}`),
  };
  const session = new TranscriptSession(counted, pane, context, () => undefined, { late: false, swapped: false, coachWaiting: false, sentByAgent: () => false });
  return { pane, readings, sent, session, add };
}

describe("a chat pane's session", () => {
  it("reads a message whose side is marked a moment after it is drawn, once the mark comes", async () => {
    const { sent, session, add } = consoleWithSession();
    expect(sent).toEqual(["history agent: Hello, how can I help?"]);
    const late = add("msg", "Where is my refund?");
    await settle();
    expect(sent).toHaveLength(1);
    late.classList.add("from-customer");
    await vi.waitFor(() => expect(sent).toEqual(["history agent: Hello, how can I help?", "live customer: Where is my refund?"]));
    session.stop();
  });

  it("does not read the pane again for attributes that change on messages already read (the pointer, times ago)", async () => {
    const { pane, readings, sent, session } = consoleWithSession();
    const before = readings.count;
    const read = pane.querySelector(".msg")!;
    read.classList.add("is-hovered");
    read.setAttribute("data-ago", "2 min");
    await settle();
    expect(readings.count).toBe(before);
    expect(sent).toEqual(["history agent: Hello, how can I help?"]);
    session.stop();
  });
});
