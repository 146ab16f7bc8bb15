import type { CDPSession, Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import type { TabStatus } from "../../src/shared/messages.js";
import { busyChat } from "./busy-chat.js";
import { recordDeliveries } from "./delivery-recorder.js";
import { inExtension, tabIdOf, useHarness, waitFor, workerSessionStorage, type Harness } from "./harness.js";

/** The density limit's default: four nudges shown per tab in any five minutes. */
const LIMIT = 4;

async function nudgesOf(harness: Harness, tabId: number): Promise<{ raised: number; shown: number }> {
  const status = (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as TabStatus;
  return status.conversations[0]?.nudges ?? { raised: 0, shown: 0 };
}

const raisedByEngine = async (harness: Harness, tabId: number) => (await nudgesOf(harness, tabId)).raised;

/** Whether the worker has taken in `events` of the tab's conversation and the page has acknowledged every delivery. */
async function settled(harness: Harness, tabId: number, events: number): Promise<boolean> {
  const stored = (await workerSessionStorage(harness)) as Record<string, { events?: number } | unknown[]>;
  const state = Object.entries(stored).find(([key]) => key.startsWith(`conversation:${tabId}:`))?.[1] as { events?: number } | undefined;
  const outboxes = Object.entries(stored).filter(([key]) => key.startsWith(`outbox:${tabId}:`)).map(([, outbox]) => outbox as unknown[]);
  return (state?.events ?? 0) >= events && outboxes.every((outbox) => outbox.length === 0);
}

/** The extension's worker as the browser reports it: running, or stopped (by itself or by a test). */
async function watchWorker(cdp: CDPSession): Promise<{ stopped(): boolean }> {
  let status = "running";
  cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }: { versions: Array<{ scriptURL: string; runningStatus: string }> }) => {
    for (const version of versions) if (version.scriptURL.endsWith("/background.js")) status = version.runningStatus;
  });
  await cdp.send("ServiceWorker.enable");
  return { stopped: () => status === "stopped" };
}

async function addTurns(page: Page, turns: Array<{ speaker: string; text: string }>): Promise<void> {
  for (const turn of turns) await page.evaluate((s, t) => (window as unknown as { addMessage(s: string, t: string): void }).addMessage(s, t), turn.speaker, turn.text);
}

describe("the density limit", () => {
  const harness = useHarness();

  it("holds across the browser's own idle stop of the worker, and forced stops", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    const tabId = await tabIdOf(harness, page);
    await waitFor(() => settled(harness, tabId, 2), "the page's history");
    const cdp = await page.createCDPSession();
    const worker = await watchWorker(cdp);
    const deliveries = await recordDeliveries(cdp);
    const sent = async () => (await deliveries.received()).flatMap((d) => d.raised).length;
    // The connection opened before the recording started closes with the worker: every later one is recorded.
    await cdp.send("ServiceWorker.stopAllWorkers");
    await page.evaluate(() => (window as unknown as { reset(): void }).reset());
    const chat = busyChat(60);

    await addTurns(page, chat.slice(0, 20));
    await waitFor(() => settled(harness, tabId, 22), "the first turns to be taken in");
    const raisedBefore = await raisedByEngine(harness, tabId);
    expect(raisedBefore, "the engine raised more than the limit lets through").toBeGreaterThan(LIMIT);
    // The limit counts the cards drawn: one let through that went stale unseen frees its place (so more may be sent),
    // but never more than the limit is drawn.
    await waitFor(async () => (await nudgesOf(harness, tabId)).shown > 0, "cards drawn");
    expect((await nudgesOf(harness, tabId)).shown).toBeLessThanOrEqual(LIMIT);
    expect(await sent()).toBeGreaterThanOrEqual(LIMIT);

    // Nothing talks to the worker now (session storage is read without it): the browser stops it after 30 s idle.
    const idleSince = Date.now();
    await waitFor(async () => worker.stopped(), "the browser to stop the idle worker", 120_000);
    const idleSeconds = Math.round((Date.now() - idleSince) / 1000);

    // Turns again, the worker stopped (by the test this time) after every fifth: every start begins from storage.
    let forced = 0;
    for (const [i, turn] of chat.slice(20).entries()) {
      await addTurns(page, [turn]);
      if (i % 5 === 4) {
        await cdp.send("ServiceWorker.stopAllWorkers");
        forced++;
      }
    }
    await waitFor(() => settled(harness, tabId, 62), "the turns after the idle stop to be taken in", 30_000);
    const raisedAfter = await raisedByEngine(harness, tabId);
    expect(raisedAfter, "the engine raised nudges after the idle stop").toBeGreaterThan(raisedBefore);
    const drawn = (await nudgesOf(harness, tabId)).shown;
    expect(drawn, "cards drawn after the browser stopped the worker, and the test did").toBeLessThanOrEqual(LIMIT);
    console.log(`idle stop after ${idleSeconds} s, then ${forced} forced: ${raisedAfter} nudges raised, ${await sent()} sent, ${drawn} drawn`);
  }, 240_000);
});
