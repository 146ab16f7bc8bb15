import { describe, expect, it } from "vitest";
import type { Nudge } from "../../engine/index.js";
import { compareNudges } from "./nudge-diff.js";

const nudge = (rule: string, event: number, more: Partial<Nudge> = {}): Nudge => ({
  rule, pack: "p", event, at: event * 5, severity: "tip", priority: 1, message: `${rule} says`, suggestion: "", outcome: "open", ...more,
});
const differences = (list: ReadonlyArray<{ nudge: Nudge; difference: string }>) => list.map((n) => `${n.nudge.rule}@${n.nudge.event}:${n.difference}`);

describe("the live preview's two sides compared", () => {
  it("pairs nudges by rule and event: alike is the same, only one side's is marked so, a different message or ending is changed", () => {
    const edited = [nudge("a", 0), nudge("b", 1, { message: "reworded" }), nudge("c", 2, { outcome: "followed" }), nudge("new", 3)];
    const defaults = [nudge("a", 0), nudge("b", 1), nudge("c", 2), nudge("gone", 3)];
    const sides = compareNudges(edited, defaults);
    expect(differences(sides.edited)).toEqual(["a@0:same", "b@1:changed", "c@2:changed", "new@3:only"]);
    expect(differences(sides.defaults)).toEqual(["a@0:same", "b@1:changed", "c@2:changed", "gone@3:only"]);
  });

  it("a rule raised at another event is not the same nudge, and repeats pair in order", () => {
    const sides = compareNudges([nudge("a", 1), nudge("r", 2), nudge("r", 2)], [nudge("a", 0), nudge("r", 2)]);
    expect(differences(sides.edited)).toEqual(["a@1:only", "r@2:same", "r@2:only"]);
    expect(differences(sides.defaults)).toEqual(["a@0:only", "r@2:same"]);
  });

  it("with no draft change both sides are the same throughout", () => {
    const list = [nudge("a", 0), nudge("b", 4, { severity: "alert" })];
    const sides = compareNudges(list, structuredClone(list));
    expect([...sides.edited, ...sides.defaults].every((n) => n.difference === "same")).toBe(true);
  });
});
