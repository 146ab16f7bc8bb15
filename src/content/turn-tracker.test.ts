import { describe, expect, it } from "vitest";
import { TurnTracker } from "./turn-tracker.js";

describe("TurnTracker", () => {
  it("reports each message once across repeated readings", () => {
    const tracker = new TurnTracker();
    const first = [{ speaker: "customer" as const, text: "Hi" }];
    expect(tracker.newMessages(first)).toHaveLength(1);
    expect(tracker.newMessages(first)).toHaveLength(0);
    const second = [...first, { speaker: "agent" as const, text: "Hello!" }];
    expect(tracker.newMessages(second)).toEqual([{ speaker: "agent", text: "Hello!" }]);
  });

  it("counts the same words said twice as two turns", () => {
    const tracker = new TurnTracker();
    tracker.newMessages([{ speaker: "customer", text: "ok" }]);
    const fresh = tracker.newMessages([
      { speaker: "customer", text: "ok" },
      { speaker: "agent", text: "Anything else?" },
      { speaker: "customer", text: "ok" },
    ]);
    expect(fresh.map((m) => m.text)).toEqual(["Anything else?", "ok"]);
  });

  it("knows a message by the console's id even when its text is the same as another's", () => {
    const tracker = new TurnTracker();
    tracker.newMessages([{ speaker: "customer", text: "ok", id: "m1" }]);
    expect(tracker.newMessages([{ speaker: "customer", text: "ok", id: "m1" }, { speaker: "customer", text: "ok", id: "m2" }]))
      .toEqual([{ speaker: "customer", text: "ok", id: "m2" }]);
  });

  it("skips messages with no text", () => {
    expect(new TurnTracker().newMessages([{ speaker: "agent", text: "" }])).toEqual([]);
  });
});
