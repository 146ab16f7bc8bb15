import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, clickOverlay, inExtension, readOverlay, startHarness, waitFor, type Harness } from "./harness.js";

const FRUSTRATED = "This is the third time I'm asking and I'm really fed up!!!";

type Fixture = Window & { addMessage(speaker: string, text: string): void };

/** A chat page where the test plays the customer; resolves once the frustration nudge is on screen. */
async function chatWithNudge(harness: Harness): Promise<Page> {
  const page = await harness.browser.newPage();
  await page.goto(`${harness.origin}/fixtures/rerender.html`);
  await page.evaluate((text) => (window as unknown as Fixture).addMessage("customer", text), FRUSTRATED);
  await waitFor(async () => (await readOverlay(page)).length === 1, "the nudge");
  return page;
}

async function stats(harness: Harness): Promise<Record<string, Record<string, number>>> {
  const local = await inExtension(harness, (chrome) => chrome.storage.local.get(null), null);
  return (local.stats ?? {}) as Record<string, Record<string, number>>;
}

async function setLocal(harness: Harness, items: Record<string, unknown>): Promise<void> {
  await inExtension(harness, (chrome, values) => (chrome.storage.local as unknown as { set(v: object): Promise<void> }).set(values), items);
}

describe("the overlay", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.closePages();
    await inExtension(harness, (chrome) => (chrome.storage.local as unknown as { clear(): Promise<void> }).clear(), null);
  });
  afterAll(async () => harness?.close());

  it("is dismissed by a click, which the team lead's stats count, and the reply box keeps focus", async () => {
    const page = await chatWithNudge(harness);
    await page.evaluate(() => {
      const box = document.createElement("textarea");
      box.id = "reply";
      document.body.append(box);
      box.focus();
    });
    await clickOverlay(page, "dismiss");
    await waitFor(async () => (await readOverlay(page)).length === 0, "the nudge to go");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("reply");
    await waitFor(async () => (await stats(harness))["acknowledge-frustration"]?.dismissed === 1, "the dismissal in the stats");
  });

  it("takes the agent's rating into the stats", async () => {
    const page = await chatWithNudge(harness);
    await clickOverlay(page, "helpful");
    await waitFor(async () => (await stats(harness))["acknowledge-frustration"]?.helpful === 1, "the rating in the stats");
    expect(await readOverlay(page)).toEqual([]);
  });

  it("snoozes all coaching for 15 minutes", async () => {
    const page = await chatWithNudge(harness);
    const before = Date.now();
    await clickOverlay(page, "snooze");
    await waitFor(async () => (await readOverlay(page)).length === 0, "the nudge to go");
    const { snoozedUntil } = await inExtension(harness, (chrome) => chrome.storage.local.get(null), null);
    expect(Number(snoozedUntil) - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    await page.evaluate(() => (window as unknown as Fixture).addMessage("customer", "I'm furious, this is ridiculous!!!"));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await readOverlay(page)).toEqual([]);
  });

  it("hides a nudge by itself after the configured time", async () => {
    await setLocal(harness, { settings: { autoHideSeconds: 1 } });
    const page = await chatWithNudge(harness);
    await waitFor(async () => (await readOverlay(page)).length === 0, "the nudge to hide itself", 4000);
  });

  it("is drawn in light and dark themes, and a hostile page can neither restyle nor remove it", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const theme of ["light", "dark"] as const) {
      const page = await harness.browser.newPage();
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: theme }]);
      await page.goto(`${harness.origin}/demo/console.html?speed=4`);
      await waitFor(async () => (await readOverlay(page)).length === 1, "the demo's nudge");
      await page.screenshot({ path: join(SCREENSHOTS, `overlay-${theme}.png`) });
      // A hostile page stylesheet aimed at everything, including custom elements, changes nothing inside.
      await page.addStyleTag({ content: "* { color: red !important; font-size: 40px !important; } attune-overlay { display: none !important; }" });
      // …and a page script removing or restyling the host element gets it back as it was.
      await page.evaluate(() => {
        const host = document.querySelector("attune-overlay");
        host?.setAttribute("style", "display: none");
        host?.remove();
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const cards = await readOverlay(page);
      expect(cards).toHaveLength(1);
      expect(await page.evaluate(() => {
        const host = document.querySelector("attune-overlay");
        return host ? getComputedStyle(host).display : "gone";
      })).toBe("block");
      await page.close();
    }
  });
});
