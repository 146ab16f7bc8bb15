import { describe, expect, it } from "vitest";
import { recordEvents } from "./event-recorder.js";
import { collectErrors, readOverlay, useHarness, waitFor, waitUntilLooked, waitUntilRead, workerSessionStorage, type Harness } from "./harness.js";

/** How many turns the worker has taken in for the page's one conversation. */
async function turnsTaken(harness: Harness): Promise<number | undefined> {
  const states = Object.entries(await workerSessionStorage(harness));
  const fixture = states.filter(([key]) => key.startsWith("conversation:"));
  return fixture.length === 1 ? fixture[0]![1].events : undefined;
}

describe("the generic transcript reader", () => {
  const harness = useHarness();

  it("sends each message once although the page re-renders the whole list", async () => {
    const recorder = await recordEvents(harness);
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitFor(async () => (await turnsTaken(harness)) === 2, "the two messages on the page");

    await page.evaluate(() => (window as unknown as { rerender(): void }).rerender());
    await page.evaluate(() => (window as unknown as { addMessage(s: string, t: string): void }).addMessage("customer", "It charged me twice."));
    await page.evaluate(() => (window as unknown as { rerender(): void }).rerender());
    await page.evaluate(() => (window as unknown as { addMessage(s: string, t: string): void }).addMessage("agent", "I'm sorry, let me fix that."));
    await page.evaluate(() => (window as unknown as { rerender(): void }).rerender());

    // A conversation's turns are taken in order: once one more message is in, any duplicate of the re-renders is too.
    await page.evaluate(() => (window as unknown as { addMessage(s: string, t: string): void }).addMessage("customer", "Thank you."));
    const turns = async () => (await recorder.events()).filter((e) => e.type === "turn").map((e) => `${e.history ? "history " : ""}${e.speaker}: ${e.text}`);
    await waitFor(async () => (await turns()).includes("customer: Thank you."), "the message after the re-renders");
    expect((await turns()).slice(2)).toEqual(["customer: It charged me twice.", "agent: I'm sorry, let me fix that.", "customer: Thank you."]);
    expect(await turnsTaken(harness)).toBe(5);
    expect(errors).toEqual([]);
    await recorder.close();
  });

  it("draws no overlay and raises no error on a page with no transcript, until a chat appears", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${harness.origin}/fixtures/no-transcript.html`);
    await waitUntilLooked(harness, page);
    expect(await page.$("attune-overlay")).toBeNull();
    expect(errors).toEqual([]);

    // The script was there all along, watching cheaply: a chat that appears later is read.
    await page.evaluate(() => {
      const log = document.createElement("div");
      log.setAttribute("role", "log");
      const item = document.createElement("div");
      item.className = "from-customer";
      item.textContent = "Hi, is anyone there?";
      log.append(item);
      document.body.append(log);
    });
    await waitFor(async () => (await turnsTaken(harness)) === 1, "the late chat's first turn");
  });

  it("reads a customer's 'Agent: …' as the customer's, every word kept, and raises the acknowledge nudge", async () => {
    const recorder = await recordEvents(harness);
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    // The page marks the two sides by class only ("bubble-customer", "bubble-agent").
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    const written = [
      "Agent: this is the third time I'm asking and I'm really fed up!!!",
      "Support: is anyone reading this?",
      "Sent: the photos of the broken lamp, twice.",
      "Me: still waiting.",
    ];
    for (const text of written) await page.evaluate((t) => (window as unknown as { addMessage(s: string, t: string): void }).addMessage("customer", t), text);
    const live = async () => (await recorder.events()).filter((e) => e.type === "turn" && !e.history).map((e) => `${e.speaker}: ${e.text}`);
    await waitFor(async () => (await live()).length >= written.length, "the four messages");
    expect(await live()).toEqual(written.map((text) => `customer: ${text}`));
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "acknowledge-frustration"), "the acknowledge nudge");
    expect(errors).toEqual([]);
    await recorder.close();
  });
});
