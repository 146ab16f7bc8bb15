// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { TurnTracker, type ReadMessage } from "./turn-tracker.js";

const texts = (messages: ReadMessage[]) => messages.map((m) => m.text);

describe("TurnTracker", () => {
  it("reports each message once across repeated readings", () => {
    const tracker = new TurnTracker();
    const first = [{ speaker: "customer" as const, text: "Hi" }];
    expect(tracker.read(first).added).toHaveLength(1);
    expect(tracker.read(first).added).toHaveLength(0);
    const second = [...first, { speaker: "agent" as const, text: "Hello!" }];
    expect(tracker.read(second).added).toEqual([{ speaker: "agent", text: "Hello!" }]);
  });

  it("counts the same words said twice as two turns", () => {
    const tracker = new TurnTracker();
    tracker.read([{ speaker: "customer", text: "ok" }]);
    const { added } = tracker.read([
      { speaker: "customer", text: "ok" },
      { speaker: "agent", text: "Anything else?" },
      { speaker: "customer", text: "ok" },
    ]);
    expect(texts(added)).toEqual(["Anything else?", "ok"]);
  });

  it("knows a message by the console's id even when its text is the same as another's", () => {
    const tracker = new TurnTracker();
    tracker.read([{ speaker: "customer", text: "ok", id: "m1" }]);
    expect(tracker.read([{ speaker: "customer", text: "ok", id: "m1" }, { speaker: "customer", text: "ok", id: "m2" }]).added)
      .toEqual([{ speaker: "customer", text: "ok", id: "m2" }]);
  });

  it("skips messages with no text", () => {
    expect(new TurnTracker().read([{ speaker: "agent", text: "" }]).added).toEqual([]);
  });

  it("reports an edit, by id or by element, as an edit and not as a new message", () => {
    const tracker = new TurnTracker();
    const element = {} as Element;
    tracker.read([{ speaker: "agent", text: "Your refund is on it's way", element }, { speaker: "customer", text: "ok", id: "c1" }]);
    const reading = tracker.read([
      { speaker: "agent", text: "Your refund is on its way", element },
      { speaker: "customer", text: "ok, thanks", id: "c1" },
    ]);
    expect(reading.added).toEqual([]);
    expect(texts(reading.edited)).toEqual(["Your refund is on its way", "ok, thanks"]);
  });

  it("knows a message edited in place, in a page without ids, when the page draws it again", () => {
    const tracker = new TurnTracker();
    const element = {} as Element;
    tracker.read([{ speaker: "customer", text: "Hi" }, { speaker: "agent", text: "Your refund is on it's way", element }]);
    tracker.read([{ speaker: "customer", text: "Hi" }, { speaker: "agent", text: "Your refund is on its way", element }]);
    const redrawn = tracker.read([{ speaker: "customer", text: "Hi", element: {} as Element }, { speaker: "agent", text: "Your refund is on its way", element: {} as Element }]);
    expect(redrawn.added).toEqual([]);
    expect(redrawn.older).toEqual([]);
  });

  it("takes older history loaded above the known messages as older, not as new turns", () => {
    const tracker = new TurnTracker();
    tracker.read([{ speaker: "customer", text: "Where is my order?", id: "5" }]);
    const reading = tracker.read([
      { speaker: "customer", text: "Hello", id: "3" },
      { speaker: "agent", text: "Hi, how can I help?", id: "4" },
      { speaker: "customer", text: "Where is my order?", id: "5" },
      { speaker: "agent", text: "Let me check.", id: "6" },
    ]);
    expect(texts(reading.older)).toEqual(["Hello", "Hi, how can I help?"]);
    expect(texts(reading.added)).toEqual(["Let me check."]);
  });

  it("survives a virtualised list: rows dropped and drawn again are known, a view far up the history adds nothing", () => {
    const tracker = new TurnTracker();
    const all = Array.from({ length: 30 }, (_, i) => ({ speaker: i % 2 ? "agent" as const : "customer" as const, text: `message ${i}`, id: `m${i}` }));
    // The first reading reads the newest messages and knows the rest by id.
    tracker.markSeen(all.slice(0, 20).map((m) => m.id));
    tracker.read(all.slice(20));
    expect(tracker.read(all.slice(10, 20)).added).toEqual([]);
    expect(tracker.read(all.slice(0, 10)).added).toEqual([]);
    expect(tracker.read(all.slice(15, 25)).added).toEqual([]);
    const next = { speaker: "customer" as const, text: "still there?", id: "m30" };
    expect(tracker.read([...all.slice(21), next]).added).toEqual([next]);
  });

  it("counts a repeated message as new when the reading starts part-way down the list", () => {
    const tracker = new TurnTracker();
    const el = (): Element => {
      const fake = { isConnected: true, contains: (other: unknown) => other === fake };
      return fake as unknown as Element;
    };
    const first = { speaker: "customer" as const, text: "ok", element: el() };
    const question = { speaker: "agent" as const, text: "Anything else?", element: el() };
    tracker.read([first, question]);
    // Only the newest part of the list is read: the earlier "ok" is still on the page, so this is another one.
    const again = { speaker: "customer" as const, text: "ok", element: el() };
    expect(tracker.read([question, again]).added).toEqual([again]);
    // A full re-render draws new elements for the same messages, the old ones gone: nothing new.
    Object.assign(first.element, { isConnected: false });
    Object.assign(question.element, { isConnected: false });
    Object.assign(again.element, { isConnected: false });
    const redrawn = [first, question, again].map((m) => ({ ...m, element: el() }));
    expect(tracker.read(redrawn).added).toEqual([]);
  });

  it("takes a message read again as a whole, after its inner part was read, as the same message", () => {
    const tracker = new TurnTracker();
    const outer = document.createElement("div");
    const inner = outer.appendChild(document.createElement("p"));
    document.body.append(outer);
    expect(tracker.read([{ speaker: "customer", text: "ok", element: inner }]).added).toHaveLength(1);
    expect(tracker.read([{ speaker: "customer", text: "ok", element: outer }]).added).toEqual([]);
    outer.remove();
  });

  it("takes a cleared list's first message as new", () => {
    const tracker = new TurnTracker();
    tracker.read([{ speaker: "customer", text: "Hello" }, { speaker: "agent", text: "Hi!" }]);
    expect(tracker.read([]).added).toEqual([]);
    expect(tracker.read([{ speaker: "customer", text: "New question" }]).added).toHaveLength(1);
  });

  it("takes in thousands of identical messages without ids with a few looks at the page per message", () => {
    const tracker = new TurnTracker();
    let looks = 0;
    // Elements still on the page, counting every time the tracker asks whether they are.
    const el = (): Element => {
      const fake = { get isConnected() { looks++; return true; }, contains: (other: unknown) => other === fake };
      return fake as unknown as Element;
    };
    const COUNT = 3000;
    let previous: ReadMessage | undefined;
    let previousAnswer: ReadMessage | undefined;
    let added = 0;
    for (let i = 0; i < COUNT; i++) {
      const ok = { speaker: "customer" as const, text: "ok", element: el() };
      // As the session reads a list that grew by one: from the newest back to the first message it knows.
      added += tracker.read(previous ? [previous, ok] : [ok]).added.length;
      previous = ok;
      // And the same with an answer between each "ok", so that the reading holds no earlier "ok".
      const answer = { speaker: "agent" as const, text: "Anything else?", element: el() };
      const again = { speaker: "customer" as const, text: "ok?", element: el() };
      added += tracker.read(previousAnswer ? [previousAnswer, again] : [again]).added.length;
      added += tracker.read([again, answer]).added.length;
      previousAnswer = answer;
    }
    expect(added).toBe(3 * COUNT);
    expect(looks / (3 * COUNT)).toBeLessThan(3);
  });

  it("still tells a repeated message on the page from the same one drawn again", () => {
    const tracker = new TurnTracker();
    const list = document.body.appendChild(document.createElement("ul"));
    const draw = (texts: string[]) => {
      list.replaceChildren(...texts.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
      return [...list.children].map((element) => ({ speaker: "customer" as const, text: element.textContent!, element }));
    };
    const one = draw(["ok"]);
    expect(tracker.read(one).added).toHaveLength(1);
    // The customer says "ok" again: the list gains a second "ok" and only that one is read.
    const two = [...one, ...[list.appendChild(Object.assign(document.createElement("li"), { textContent: "ok" }))].map((element) => ({ speaker: "customer" as const, text: "ok", element }))];
    expect(tracker.read(two.slice(1)).added).toHaveLength(1);
    // The page draws both again: nothing new. Then a third "ok", read alone: new.
    expect(tracker.read(draw(["ok", "ok"])).added).toEqual([]);
    const third = list.appendChild(Object.assign(document.createElement("li"), { textContent: "ok" }));
    expect(tracker.read([{ speaker: "customer", text: "ok", element: third }]).added).toHaveLength(1);
    list.remove();
  });
});
