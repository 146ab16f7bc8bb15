// The arithmetic of the call-listening bench (listening-bench.ts), apart from the browser: CPU shares from readings
// of Chromium's processes, the call window's audio clock laid on the wall clock, the overlap → nudge delays,
// and whether a heap stayed flat.

/** One process as DevTools' SystemInfo.getProcessInfo gives it: cpuTime is cumulative, in seconds. */
export interface ProcessInfo {
  type: string;
  id: number;
  cpuTime: number;
}

/** The CPU time a process took between two readings, in seconds; one started in between counts from its start. */
const cpuBetween = (before: ProcessInfo[], process: ProcessInfo) => process.cpuTime - (before.find((p) => p.id === process.id)?.cpuTime ?? 0);

/**
 * The process of `type` that a busy loop ran in: three readings, the first two an idle stretch apart, the last two a
 * busy stretch as long; the process whose CPU time grew most in the busy stretch beyond its idle one (a process busy
 * anyway, as a listening call window is, takes as much in both). That is how a page's renderer is told from the others:
 * the protocol names no page's process. Undefined when none grew by `atLeast` seconds more.
 */
export function busiest(readings: [ProcessInfo[], ProcessInfo[], ProcessInfo[]], type = "renderer", atLeast = 0.05): number | undefined {
  const [start, middle, end] = readings;
  let best: { id: number; extra: number } | undefined;
  for (const process of end.filter((p) => p.type === type)) {
    const idle = middle.find((p) => p.id === process.id);
    const extra = cpuBetween(middle, process) - (idle ? cpuBetween(start, idle) : 0);
    if (extra >= atLeast && (!best || extra > best.extra)) best = { id: process.id, extra };
  }
  return best?.id;
}

export interface CpuShare {
  /** CPU seconds over the stretch. */
  cpuSeconds: number;
  /** CPU time ÷ wall time: 1 is one core kept busy. */
  ofOneCore: number;
}

/**
 * CPU over a stretch of `wallSeconds` between two readings, per role (`roleOf` names a process's role; processes
 * without one are "other") and for all of Chromium, the last also as a share of the machine's `cores`. A process that
 * exited in between is not counted (its time is gone with it).
 */
export function cpuShares(before: ProcessInfo[], after: ProcessInfo[], wallSeconds: number, cores: number, roleOf: (p: ProcessInfo) => string | undefined) {
  if (!(wallSeconds > 0)) throw new Error(`cpuShares: the stretch must last (wallSeconds ${wallSeconds})`);
  const byRole: Record<string, CpuShare> = {};
  let all = 0;
  for (const process of after) {
    const cpu = Math.max(0, cpuBetween(before, process));
    const role = roleOf(process) ?? "other";
    const share = (byRole[role] ??= { cpuSeconds: 0, ofOneCore: 0 });
    share.cpuSeconds += cpu;
    share.ofOneCore = share.cpuSeconds / wallSeconds;
    all += cpu;
  }
  return { wallSeconds, byRole, all: { cpuSeconds: all, ofOneCore: all / wallSeconds, ofMachine: all / wallSeconds / cores } };
}

/**
 * When the call window's audio clock read 0, on the wall clock (epoch ms), as it ran near `near` (audio clock, s): from
 * the moments its whole seconds were heard (`[second, epochMs]`, the window's body[data-heard] changing), each as late
 * as the page's main thread was busy, the earliest of those within `withinSeconds` of `near`. Only near ones, because
 * the audio clock falls behind the wall clock along a call (see clockLag).
 */
export function audioClockZero(crossings: Array<[number, number]>, near: number, withinSeconds = 2): number {
  const close = crossings.filter(([second]) => Math.abs(second - near) <= withinSeconds);
  if (!close.length) throw new Error(`audioClockZero: no whole second of the call heard within ${withinSeconds} s of ${near} s`);
  return Math.min(...close.map(([second, at]) => at - second * 1000));
}

/**
 * How far the call window's audio clock fell behind the wall clock between its first and last whole second heard
 * (s): the page's clock counts the frames its AudioContext hands it, and in headless Chromium on a busy machine they
 * come slower than real time.
 */
export function clockLag(crossings: Array<[number, number]>): number {
  if (crossings.length < 2) return 0;
  const [firstSecond, firstAt] = crossings[0]!;
  const [lastSecond, lastAt] = crossings.at(-1)!;
  return (lastAt - firstAt) / 1000 - (lastSecond - firstSecond);
}

/** A nudge listed in the call window, as the bench saw it drawn. */
export interface DrawnNudge {
  rule: string;
  /** The moment the nudge is about, on the window's audio clock (s): for dont-interrupt, where the overlap began. */
  at: number;
  /** How much of the call the window had heard when the nudge came (s, audio clock). */
  heard: number;
  /** When the frame that painted it began (epoch ms). */
  paintedAt: number;
}

/**
 * The nudges about the agent's cut-in, one a lap of the looped call: the first nudge, and each that comes a whole
 * number of laps (`lapSeconds`) after the last one taken, within `toleranceSeconds` (the window's clock loses a little
 * audio a lap on a busy machine, see clockLag). Others come from where the two loops, started apart, overlap again.
 */
export function lapNudges<T extends { at: number }>(nudges: T[], lapSeconds: number, toleranceSeconds = 3): T[] {
  const taken: T[] = [];
  for (const nudge of nudges) {
    const last = taken.at(-1);
    const laps = last && Math.round((nudge.at - last.at) / lapSeconds);
    if (!last || (laps! >= 1 && Math.abs(nudge.at - last.at - laps! * lapSeconds) <= toleranceSeconds)) taken.push(nudge);
  }
  return taken;
}

export interface OverlapDelay {
  /** Where the overlap began, on the window's audio clock (s). */
  at: number;
  /** heard − at: the window's own figure, on the audio clock (s). */
  windowSeconds: number;
  /** From the audio at `at` reaching the page to the card painted, on the wall clock (s). */
  wallSeconds: number;
}

/**
 * Each overlap nudge's delay: on the window's audio clock (heard − at), and on the wall clock, from when the audio of
 * the overlap's start reached the page (its clock's whole seconds around it, see audioClockZero) to the card painted.
 */
export function overlapDelays(nudges: DrawnNudge[], crossings: Array<[number, number]>): OverlapDelay[] {
  return nudges.map((nudge) => ({
    at: nudge.at,
    windowSeconds: nudge.heard - nudge.at,
    wallSeconds: (nudge.paintedAt - (audioClockZero(crossings, nudge.at) + nudge.at * 1000)) / 1000,
  }));
}

/**
 * Whether a heap sampled along a call stayed flat: from the first sample to the last, its growth in MB and as a share
 * of the first (flat: under `tolerance`, 10% by default).
 */
export function heapTrend(samplesMB: number[], tolerance = 0.1): { growthMB: number; growth: number; flat: boolean } {
  if (samplesMB.length < 2) throw new Error(`heapTrend: two samples at least (got ${samplesMB.length})`);
  const first = samplesMB[0]!;
  const growthMB = samplesMB.at(-1)! - first;
  return { growthMB, growth: growthMB / first, flat: growthMB / first <= tolerance };
}
