import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { CDPSession, Page } from "puppeteer-core";
import { coachCallOnTab, extensionWorker, grantMicrophone, launchWithExtension, ROOT } from "../scripts/lib/browser.mjs";
import { makeCalls } from "../scripts/make-calls.mjs";
import { startStaticServer } from "../scripts/lib/static-server.mjs";
import { percentile, workerHeapMB } from "./browser-bench.js";
import { busiest, clockLag, cpuShares, heapTrend, lapNudges, overlapDelays, type DrawnNudge, type ProcessInfo } from "./listening-figures.js";

// Call coaching in Chromium as an agent meets it: the generated `overlap` call (scripts/make-calls.mjs), its customer
// playing in a softphone tab and its agent on the fake microphone, both looped, heard by the call window opened from
// Attune's toolbar button on the tab. Measured: the CPU of Chromium's processes while the window listens, and with
// the window open but stopped (the same processes, the same run, the tab still playing); each overlap → dont-interrupt
// delay; the call window's heap each minute of the call.

const CALL = "overlap";

/** A minute of listening is the CPU stretch; the stopped window's stretch is as long. */
const STRETCH_MS = 60_000;

// Runs in the call window: when each whole second of the call was heard (the page's body[data-heard], set as its audio
// clock passes it), and each nudge listed, with the frame that painted it.
const WATCH_CALL = `(() => {
  if (globalThis.__benchCall) return;
  const log = (globalThis.__benchCall = { heard: [], nudges: [] });
  const now = () => performance.timeOrigin + performance.now();
  new MutationObserver(() => log.heard.push([Number(document.body.dataset.heard), now()]))
    .observe(document.body, { attributes: true, attributeFilter: ["data-heard"] });
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeName !== "LI") continue;
      const { rule, at, heard } = node.dataset;
      requestAnimationFrame((frame) => log.nudges.push({ rule, at: Number(at), heard: Number(heard), paintedAt: performance.timeOrigin + frame }));
    }
  }).observe(document.getElementById("nudges"), { childList: true });
})()`;

interface CallLog {
  heard: Array<[number, number]>;
  nudges: DrawnNudge[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The processes Chromium runs, with their cumulative CPU time. */
const processes = async (cdp: CDPSession) => ((await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: ProcessInfo[] }).processInfo;

/** The renderer that runs `page`: the one that takes the CPU of a busy loop run in the page (see busiest). */
async function rendererOf(cdp: CDPSession, page: Page, known: number[]): Promise<number> {
  const start = await processes(cdp);
  await sleep(500);
  const middle = await processes(cdp);
  await page.evaluate(() => {
    const end = performance.now() + 500;
    while (performance.now() < end);
  });
  const end = await processes(cdp);
  const found = busiest([start, middle, end.filter((p) => !known.includes(p.id))]);
  if (found === undefined) throw new Error(`could not tell which renderer runs ${page.url()}: none took a busy loop's CPU`);
  return found;
}

/** CPU over one stretch of `ms`, by role. */
async function cpuOver(cdp: CDPSession, ms: number, roleOf: (p: ProcessInfo) => string | undefined) {
  const before = await processes(cdp);
  const started = performance.now();
  await sleep(ms);
  const after = await processes(cdp);
  return cpuShares(before, after, (performance.now() - started) / 1000, cpus().length, roleOf);
}

/** The call window's JS heap after a collection, in MB, and its DOM nodes. */
async function pageHeap(session: CDPSession): Promise<{ heapMB: number; nodes: number }> {
  await session.send("HeapProfiler.collectGarbage");
  const { metrics } = (await session.send("Performance.getMetrics")) as { metrics: Array<{ name: string; value: number }> };
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { heapMB: metric("JSHeapUsedSize") / 2 ** 20, nodes: metric("Nodes") };
}

/**
 * The call listened to for `minutes` (at least 2): the heap each minute, the CPU over the last minute of it, then the
 * window stopped and the CPU over a minute more.
 */
export async function runListeningBench({ minutes = 6 }: { minutes?: number } = {}) {
  if (minutes < 2) throw new Error(`runListeningBench: listen 2 minutes at least (got ${minutes})`);
  const calls = makeCalls();
  // The machine's load (1-minute average) before and after: other work on it shows in the CPU figures.
  const loadBefore = loadavg()[0]!;
  const truth = JSON.parse(readFileSync(join(calls, CALL, "truth.json"), "utf8")) as { seconds: number; turns: Array<{ speaker: string; at: number }> };
  const cutIn = truth.turns[1]!.at;
  const server = await startStaticServer({ "/fixtures/": join(ROOT, "test", "fixtures"), "/calls/": calls });
  // The microphone granted over DevTools, not by the fake-UI switch, which also refuses a tab's capture; the tab's
  // sound not muted, or its capture is silent.
  const browser = await launchWithExtension({ chromiumArgs: ["--use-fake-device-for-media-stream", `--use-file-for-fake-audio-capture=${join(calls, CALL, "agent.wav")}`], audible: true });
  try {
    const extensionOrigin = `chrome-extension://${new URL((await extensionWorker(browser)).url()).host}`;
    await grantMicrophone(browser, extensionOrigin);
    // One nudge per cut-in (every lap of the looped call, 21 s): the rule's 30 s cooldown off through the team
    // lead's overrides, the density limit at its maximum, as the live-chat bench does.
    const control = await browser.newPage();
    await control.goto(`${extensionOrigin}/pages/popup.html`);
    await control.evaluate(`Promise.all([chrome.runtime.sendMessage(${JSON.stringify({ type: "save-overrides", overrides: { rules: { "dont-interrupt": { cooldownSeconds: 0 } } } })}), chrome.storage.local.set({ settings: { maxPerFiveMinutes: 60 } })])`);
    await control.close();

    const cdp = await browser.target().createCDPSession();
    const [phone] = await browser.pages();
    const call = await coachCallOnTab(browser, phone!, `${server.origin}/fixtures/softphone.html?call=${CALL}`);
    // The customer talks on as the microphone's file does: both sides loop.
    await phone!.evaluate(() => void ((document.getElementById("line") as HTMLAudioElement).loop = true));
    await call.waitForSelector("#nudges");
    await call.evaluate(WATCH_CALL);
    await call.waitForSelector("body[data-state=listening]", { timeout: 15_000 }).catch(async (error) => {
      throw new Error(`the call window did not start listening: ${await call.$eval("#state", (state) => state.textContent).catch(() => error)}`);
    });
    const listeningFrom = performance.now();
    const extension = await rendererOf(cdp, call, []);
    const roles = new Map<number, string>([[extension, "extension (call window, worker)"], [await rendererOf(cdp, phone!, [extension]), "softphone tab"]]);
    const roleOf = (p: ProcessInfo) => roles.get(p.id) ?? ({ browser: "browser", GPU: "GPU", "audio.mojom.AudioService": "audio service" } as Record<string, string>)[p.type];

    const session = await call.createCDPSession();
    await session.send("Performance.enable");
    const heap: Array<{ minute: number; heapMB: number; nodes: number }> = [];
    const untilMinute = (minute: number) => sleep(Math.max(0, listeningFrom + minute * 60_000 - performance.now()));
    for (let minute = 1; minute < minutes; minute++) {
      await untilMinute(minute);
      heap.push({ minute, ...(await pageHeap(session)) });
    }
    // The last minute of listening, left alone (the heap's collections are the page's CPU too).
    const listening = await cpuOver(cdp, STRETCH_MS, roleOf);
    heap.push({ minute: minutes, ...(await pageHeap(session)) });
    const worker = await workerHeapMB(browser);
    const log = (await call.evaluate("globalThis.__benchCall")) as CallLog;
    const state = await call.$eval("body", (body) => body.dataset.state);
    if (state !== "listening") throw new Error(`the call window stopped listening before the end (state: ${state})`);

    await call.click("#stop");
    await call.waitForSelector("body[data-state=stopped]", { timeout: 15_000 });
    const stopped = await cpuOver(cdp, STRETCH_MS, roleOf);

    const overlaps = log.nudges.filter((n) => n.rule === "dont-interrupt");
    const cutIns = lapNudges(overlaps, truth.seconds);
    const delays = overlapDelays(cutIns, log.heard);
    const others = overlapDelays(overlaps.filter((n) => !cutIns.includes(n)), log.heard);
    const trend = heapTrend(heap.map((h) => h.heapMB));
    return {
      call: CALL,
      minutes,
      cores: cpus().length,
      loadAverage: { before: loadBefore, after: loadavg()[0]! },
      cpu: { listening, stopped, ratio: listening.all.cpuSeconds / listening.wallSeconds / (stopped.all.cpuSeconds / stopped.wallSeconds) },
      // firstAtAfterCutInSeconds: where the engine put the first overlap against the agent's cut-in in the microphone's
      // file, on the window's clock (which starts a little after the file: later laps drift by the audio it missed).
      // delays: the agent's cut-ins, a lap apart; others: dont-interrupt raised where the loops overlap again.
      overlapNudges: { heardSeconds: log.heard.at(-1)?.[0] ?? 0, nudges: overlaps.length, firstAtAfterCutInSeconds: (overlaps[0]?.at ?? NaN) - cutIn, delays, others },
      audioClockBehindWallSeconds: clockLag(log.heard),
      callPageHeap: { samples: heap, ...trend },
      workerHeapMB: worker,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export type ListeningFigures = Awaited<ReturnType<typeof runListeningBench>>;

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const secs = (values: number[]) => `${percentile(values, 50).toFixed(2)} / ${Math.max(...values).toFixed(2)} s`;

/** The bench table's rows for these figures: [what, measured, target, met]. */
export function listeningRows(f: ListeningFigures): Array<[string, string, string, boolean | undefined]> {
  const { listening, stopped } = f.cpu;
  const byRole = Object.entries(listening.byRole)
    .sort(([, a], [, b]) => b.cpuSeconds - a.cpuSeconds)
    .map(([role, share]) => `${role} ${pct(share.ofOneCore)}`)
    .join(", ");
  const window = f.overlapNudges.delays.map((d) => d.windowSeconds);
  const wall = f.overlapNudges.delays.map((d) => d.wallSeconds);
  return [
    [`call listening: Chromium's CPU while listening, of one core / of ${f.cores}`, `${pct(listening.all.ofOneCore)} / ${pct(listening.all.ofMachine)}`, "", undefined],
    ["call listening: the same, window open, stopped; listening ÷ stopped", `${pct(stopped.all.ofOneCore)} / ${pct(stopped.all.ofMachine)}; ${f.cpu.ratio.toFixed(2)}×`, "", undefined],
    ["call listening: by process, of one core", byRole, "", undefined],
    [`call listening: agent's cut-in → dont-interrupt, window's clock p50 / max (${window.length} laps)`, window.length ? secs(window) : "none", "≤ 0.5 s", window.length > 0 && Math.max(...window) <= 0.5],
    ["call listening: the same, audio at the page → card painted, wall clock", wall.length ? `${secs(wall)} (${wall.filter((w) => w > 0.5).length} over 0.5 s)` : "none", "≤ 0.5 s", wall.length > 0 && Math.max(...wall) <= 0.5],
    ["call listening: other dont-interrupt nudges (the loops overlapping again), window's clock", f.overlapNudges.others.map((d) => `${d.windowSeconds.toFixed(2)} s`).join(", ") || "none", "", undefined],
    [`call listening: the window's audio clock behind the wall clock after ${f.overlapNudges.heardSeconds} s heard`, `${f.audioClockBehindWallSeconds.toFixed(2)} s`, "", undefined],
    [`call listening: call window's heap (MB) over ${f.minutes} minutes`, f.callPageHeap.samples.map((s) => s.heapMB.toFixed(1)).join(", "), "flat", f.callPageHeap.flat],
  ];
}
