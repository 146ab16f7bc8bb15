import { describe, expect, it } from "vitest";
import type { Nudge } from "../engine/nudge.js";
import { NudgeQueue } from "./nudge-queue.js";

const nudge = (rule: string, event: number, severity: Nudge["severity"] = "tip", priority = 0): Nudge => ({
  rule, pack: "p", event, at: event, severity, priority, message: rule, suggestion: "", outcome: "open",
});

describe("NudgeQueue", () => {
  it("shows the most important first: severity, then priority, then the newest", () => {
    const queue = new NudgeQueue();
    queue.add([nudge("tip", 1), nudge("warn-low", 2, "warn", 10), nudge("warn-high", 3, "warn", 90), nudge("alert", 0, "alert")]);
    expect(queue.current()?.rule).toBe("alert");
    queue.remove(queue.current()!);
    expect(queue.current()?.rule).toBe("warn-high");
  });

  it("drops the nudges the agent's reply made stale, but not the one on screen", () => {
    const queue = new NudgeQueue();
    const shown = nudge("shown", 1, "alert");
    queue.add([shown, nudge("stale", 2), nudge("also stale", 3)]);
    queue.dropWaiting(shown);
    expect(queue.size).toBe(1);
    queue.add([nudge("raised by the reply", 6)]);
    queue.remove(shown);
    expect(queue.current()?.rule).toBe("raised by the reply");
  });

  it("takes decided nudges out and says which of them were waiting", () => {
    const queue = new NudgeQueue();
    queue.add([nudge("a", 1)]);
    expect(queue.resolve([{ ...nudge("a", 1), outcome: "followed" }, { ...nudge("b", 2), outcome: "missed" }]).map((n) => n.rule)).toEqual(["a"]);
    expect(queue.current()).toBeUndefined();
  });

  it("lets a rule's newer nudge replace its older one, and keeps other rules' nudges of earlier moments", () => {
    const queue = new NudgeQueue();
    queue.add([nudge("open-question", 2, "tip"), nudge("acknowledge", 1, "warn")]);
    queue.add([nudge("open-question", 5, "tip")]);
    expect(queue.size).toBe(2);
    queue.remove(queue.current()!);
    expect(queue.current()).toMatchObject({ rule: "open-question", event: 5 });
  });
});
