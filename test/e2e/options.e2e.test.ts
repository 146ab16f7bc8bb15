import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  SCREENSHOTS,
  axeViolations,
  emulateColorScheme,
  openExtensionPage,
  readLocal,
  readOverlay,
  setLocal,
  useHarness,
  waitFor,
  waitUntilRead,
} from "./harness.js";

type Fixture = Window & { addMessage(speaker: string, text: string): void };

// The extension's pages are polled with `waitFor` + `evaluate`, not `page.waitForFunction`: in Firefox puppeteer's
// poller builds its function with `Function()`, which the pages' CSP (script-src 'self') refuses.

describe("settings and the agent's interface language", () => {
  const harness = useHarness();

  it.for(["light", "dark"] as const)("the options page passes axe in the %s theme", async (theme, context) => {
    const page = await harness.browser.newPage();
    await emulateColorScheme(context, page, theme);
    await openExtensionPage(harness, "pages/options.html", page);
    await waitFor(() => page.evaluate(() => !!document.querySelector("#preview attune-overlay")), "the preview");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("saves settings from the options page and previews the overlay in the chosen language", async () => {
    const page = await openExtensionPage(harness, "pages/options.html");
    await waitFor(() => page.evaluate(() => !!document.querySelector("#preview attune-overlay")), "the preview");
    await page.select("select[name=interfaceLanguage]", "it");
    await waitFor(() => page.evaluate(() => document.documentElement.lang === "it"), "the page in Italian");
    const preview = await page.$eval("#preview attune-overlay", (host) => host.shadowRoot?.textContent ?? "");
    expect(preview).toContain("Prima riconosca la frustrazione");
    const { settings } = await readLocal(harness);
    expect(settings).toMatchObject({ interfaceLanguage: "it" });
  });

  it("refuses an invalid value and keeps what was saved", async () => {
    const page = await openExtensionPage(harness, "pages/options.html");
    await waitFor(() => page.evaluate(() => !!document.querySelector("#preview attune-overlay")), "the preview");
    await page.$eval("input[name=maxPerFiveMinutes]", (input) => {
      (input as HTMLInputElement).value = "-5";
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await waitFor(() => page.evaluate(() => document.getElementById("status")?.textContent?.includes("maxPerFiveMinutes")), "the refusal");
    const { settings } = await readLocal(harness);
    expect(settings).toBeUndefined();
  });

  it.for([
    { language: "fa", customer: "سومین بار است که پیام می‌دهم!!!", message: "اول ناراحتی مشتری را به رسمیت بشناسید", direction: "rtl" },
    { language: "ro", customer: "Este a treia oară când vă scriu și sunt foarte enervat!!!", message: "Recunoașteți mai întâi frustrarea", direction: "ltr" },
  ])("an agent whose interface is in $language gets nudges in it, laid out $direction", async ({ language, customer, message, direction }) => {
    await setLocal(harness, { settings: { interfaceLanguage: language } });
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    await page.evaluate((text) => (window as unknown as Fixture).addMessage("customer", text), customer);
    const [card] = await waitFor(async () => {
      const cards = await readOverlay(page);
      return cards.length ? cards : undefined;
    }, `the nudge in ${language}`);
    expect(card!.message).toBe(message);
    expect(card!.direction).toBe(direction);
    await page.screenshot({ path: join(SCREENSHOTS, `overlay-${language}.png`) });
  });
});
