import { describe, expect, it } from "vitest";
import type { Nudge } from "../engine/nudge.js";
import { DEFAULT_SETTINGS } from "../shared/settings.js";
import { CoachingGate } from "./coaching-gate.js";

const nudge = (rule: string, severity: Nudge["severity"] = "tip"): Nudge => ({
  rule, pack: "p", event: 0, at: 0, severity, priority: 0, message: "m", suggestion: "s", outcome: "open",
});

describe("CoachingGate", () => {
  it("shows at most the density limit per tab in any five minutes", () => {
    const gate = new CoachingGate();
    const burst = Array.from({ length: 10 }, (_, i) => nudge(`r${i}`));
    expect(gate.admit(1, burst, DEFAULT_SETTINGS, 0, 1000)).toHaveLength(4);
    expect(gate.admit(1, [nudge("late")], DEFAULT_SETTINGS, 0, 1000 + 4 * 60_000)).toHaveLength(0);
    expect(gate.admit(2, [nudge("other tab")], DEFAULT_SETTINGS, 0, 1000)).toHaveLength(1);
    expect(gate.admit(1, [nudge("later")], DEFAULT_SETTINGS, 0, 1000 + 5 * 60_000)).toHaveLength(1);
  });

  it("shows nothing while snoozed", () => {
    expect(new CoachingGate().admit(1, [nudge("a", "alert")], DEFAULT_SETTINGS, 5000, 4000)).toEqual([]);
  });

  it("keeps only alerts in quiet mode, and only the chosen severities otherwise", () => {
    const all = [nudge("t", "tip"), nudge("w", "warn"), nudge("a", "alert")];
    expect(new CoachingGate().admit(1, all, { ...DEFAULT_SETTINGS, quiet: true }, 0, 0).map((n) => n.rule)).toEqual(["a"]);
    expect(new CoachingGate().admit(1, all, { ...DEFAULT_SETTINGS, severities: ["warn"] }, 0, 0).map((n) => n.rule)).toEqual(["w"]);
  });
});
