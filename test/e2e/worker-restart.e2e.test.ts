import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/browser.mjs";
import { createEngine, type ConversationEvent } from "../../src/engine/index.js";
import type { TabStatus } from "../../src/shared/messages.js";
import { recordDeliveries, type ReceivedDelivery } from "./delivery-recorder.js";
import { busyChat } from "./busy-chat.js";
import { recordEvents, type Received } from "./event-recorder.js";
import { inExtension, setLocal, tabIdOf, useHarness, waitFor, workerSessionStorage, type Harness } from "./harness.js";

const PACKS = readdirSync(join(ROOT, "rules")).filter((f) => f.endsWith(".json")).sort().map((f) => JSON.parse(readFileSync(join(ROOT, "rules", f), "utf8")) as unknown);

const raisedId = (n: { rule: string; event: number }) => `${n.event}:${n.rule}`;
const resolvedId = (n: { rule: string; event: number; outcome: string }) => `${n.event}:${n.rule}:${n.outcome}`;

/**
 * An uninterrupted run of the engine over exactly the events the page sent (the cooldowns make nudges depend on the
 * events' times, and a run with stops takes longer than one without): what it raised and resolved on live events, as
 * the page is to receive them, and its list of nudges, as the worker is to hold it.
 */
function uninterrupted(events: Received[]) {
  const engine = createEngine(PACKS, { channel: "chat", language: "en" });
  const raised: string[] = [];
  const resolved: string[] = [];
  for (const { type, speaker, text, at, history } of events) {
    // History is pushed as the worker pushes it: context, on which nothing is raised (so no cooldown starts there).
    const step = engine.push({ type, speaker, text, at } as ConversationEvent, { context: history });
    if (history) continue;
    raised.push(...step.raised.map(raisedId));
    resolved.push(...step.resolved.map(resolvedId));
  }
  return { raised, resolved, list: engine.nudges().map(({ rule, event, outcome }) => `${event}:${rule}:${outcome}`) };
}

/** mulberry32: a seeded generator, so that a failing run can be played again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function tabStatus(harness: Harness, tabId: number): Promise<TabStatus> {
  return inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId) as Promise<TabStatus>;
}

async function eventsTaken(harness: Harness, tabId: number): Promise<number> {
  const states = await workerSessionStorage(harness);
  const mine = Object.entries(states).filter(([key]) => key.startsWith(`conversation:${tabId}:`));
  return Math.max(0, ...mine.map(([, state]) => state.events ?? 0));
}

/**
 * Plays the script into the page, stopping the worker at random moments: after a turn, with probability `stopRate`,
 * 0–40 ms later (in the middle of taking a batch in, of saving it, of sending its nudges, or between turns).
 */
async function play(harness: Harness, seed: number, turns: number, stopRate: number) {
  const next = random(seed);
  const recorder = await recordEvents(harness);
  const page = await harness.browser.newPage();
  await page.goto(`${harness.origin}/fixtures/rerender.html?seed=${seed}`);
  const tabId = await tabIdOf(harness, page);
  // The two messages on the page are read (as history) before the chat is cleared and played.
  await waitFor(async () => (await eventsTaken(harness, tabId)) >= 2, "the page's history");
  const cdp = await page.createCDPSession();
  await cdp.send("ServiceWorker.enable");
  const deliveries = await recordDeliveries(cdp);
  const stop = async () => {
    await cdp.send("ServiceWorker.stopAllWorkers");
    await recorder.release();
  };
  // The connection opened before the recording started closes with the worker: every later one is recorded.
  await stop();
  let stops = 1;
  await page.evaluate(() => (window as unknown as { reset(): void }).reset());
  const pending: Array<Promise<void>> = [];
  for (const turn of busyChat(turns)) {
    await page.evaluate((s, t) => (window as unknown as { addMessage(s: string, t: string): void }).addMessage(s, t), turn.speaker, turn.text);
    if (next() < stopRate) {
      stops++;
      pending.push(new Promise((resolve) => setTimeout(resolve, next() * 40)).then(stop));
    }
  }
  await Promise.all(pending);
  await waitFor(async () => (await eventsTaken(harness, tabId)) >= turns + 2, "all turns to reach the worker", 30_000);
  const sent = (await recorder.events()).filter((e) => e.adapter === "generic");
  const expected = uninterrupted(sent);
  // Waits for what the page is owed (a lost delivery times this out), then compares everything it received.
  const received = await waitFor(async () => {
    const all = await deliveries.received();
    const got = new Set(all.flatMap((d) => d.raised.map(raisedId)));
    return expected.raised.every((id) => got.has(id)) && all;
  }, "the page to receive every nudge", 20_000);
  const final = await tabStatus(harness, tabId);
  await recorder.close();
  await page.close();
  return { stops, sent: sent.length, expected, received, list: final.conversations[0]!.list.map(({ rule, event, outcome }) => `${event}:${rule}:${outcome}`) };
}

/** Each delivery once (a delivery sent again must be the same), in the order the page first received them. */
function distinct(received: ReceivedDelivery[]): { deliveries: ReceivedDelivery[]; resent: number } {
  const byNumber = new Map<number, ReceivedDelivery>();
  for (const delivery of received) {
    const first = byNumber.get(delivery.delivery);
    if (first) expect(delivery, `delivery ${delivery.delivery} sent again`).toEqual(first);
    else byNumber.set(delivery.delivery, delivery);
  }
  return { deliveries: [...byNumber.values()], resent: received.length - byNumber.size };
}

const sorted = (ids: string[]) => [...ids].sort();

describe("the worker is stopped mid-conversation", () => {
  const harness = useHarness();

  it("the page receives exactly the nudges and outcomes of an uninterrupted run: none lost, none repeated", async () => {
    // The density limit at its highest, so that what the page is owed is what the engine raised.
    await setLocal(harness, { settings: { maxPerFiveMinutes: 60 } });
    const SEEDS = 16;
    const TURNS = 60;
    const totals = { stops: 0, raised: 0, resolved: 0, resent: 0 };
    for (let seed = 1; seed <= SEEDS; seed++) {
      const run = await play(harness, seed, TURNS, 1 / 3);
      const { deliveries, resent } = distinct(run.received);
      const raised = deliveries.flatMap((d) => d.raised.map(raisedId));
      const resolved = deliveries.flatMap((d) => d.resolved.map(resolvedId));
      expect(run.sent, `seed ${seed}: events sent, resends counted once`).toBe(TURNS + 2);
      expect(new Set(raised).size, `seed ${seed}: a nudge in two deliveries`).toBe(raised.length);
      expect(new Set(resolved).size, `seed ${seed}: an outcome in two deliveries`).toBe(resolved.length);
      expect(sorted(raised), `seed ${seed}: nudges the page received`).toEqual(sorted(run.expected.raised));
      expect(sorted(resolved), `seed ${seed}: outcomes the page received`).toEqual(sorted(run.expected.resolved));
      expect(run.list, `seed ${seed}: the worker's list`).toEqual(run.expected.list);
      totals.stops += run.stops;
      totals.raised += raised.length;
      totals.resolved += resolved.length;
      totals.resent += resent;
    }
    console.log(`worker stopped ${totals.stops} times over ${SEEDS} chats: ${totals.raised} nudges and ${totals.resolved} outcomes received, none lost or repeated; ${totals.resent} deliveries sent again and recognised`);
    expect(totals.stops).toBeGreaterThanOrEqual(300);
    expect(totals.raised).toBeGreaterThan(SEEDS * 5);
  }, 400_000);
});
