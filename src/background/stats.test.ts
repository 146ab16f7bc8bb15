import { describe, expect, it } from "vitest";
import type { Nudge } from "../engine/nudge.js";
import { statsToCsv, type Stats } from "../shared/stats.js";
import { StatsRecorder } from "./stats.js";
import { memoryStorage } from "./test-support.js";

const nudge = (rule: string, outcome: Nudge["outcome"]): Nudge => ({
  rule, pack: "p", event: 0, at: 0, severity: "tip", priority: 0, message: "m", suggestion: "s", outcome,
});

describe("StatsRecorder", () => {
  it("counts raised nudges, decided outcomes of the cards shown and the agent's reactions per rule, however concurrent", async () => {
    const storage = memoryStorage();
    const stats = new StatsRecorder(storage);
    await Promise.all([
      stats.countStep([nudge("open-question", "open"), nudge("use-name", "open")], []),
      stats.countStep([], [nudge("open-question", "followed"), nudge("use-name", "open")]),
      stats.count("open-question", "helpful"),
      stats.count("open-question", "helpful"),
      stats.count("use-name", "dismissed"),
      stats.count("use-name", "used"),
      stats.count("use-name", "notHelpful"),
      stats.count("use-name", "misread"),
      stats.count("use-name", "snoozed"),
      stats.count("open-question", "snoozed"),
      stats.uncount("open-question", "snoozed"),
      // An undo never takes a count below zero.
      stats.uncount("open-question", "snoozed"),
    ]);
    const saved = storage.data.stats as Stats;
    const zero = { raised: 0, shown: 0, followed: 0, missed: 0, dismissed: 0, helpful: 0, notHelpful: 0, wrongMoment: 0, misread: 0, used: 0, snoozed: 0 };
    expect(saved["open-question"]).toEqual({ ...zero, raised: 1, followed: 1, helpful: 2 });
    expect(saved["use-name"]).toEqual({ ...zero, raised: 1, dismissed: 1, notHelpful: 1, misread: 1, used: 1, snoozed: 1 });
    expect(JSON.stringify(saved)).not.toMatch(/"m"|"s"/);
  });

  it("counts a card shown with its outcome when its moment passed before the page said it was drawn", async () => {
    const storage = memoryStorage();
    const stats = new StatsRecorder(storage);
    await stats.countShown(nudge("open-question", "missed"));
    await stats.countShown(nudge("use-name", "open"));
    const saved = storage.data.stats as Stats;
    expect(saved["open-question"]).toMatchObject({ shown: 1, missed: 1, followed: 0 });
    expect(saved["use-name"]).toMatchObject({ shown: 1, missed: 0, followed: 0 });
  });
});

describe("stats export and reset", () => {
  it("writes one CSV row per rule, counts only, and resets after the counts already on their way", async () => {
    const storage = memoryStorage();
    const stats = new StatsRecorder(storage);
    await stats.count("use-name", "helpful");
    await stats.count("open-question", "raised");
    await stats.count("use-name", "used");
    expect(statsToCsv(storage.data.stats as Stats)).toBe(
      "rule,raised,shown,followed,missed,dismissed,helpful,notHelpful,wrongMoment,misread,used,snoozed\nopen-question,1,0,0,0,0,0,0,0,0,0,0\nuse-name,0,0,0,0,0,1,0,0,0,1,0\n",
    );
    const counting = stats.count("use-name", "dismissed");
    await stats.reset();
    await counting;
    expect(storage.data.stats).toEqual({});
  });
});

describe("the period the counts cover", () => {
  it("starts at the first count, adds an active hour per clock hour with a count, and starts again after a reset", async () => {
    const storage = memoryStorage();
    const HOUR = 3_600_000;
    let now = 10 * HOUR + 1000;
    const stats = new StatsRecorder(storage, () => now);
    await stats.count("use-name", "raised");
    now += 60_000;
    await stats.count("use-name", "shown");
    expect(storage.data.statsPeriod).toEqual({ from: 10 * HOUR + 1000, activeHours: 1, lastHour: 10 });
    // Two hours later (nothing counted in between): one more active hour, not three.
    now = 12 * HOUR + 5;
    await stats.count("use-name", "helpful");
    expect(storage.data.statsPeriod).toEqual({ from: 10 * HOUR + 1000, activeHours: 2, lastHour: 12 });
    await stats.reset();
    expect(storage.data.statsPeriod).toBeNull();
    now = 13 * HOUR;
    await stats.count("use-name", "raised");
    expect(storage.data.statsPeriod).toEqual({ from: 13 * HOUR, activeHours: 1, lastHour: 13 });
  });
});
