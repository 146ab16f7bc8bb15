import { describe, expect, it } from "vitest";
import { inRange, paramRange, ruleSettingRange } from "./param-ranges.js";

describe("paramRange", () => {
  it("reads a metric's threshold range from the branch of its measure, at the top and in calls", () => {
    expect(paramRange("metric", { measure: "talk-share", threshold: 5 }, "threshold")).toEqual({ min: 0.05, max: 0.95, integer: false });
    expect(paramRange("metric", { measure: "speech-rate", threshold: 170 }, "threshold")).toEqual({ min: 60, max: 400, integer: false });
    // A call's threshold in another measure is read as that measure; with none, as the chat's.
    const monologue = { measure: "monologue-words", threshold: 80, call: { measure: "monologue-seconds", threshold: 60 } };
    expect(paramRange("metric", monologue, "call.threshold")).toEqual({ min: 5, max: 1800, integer: false });
    expect(paramRange("metric", { measure: "talk-share", threshold: 0.6, call: { threshold: 0.7 } }, "call.threshold")).toMatchObject({ min: 0.05, max: 0.95 });
    expect(paramRange("metric", { measure: "speech-rate", threshold: 170 }, "minWords")).toEqual({ min: 0, max: 200, integer: true });
  });

  it("reads the other kinds' numbers, and nothing where there is no number", () => {
    expect(paramRange("no-reply-within", { speaker: "customer", seconds: 30 }, "seconds")).toEqual({ min: 1, max: 3600, integer: false });
    expect(paramRange("consecutive", { count: 2 }, "count")).toEqual({ min: 1, max: 50, integer: true });
    expect(paramRange("not-yet-said", { trigger: { turnNumber: 3 } }, "trigger.turnNumber")).toEqual({ min: 1, max: 50, integer: true });
    expect(paramRange("overlap", {}, "drafts")).toBeUndefined();
    expect(paramRange("no-such-kind", {}, "seconds")).toBeUndefined();
    expect(ruleSettingRange("cooldownSeconds")).toEqual({ min: 0, max: 3600, integer: false });
    expect(ruleSettingRange("maxPerConversation")).toEqual({ min: 1, max: 100, integer: true });
  });

  it("tells a value in range from one outside", () => {
    const share = { min: 0.05, max: 0.95, integer: false };
    expect([0.05, 0.65, 0.95].every((v) => inRange(v, share))).toBe(true);
    expect([5, 0, Number.NaN].some((v) => inRange(v, share))).toBe(false);
    expect(inRange(2.5, { min: 1, max: 50, integer: true })).toBe(false);
  });
});
