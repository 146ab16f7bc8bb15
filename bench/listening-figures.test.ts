import { describe, expect, it } from "vitest";
import { audioClockZero, busiest, clockLag, cpuShares, heapTrend, lapNudges, overlapDelays, type ProcessInfo } from "./listening-figures.js";

const before: ProcessInfo[] = [
  { type: "browser", id: 1, cpuTime: 10 },
  { type: "renderer", id: 2, cpuTime: 3 },
  { type: "renderer", id: 3, cpuTime: 5 },
  { type: "audio.mojom.AudioService", id: 4, cpuTime: 1 },
  // Exits before the second reading: its time goes with it.
  { type: "renderer", id: 9, cpuTime: 7 },
];
const after: ProcessInfo[] = [
  { type: "browser", id: 1, cpuTime: 10.5 },
  { type: "renderer", id: 2, cpuTime: 9 },
  { type: "renderer", id: 3, cpuTime: 5.2 },
  { type: "audio.mojom.AudioService", id: 4, cpuTime: 2 },
  // Started in between: counted from its start.
  { type: "GPU", id: 5, cpuTime: 0.3 },
];

describe("busiest", () => {
  // Process 3 runs the busy loop; process 2 is busy anyway (a listening call window), more than 3 gets in the loop.
  const idle = [{ ...before[1]!, cpuTime: 3.5 }, { ...before[2]!, cpuTime: 5.05 }, before[3]!];
  const busy = [{ ...before[1]!, cpuTime: 4 }, { ...before[2]!, cpuTime: 5.4 }, { ...before[3]!, cpuTime: 1.1 }];

  it("names the renderer whose CPU time grew most in the busy stretch beyond its idle one", () => {
    expect(busiest([before, idle, busy])).toBe(3);
  });

  it("names none when no process took a busy loop's CPU, or none of the type asked", () => {
    expect(busiest([before, idle, idle])).toBeUndefined();
    expect(busiest([before, idle, busy], "GPU")).toBeUndefined();
  });
});

describe("cpuShares", () => {
  const roleOf = (p: ProcessInfo) => ({ 2: "call window", 3: "tab" } as Record<number, string>)[p.id] ?? (p.type === "audio.mojom.AudioService" ? "audio" : undefined);

  it("divides each role's CPU time by the wall time, and all of it by the cores too", () => {
    const shares = cpuShares(before, after, 10, 2, roleOf);
    expect(shares.byRole["call window"]!.cpuSeconds).toBeCloseTo(6);
    expect(shares.byRole["call window"]!.ofOneCore).toBeCloseTo(0.6);
    expect(shares.byRole.tab!.ofOneCore).toBeCloseTo(0.02);
    expect(shares.byRole.audio!.ofOneCore).toBeCloseTo(0.1);
    // The browser and the new GPU process have no role here: "other", 0.5 + 0.3 s.
    expect(shares.byRole.other!.cpuSeconds).toBeCloseTo(0.8);
    expect(shares.all.cpuSeconds).toBeCloseTo(6 + 0.2 + 1 + 0.8);
    expect(shares.all.ofOneCore).toBeCloseTo(0.8);
    expect(shares.all.ofMachine).toBeCloseTo(0.4);
  });

  it("refuses a stretch that did not last", () => {
    expect(() => cpuShares(before, after, 0, 2, roleOf)).toThrow(/cpuShares: the stretch must last \(wallSeconds 0\)/);
  });
});

// A page whose audio clock runs 1% slow: whole second s is heard at 1,000,000 + 1010 s ms, each a few ms late (main
// thread), a nudge painted 380 ms of wall time after the audio at its `at` was heard.
const crossings: Array<[number, number]> = Array.from({ length: 120 }, (_, i) => [i + 1, 1_000_000 + 1010 * (i + 1) + (i % 3) * 4]);

describe("audioClockZero", () => {
  it("takes the least-delayed whole second near the moment, so the clock's drift along the call does not count", () => {
    expect(audioClockZero(crossings, 3)).toBeCloseTo(1_000_000 + 10, 5);
    // From 98 s to 102 s: the clock's 10 ms a second behind makes 98 s the earliest (heard 4 ms late), 980 ms + 4 ms
    // after the start's, not the 1.19 s the whole call drifted.
    expect(audioClockZero(crossings, 100)).toBeCloseTo(1_000_000 + 984, 5);
  });

  it("says so when no second near the moment was heard", () => {
    expect(() => audioClockZero(crossings, 500)).toThrow(/no whole second of the call heard within 2 s of 500 s/);
  });
});

describe("clockLag", () => {
  it("is how far the audio clock fell behind the wall clock from the first second heard to the last", () => {
    expect(clockLag(crossings)).toBeCloseTo(1.19 + 0.008, 5);
    expect(clockLag(crossings.slice(0, 1))).toBe(0);
  });
});

describe("overlapDelays", () => {
  it("gives each nudge's delay on the window's clock and on the wall clock", () => {
    const at = 22.45;
    const zero = audioClockZero(crossings, at);
    const [delay] = overlapDelays([{ rule: "dont-interrupt", at, heard: 22.78, paintedAt: zero + at * 1000 + 380 }], crossings);
    expect(delay!.windowSeconds).toBeCloseTo(0.33, 5);
    expect(delay!.wallSeconds).toBeCloseTo(0.38, 5);
  });
});

describe("lapNudges", () => {
  it("takes the first nudge and those a whole number of laps after the last taken, as the clock drifts; not the ones between", () => {
    const at = [2.1, 17.3, 22.6, 37.9, 42.5, 84.0, 97.0, 104.2].map((a) => ({ at: a }));
    // 22.6 a lap after 2.1; 42.5 a lap after 22.6 (0.6 s early); 84.0 two laps on (0.5 s early), a lap missing; 104.2
    // a lap after it (0.3 s early). 17.3, 37.9 and 97.0 are 5–8 s off a lap.
    expect(lapNudges(at, 20.5).map((n) => n.at)).toEqual([2.1, 22.6, 42.5, 84.0, 104.2]);
  });
});

describe("heapTrend", () => {
  it("calls a heap flat when it grew 10% or less from the first sample to the last", () => {
    expect(heapTrend([2.3, 2.5, 2.4, 2.45])).toMatchObject({ flat: true });
    expect(heapTrend([2.3, 2.5, 2.4, 2.45]).growthMB).toBeCloseTo(0.15, 5);
    expect(heapTrend([2, 2.2, 2.4, 2.6])).toMatchObject({ flat: false, growth: expect.closeTo(0.3, 5) });
  });

  it("needs two samples", () => {
    expect(() => heapTrend([2])).toThrow(/two samples at least \(got 1\)/);
  });
});
