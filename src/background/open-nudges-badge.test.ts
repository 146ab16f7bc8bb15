import { describe, expect, it } from "vitest";
import type { Nudge } from "../engine/nudge.js";
import { OpenNudgesBadge } from "./open-nudges-badge.js";

const nudge = (rule: string, event: number): Nudge => ({ rule, pack: "p", event, at: 0, severity: "tip", priority: 0, message: "m", suggestion: "s", outcome: "open" });

function memory() {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key: string | null) => (key === null ? structuredClone(data) : key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
    remove: async (keys: string[]) => keys.forEach((k) => delete data[k]),
  };
}

describe("OpenNudgesBadge", () => {
  it("counts on from what a stopped worker saved", async () => {
    const storage = memory();
    const shown: Array<[number, number]> = [];
    const show = async (tabId: number, count: number) => void shown.push([tabId, count]);
    await new OpenNudgesBadge(storage, show).shown(1, [nudge("a", 1), nudge("b", 2)], []);
    const restarted = new OpenNudgesBadge(storage, show);
    await Promise.all([restarted.shown(1, [nudge("c", 3)], [nudge("a", 1)]), restarted.shown(2, [nudge("a", 0)], [])]);
    await restarted.dropRule(1, "b");
    expect(shown).toEqual([[1, 2], [1, 2], [2, 1], [1, 1]]);
    await restarted.clearAll();
    expect(shown.slice(-2).map(([, count]) => count)).toEqual([0, 0]);
    await restarted.forget(1);
    expect(Object.keys(storage.data)).toEqual(["badge:2"]);
  });
});
