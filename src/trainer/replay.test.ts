import { describe, expect, it } from "vitest";
import { Replay } from "./replay.js";
import { shippedPacks } from "./test-packs.js";

describe("a live replay (practice)", () => {
  it("closed, every nudge still open is missed, and the step resolves exactly those", () => {
    const replay = new Replay(shippedPacks, { language: "en", channel: "chat", events: [] }, "en", true);
    replay.append({ type: "turn", speaker: "customer", text: "Hi, I was charged twice and I'm annoyed.", at: 0 });
    // No acknowledgement or apology (missed by this reply), and a blaming phrase (a nudge with no outcome: open).
    replay.append({ type: "turn", speaker: "agent", text: "As I said, check your statement.", at: 5 });
    const before = replay.nudges().map((n) => [n.rule, n.outcome]);
    expect(before).toContainEqual(["positive-language", "open"]);
    expect(before).toContainEqual(["acknowledge-frustration", "missed"]);
    const open = before.filter(([, outcome]) => outcome === "open").map(([rule]) => rule);

    const step = replay.close();
    expect(step.events).toEqual([]);
    expect(step.raised).toEqual([]);
    expect(step.resolved.map((n) => [n.rule, n.outcome])).toEqual(open.map((rule) => [rule, "missed"]));
    expect(replay.nudges().map((n) => n.outcome)).not.toContain("open");
    expect(replay.nudges().map((n) => [n.rule, n.outcome])).toEqual(before.map(([rule, outcome]) => [rule, outcome === "open" ? "missed" : outcome]));

    // Started again, it is open to the conversation again.
    replay.reset();
    replay.advanceTo(Infinity);
    expect(replay.nudges().map((n) => [n.rule, n.outcome])).toEqual(before);
  });
});
