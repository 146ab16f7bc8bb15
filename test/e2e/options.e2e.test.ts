import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, axeViolations, readLocal, readOverlay, setLocal, useHarness, waitFor } from "./harness.js";

type Fixture = Window & { addMessage(speaker: string, text: string): void };

describe("settings and the agent's interface language", () => {
  const harness = useHarness();

  it("saves settings from the options page, previews the overlay in the chosen language, and passes axe in both themes", async () => {
    for (const theme of ["light", "dark"] as const) {
      const page = await harness.browser.newPage();
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: theme }]);
      await page.goto(`${harness.extensionOrigin}/pages/options.html`);
      await page.waitForFunction(() => document.querySelector("#preview attune-overlay"));
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
    const page = await harness.browser.newPage();
    await page.goto(`${harness.extensionOrigin}/pages/options.html`);
    await page.waitForFunction(() => document.querySelector("#preview attune-overlay"));
    await page.select("select[name=interfaceLanguage]", "it");
    await page.waitForFunction(() => document.documentElement.lang === "it");
    const preview = await page.$eval("#preview attune-overlay", (host) => host.shadowRoot?.textContent ?? "");
    expect(preview).toContain("Prima riconosci la frustrazione");
    const { settings } = await readLocal(harness);
    expect(settings).toMatchObject({ interfaceLanguage: "it" });
  });

  it("refuses an invalid value and keeps what was saved", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.extensionOrigin}/pages/options.html`);
    await page.waitForFunction(() => document.querySelector("#preview attune-overlay"));
    await page.$eval("input[name=maxPerFiveMinutes]", (input) => {
      (input as HTMLInputElement).value = "-5";
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await page.waitForFunction(() => document.getElementById("status")?.textContent?.includes("maxPerFiveMinutes"));
    const { settings } = await readLocal(harness);
    expect(settings).toBeUndefined();
  });

  it("a Persian-speaking agent gets Persian nudges laid out right to left", async () => {
    await setLocal(harness, { settings: { interfaceLanguage: "fa" } });
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await page.evaluate(() => (window as unknown as Fixture).addMessage("customer", "سومین بار است که پیام می‌دهم!!!"));
    const [card] = await waitFor(async () => {
      const cards = await readOverlay(page);
      return cards.length ? cards : undefined;
    }, "the Persian nudge");
    expect(card!.message).toBe("اول ناراحتی مشتری را به رسمیت بشناسید");
    expect(card!.direction).toBe("rtl");
    await page.screenshot({ path: join(SCREENSHOTS, "overlay-rtl.png") });
  });
});
