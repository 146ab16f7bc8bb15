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

  it("refuses an invalid value at its field, in words, and keeps what was saved", async () => {
    const page = await openExtensionPage(harness, "pages/options.html");
    await waitFor(() => page.evaluate(() => !!document.querySelector("#preview attune-overlay")), "the preview");
    await page.$eval("input[name=maxPerFiveMinutes]", (input) => {
      (input as HTMLInputElement).value = "0";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await waitFor(() => page.evaluate(() => document.getElementById("status")?.textContent === "Not saved yet: correct the fields marked in red (1)."), "the refusal");
    expect(await page.$eval("#error-maxPerFiveMinutes", (n) => n.textContent)).toBe("At most this many nudges in 5 minutes: a whole number between 1 and 60");
    expect(await page.$eval("input[name=maxPerFiveMinutes]", (n) => n.getAttribute("aria-invalid"))).toBe("true");
    const { settings } = await readLocal(harness);
    expect(settings).toBeUndefined();
  });

  it("opens each section by its own link, one at a time, each within a 1280×800 screen", async () => {
    const page = await openExtensionPage(harness, "pages/options.html#statistics");
    await page.setViewport({ width: 1280, height: 800 });
    const shown = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>("main > section, #draft-area section")].filter((s) => s.offsetParent !== null).map((s) => s.id));
    await waitFor(async () => (await shown()).join() === "statistics", "the statistics section alone");
    for (const section of ["coaching", "rules", "phrases", "sites", "statistics", "team", "advanced"]) {
      await page.click(`#sections-nav a[href="#${section}"]`);
      await waitFor(async () => (await shown()).join() === section, `${section} alone`);
      expect(await page.$eval(`#sections-nav a[href="#${section}"]`, (a) => a.getAttribute("aria-current"))).toBe("page");
      // Nothing below the fold, the rules (every one folded) included.
      expect(await page.evaluate(() => document.documentElement.scrollHeight), section).toBeLessThanOrEqual(800);
    }
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
