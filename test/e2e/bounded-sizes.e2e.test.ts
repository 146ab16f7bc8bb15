import { describe, expect, it } from "vitest";
import type { TabStatus } from "../../src/shared/messages.js";
import { busyChat } from "./busy-chat.js";
import { recordDeliveries } from "./delivery-recorder.js";
import { inExtension, tabIdOf, useHarness, waitFor, workerSessionStorage, type Harness } from "./harness.js";

async function tabStatus(harness: Harness, tabId: number): Promise<TabStatus> {
  return inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId) as Promise<TabStatus>;
}

async function eventsTaken(harness: Harness, tabId: number): Promise<number> {
  const stored = await workerSessionStorage(harness);
  return Math.max(0, ...Object.entries(stored).filter(([key]) => key.startsWith(`conversation:${tabId}:`)).map(([, state]) => state.events ?? 0));
}

describe("sizes the page cannot be trusted with", () => {
  const harness = useHarness();

  it("a 300-character conversation id and a 70 MB message are each reported once, and coaching goes on", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/append-chat.html?long-id`);
    const tabId = await tabIdOf(harness, page);
    await waitFor(async () => (await eventsTaken(harness, tabId)) >= 2, "the page's history, under its long id");
    const cdp = await page.createCDPSession();
    const deliveries = await recordDeliveries(cdp);
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");

    // Made in the page: 70 MB would not go through puppeteer's own protocol in one piece either. Chromium itself takes
    // ~50 s to lay such a text node out (measured without the extension), hence the long waits.
    const started = Date.now();
    await page.evaluate(() => (window as unknown as { addMessage(s: string, t: string): void }).addMessage("customer", "x".repeat(70_000_000)));
    await waitFor(async () => (await eventsTaken(harness, tabId)) >= 3, "the long message to be taken in", 150_000);
    console.log(`the 70 MB message was taken in after ${Date.now() - started} ms`);
    const chat = busyChat(20);
    for (const turn of chat) await page.evaluate((s, t) => (window as unknown as { addMessage(s: string, t: string): void }).addMessage(s, t), turn.speaker, turn.text);
    await waitFor(async () => (await eventsTaken(harness, tabId)) >= 2 + 1 + chat.length, "every later message to be taken in", 60_000);
    // Coaching went on: the page received nudges about messages after the long one (event 2).
    const later = await waitFor(async () => (await deliveries.received()).flatMap((d) => d.raised).filter((n) => n.event > 2), "nudges about later messages");
    expect(later.length).toBeGreaterThan(0);

    const { problems, conversations } = await tabStatus(harness, tabId);
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.key.length).toBeLessThanOrEqual(200);
    expect(problems.filter((p) => /conversation id longer than 200/.test(p)), "the long id, once").toHaveLength(1);
    expect(problems.filter((p) => /message longer than 20,000 characters was cut/.test(p)), "the long message, once").toHaveLength(1);
    expect(problems.filter((p) => /refused|unanswered/.test(p))).toEqual([]);
    // Still shown by a worker started again (the browser stops an idle one after 30 s).
    await cdp.send("ServiceWorker.stopAllWorkers");
    const again = (await tabStatus(harness, tabId)).problems;
    expect(again.filter((p) => /conversation id longer than 200|message longer than 20,000/.test(p))).toHaveLength(2);
  }, 240_000);

  it("a batch the worker refuses is answered with the reason, and shown once however often it comes", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/append-chat.html`);
    const tabId = await tabIdOf(harness, page);
    await waitFor(async () => (await eventsTaken(harness, tabId)) >= 2, "the page's history");
    const cdp = await page.createCDPSession();
    const link = await recordDeliveries(cdp);
    // What a content script that did not bound the id would send (an older version, say).
    const batch = (session: string) => ({
      type: "conversation-events",
      conversation: { key: "k".repeat(300), adapter: "generic", channel: "chat" },
      session,
      sessionStartedAt: Date.now(),
      events: [{ seq: 0, event: { type: "turn", speaker: "customer", text: "hello", at: 0 }, history: false }],
    });
    for (const session of ["s-1", "s-2", "s-3"]) {
      expect(await link.send(batch(session))).toEqual({ type: "events-refused", session, reason: expect.stringMatching(/^conversation\.key: .*200/) });
    }
    const { problems } = await tabStatus(harness, tabId);
    expect(problems.filter((p) => p.includes("refused"))).toEqual([expect.stringMatching(/conversation\.key: .*the page dropped them and coaching went on/)]);
  });
});
