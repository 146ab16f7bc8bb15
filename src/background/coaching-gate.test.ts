import { describe, expect, it } from "vitest";
import type { Nudge } from "../engine/nudge.js";
import { DEFAULT_SETTINGS } from "../shared/settings.js";
import { NO_SNOOZES } from "../shared/snoozes.js";
import { CoachingGate } from "./coaching-gate.js";

const nudge = (rule: string, severity: Nudge["severity"] = "tip"): Nudge => ({
  rule, pack: "p", event: 0, at: 0, severity, priority: 0, message: "m", suggestion: "s", outcome: "open",
});

describe("CoachingGate", () => {
  it("shows at most the density limit per tab in any five minutes", () => {
    const gate = new CoachingGate();
    const burst = Array.from({ length: 10 }, (_, i) => nudge(`r${i}`));
    expect(gate.admit(1, burst, DEFAULT_SETTINGS, NO_SNOOZES, 1000)).toHaveLength(4);
    expect(gate.admit(1, [nudge("late")], DEFAULT_SETTINGS, NO_SNOOZES, 1000 + 4 * 60_000)).toHaveLength(0);
    expect(gate.admit(2, [nudge("other tab")], DEFAULT_SETTINGS, NO_SNOOZES, 1000)).toHaveLength(1);
    expect(gate.admit(1, [nudge("later")], DEFAULT_SETTINGS, NO_SNOOZES, 1000 + 5 * 60_000)).toHaveLength(1);
  });

  it("shows nothing while all coaching is snoozed, and nothing of a rule snoozed on its own", () => {
    expect(new CoachingGate().admit(1, [nudge("a", "alert")], DEFAULT_SETTINGS, { all: 5000, rules: {} }, 4000)).toEqual([]);
    const ruleSnoozed = { all: 0, rules: { a: 5000 } };
    expect(new CoachingGate().admit(1, [nudge("a"), nudge("b")], DEFAULT_SETTINGS, ruleSnoozed, 4000).map((n) => n.rule)).toEqual(["b"]);
    // A snooze that is over holds nothing back, and takes no place in the density limit while it held one back.
    expect(new CoachingGate().admit(1, [nudge("a")], DEFAULT_SETTINGS, ruleSnoozed, 5000).map((n) => n.rule)).toEqual(["a"]);
  });

  it("keeps only alerts in quiet mode, and only the chosen severities otherwise", () => {
    const all = [nudge("t", "tip"), nudge("w", "warn"), nudge("a", "alert")];
    expect(new CoachingGate().admit(1, all, { ...DEFAULT_SETTINGS, quiet: true }, NO_SNOOZES, 0).map((n) => n.rule)).toEqual(["a"]);
    expect(new CoachingGate().admit(1, all, { ...DEFAULT_SETTINGS, severities: ["warn"] }, NO_SNOOZES, 0).map((n) => n.rule)).toEqual(["w"]);
  });
});

describe("CoachingGate counting cards drawn", () => {
  it("frees the place of a nudge the page dropped without drawing it, and only that one", () => {
    const gate = new CoachingGate();
    const settings = { ...DEFAULT_SETTINGS, maxPerFiveMinutes: 2 };
    const [first, second] = [{ ...nudge("a"), event: 1 }, { ...nudge("b"), event: 2 }];
    expect(gate.admit(1, [first, second], settings, NO_SNOOZES, 1000, "chat-1")).toHaveLength(2);
    expect(gate.admit(1, [{ ...nudge("c"), event: 3 }], settings, NO_SNOOZES, 1000, "chat-1")).toEqual([]);
    // Another conversation's nudge of the same rule and moment is not this one.
    gate.refund(1, "chat-2", [second]);
    expect(gate.admit(1, [{ ...nudge("c"), event: 3 }], settings, NO_SNOOZES, 1000, "chat-1")).toEqual([]);
    gate.refund(1, "chat-1", [second]);
    expect(gate.admit(1, [{ ...nudge("d"), event: 4 }], settings, NO_SNOOZES, 1000, "chat-1").map((n) => n.rule)).toEqual(["d"]);
  });
});

describe("CoachingGate across worker restarts", () => {
  it("takes up the window a stopped worker saved, and a tab never seen starts empty", async () => {
    const data: Record<string, unknown> = {};
    const storage = {
      get: async (key: string | null) => (key !== null && key in data ? { [key]: structuredClone(data[key]) } : {}),
      remove: async (keys: string[]) => keys.forEach((key) => delete data[key]),
    };
    const before = new CoachingGate(storage);
    await before.ready(1);
    expect(before.admit(1, [nudge("a"), nudge("b"), nudge("c")], DEFAULT_SETTINGS, NO_SNOOZES, 1000)).toHaveLength(3);
    Object.assign(data, before.saved(1));
    const after = new CoachingGate(storage);
    await Promise.all([after.ready(1), after.ready(2)]);
    expect(after.admit(1, [nudge("d"), nudge("e")], DEFAULT_SETTINGS, NO_SNOOZES, 2000).map((n) => n.rule)).toEqual(["d"]);
    expect(after.admit(2, [nudge("f"), nudge("g")], DEFAULT_SETTINGS, NO_SNOOZES, 2000)).toHaveLength(2);
    expect(after.saved(1)).toEqual({ "gate:1": [1000, 1000, 1000, 2000].map((at) => ({ at, id: expect.any(String) })) });
    // A closed tab's window goes from storage too: a tab of the same id later starts empty.
    await after.forgetTab(1);
    expect(data).toEqual({});
    const later = new CoachingGate(storage);
    await later.ready(1);
    expect(later.admit(1, [nudge("h"), nudge("i")], DEFAULT_SETTINGS, NO_SNOOZES, 3000)).toHaveLength(2);
  });
});
