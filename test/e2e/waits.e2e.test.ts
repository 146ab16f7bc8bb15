import { describe, expect, it } from "vitest";
import { inExtension, readOverlay, useHarness, waitFor, waitUntilRead, type Harness } from "./harness.js";

// A rule with a wait ("the customer has waited N s") fires while nobody writes: from the worker's own timer, and when
// the worker was stopped meanwhile, from the page waking it ahead of the time (the browser's alarm stands behind
// both), with the figure the team lead set in its text.

const WAIT_SECONDS = 4;

type Fixture = Window & { addMessage(speaker: string, text: string): void };

async function setWait(harness: Harness, seconds: number): Promise<void> {
  const answer = (await inExtension(harness, (chrome, s) => chrome.runtime.sendMessage({ type: "save-overrides", overrides: { rules: { "respond-promptly": { params: { seconds: s } } } } }), seconds)) as { ok: boolean };
  expect(answer.ok).toBe(true);
}

/** The customer writes and nobody answers: resolves with the card and how long after the message it was on screen. */
async function unanswered(harness: Harness, stopWorker: boolean): Promise<{ message: string; after: number }> {
  const page = await harness.browser.newPage();
  await page.goto(`${harness.origin}/fixtures/rerender.html`);
  await waitUntilRead(harness, page);
  const sentAt = Date.now();
  await page.evaluate(() => (window as unknown as Fixture).addMessage("customer", "Hello, I have a question about my plan."));
  if (stopWorker) {
    // Once the message is taken in (its timer saved), the worker goes: the page wakes it again.
    const waits = async () => ((await inExtension(harness, (chrome) => chrome.storage.session.get(null), null)) as { due?: object }).due ?? {};
    await waitFor(async () => Object.keys(await waits()).length > 0, "the wait to be saved");
    const cdp = await page.createCDPSession();
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
  }
  const card = await waitFor(async () => (await readOverlay(page)).find((c: { rule: string }) => c.rule === "respond-promptly"), "the wait's card", (WAIT_SECONDS + 20) * 1000);
  const after = Date.now() - sentAt;
  await page.close();
  return { message: card.message, after };
}

describe("a wait with no reply", () => {
  const harness = useHarness();

  it.for([false, true])("shows its card once the configured wait has passed while nobody writes (worker stopped meanwhile: %s)", async (stopWorker) => {
    await setWait(harness, WAIT_SECONDS);
    const { message, after } = await unanswered(harness, stopWorker);
    expect(message).toContain(`${WAIT_SECONDS} s`);
    expect(after).toBeGreaterThanOrEqual(WAIT_SECONDS * 1000);
    // How late it came is a figure for the benchmarks, not an assertion here: this machine may be busy.
    console.log(`respond-promptly card ${after - WAIT_SECONDS * 1000} ms after its ${WAIT_SECONDS} s wait${stopWorker ? ", worker stopped meanwhile" : ""}`);
  });
});
