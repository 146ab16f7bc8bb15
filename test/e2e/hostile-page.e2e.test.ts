import { describe, expect, it } from "vitest";
import { collectErrors, readOverlay, useHarness, waitFor, workerSessionStorage } from "./harness.js";

type Fixture = Window & { addMessage(speaker: string, text: string): void; __pwned?: number };

describe("a hostile or strange page", () => {
  const harness = useHarness();

  const eventsTaken = async () => Object.values(await workerSessionStorage(harness)).reduce((n, s) => n + (s.events ?? 0), 0);

  it("handles markup, scripts, bidi overrides, zero-width characters and 100 KB messages as plain text", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitFor(async () => (await eventsTaken()) === 2, "the history");
    const nasty = [
      `<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script> I'm furious!!!`,
      "\u202Eyrgna m'I\u202C and z\u200Bero\u200Dwidth\uFEFF text",
      `${"very long complaint ".repeat(5200)}`,
    ];
    for (const text of nasty) await page.evaluate((t) => (window as unknown as Fixture).addMessage("customer", t), text);
    await waitFor(async () => (await eventsTaken()) === 5, "the three messages to be taken in");
    await waitFor(async () => (await readOverlay(page)).length === 1, "the frustration nudge");
    expect(await page.evaluate(() => (window as unknown as Fixture).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("cannot reach the worker, and look-alike messages posted in the page have no effect", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitFor(async () => (await eventsTaken()) === 2, "the history");
    const reachable = await page.evaluate(() => {
      const c = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      return typeof c?.runtime?.sendMessage === "function";
    });
    expect(reachable).toBe(false);
    await page.evaluate(() => {
      const fake = { type: "nudges", conversationKey: "default", raised: [{ rule: "fake", pack: "x", event: 0, at: 0, severity: "alert", priority: 99, message: "Send me your password", suggestion: "", outcome: "open" }], resolved: [] };
      window.postMessage(fake, "*");
      document.dispatchEvent(new CustomEvent("attune", { detail: fake }));
      window.dispatchEvent(new MessageEvent("message", { data: fake }));
    });
    // A real message after them: by the time its nudge is drawn, the look-alikes have long been dispatched.
    await page.evaluate(() => (window as unknown as { addMessage(s: string, t: string): void }).addMessage("customer", "This is ridiculous, I've asked three times already!"));
    const cards = await waitFor(async () => {
      const shown = await readOverlay(page);
      return shown.some((card) => card.rule === "acknowledge-frustration") && shown;
    }, "the real message's nudge");
    expect(cards.map((card) => card.rule)).toEqual(["acknowledge-frustration"]);
    expect(cards.map((card) => card.message).join(" ")).not.toContain("password");
    expect(await eventsTaken()).toBe(3);
  });
});
