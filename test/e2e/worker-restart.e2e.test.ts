import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/browser.mjs";
import { createEngine, type ConversationEvent } from "../../src/engine/index.js";
import type { TabStatus } from "../../src/shared/messages.js";
import { recordEvents, type Received } from "./event-recorder.js";
import { inExtension, tabIdOf, useHarness, waitFor, workerSessionStorage, type Harness } from "./harness.js";

const PACKS = readdirSync(join(ROOT, "rules")).filter((f) => f.endsWith(".json")).sort().map((f) => JSON.parse(readFileSync(join(ROOT, "rules", f), "utf8")) as unknown);

/**
 * The nudges of an uninterrupted run of the engine over exactly the events the page sent: the cooldowns make them
 * depend on the events' times, and a run where the worker is stopped 200 times takes longer than one where it is not.
 */
function uninterruptedNudges(events: Received[]): string[] {
  const engine = createEngine(PACKS, { channel: "chat", language: "en" });
  for (const { type, speaker, text, at } of events) engine.push({ type, speaker, text, at } as ConversationEvent);
  return engine.nudges().map(({ rule, event, outcome }) => `${event}:${rule}:${outcome}`);
}

const TURNS = 200;

/** A long chat that keeps the rules busy: frustration, errors, runs of closed questions, blame, closings. */
function script(): Array<{ speaker: "agent" | "customer"; text: string }> {
  const customer = [
    "This is the third time I'm writing, I'm so fed up!!!",
    "You charged me twice for the same order.",
    "ok",
    "The parcel never arrived and nobody answers.",
    "I'm really angry about this.",
  ];
  const agent = [
    "Did you check your spam folder?",
    "Is the address correct?",
    "Calm down, there's nothing I can do.",
    "I'm so sorry about that, I understand how frustrating this is.",
    "What happened when you tried to log in?",
    "Thanks for waiting. I've refunded the second charge. Anything else I can help with?",
  ];
  return Array.from({ length: TURNS }, (_, i) =>
    i % 2 === 0
      ? { speaker: "customer" as const, text: `${customer[(i / 2) % customer.length]} (#${i})` }
      : { speaker: "agent" as const, text: `${agent[((i - 1) / 2) % agent.length]} (#${i})` },
  );
}

async function tabStatus(harness: Harness, tabId: number): Promise<TabStatus> {
  return inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId) as Promise<TabStatus>;
}

/** Plays the script into the page; after every k-th turn the extension's worker is stopped (k = 0: never). */
async function play(harness: Harness, k: number) {
  const recorder = await recordEvents(harness);
  const page = await harness.browser.newPage();
  await page.goto(`${harness.origin}/fixtures/rerender.html?run=${k}`);
  // The two messages on the page are read (as history) before the chat is cleared and played.
  const tabId = await tabIdOf(harness, page);
  await waitFor(async () => (await eventsTaken(harness, tabId)) >= 2, "the page's history");
  await page.evaluate(() => (window as unknown as { reset(): void }).reset());
  const cdp = await page.createCDPSession();
  await cdp.send("ServiceWorker.enable");
  const turns = script();
  for (const [i, turn] of turns.entries()) {
    await page.evaluate((s, t) => (window as unknown as { addMessage(s: string, t: string): void }).addMessage(s, t), turn.speaker, turn.text);
    if (k && (i + 1) % k === 0) {
      await cdp.send("ServiceWorker.stopAllWorkers");
      await recorder.release();
    }
  }
  // Every turn (and the two already on the page) must have been taken in before the nudges are compared.
  await waitFor(async () => (await eventsTaken(harness, tabId)) >= TURNS + 2, "all turns to reach the worker", 30_000);
  const final = await tabStatus(harness, tabId);
  const sent = (await recorder.events()).filter((e) => e.adapter === "generic");
  // Each run records with its own page: one left open would hold the next runs' ports open past every stop.
  await recorder.close();
  await page.close();
  return { sent: sent.length, nudges: final.conversations[0]!.list.map(({ rule, event, outcome }) => `${event}:${rule}:${outcome}`), expected: uninterruptedNudges(sent) };
}

async function eventsTaken(harness: Harness, tabId: number): Promise<number> {
  const states = await workerSessionStorage(harness);
  const mine = Object.entries(states).filter(([key]) => key.startsWith(`conversation:${tabId}:`));
  return Math.max(0, ...mine.map(([, state]) => state.events ?? 0));
}

describe("the worker is stopped mid-conversation", () => {
  const harness = useHarness();

  it("raises exactly the nudges of an uninterrupted run, none lost and none repeated", async () => {
    for (const k of [0, 1, 7, 50]) {
      const run = await play(harness, k);
      expect(run.sent, "events sent, resends counted once").toBe(TURNS + 2);
      expect(run.nudges.length).toBeGreaterThan(3);
      expect(run.nudges, `stopping the worker after every ${k || "no"} turns`).toEqual(run.expected);
    }
  }, 240_000);
});
