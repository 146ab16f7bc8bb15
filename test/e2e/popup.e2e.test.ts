import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, axeViolations, inExtension, openPopup, readOverlay, tabIdOf, useHarness, waitFor } from "./harness.js";

describe("the toolbar popup", () => {
  const harness = useHarness();

  it("shows the conversation found, its adapter, language and nudges, and passes axe", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    await waitFor(async () => (await readOverlay(page)).length > 0, "a nudge");
    const tabId = await tabIdOf(harness, page);
    const badge = await inExtension(harness, (chrome, id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(Number(badge)).toBeGreaterThanOrEqual(1);
    const popup = await openPopup(harness.browser, page);
    expect(await popup.$eval("#conversation-state", (el) => el.textContent)).toMatch(/generic.*en/);
    expect(Number(await popup.$eval("#raised", (el) => el.textContent))).toBeGreaterThanOrEqual(1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: join(SCREENSHOTS, "popup.png") });
    expect(await axeViolations(popup)).toEqual([]);
  });

  it("switches coaching off for the site: the next frustrated message raises nothing", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    const popup = await openPopup(harness.browser, page);
    await popup.click("#site-enabled");
    await popup.close();
    await page.evaluate(() => (window as unknown as { addMessage(s: string, t: string): void }).addMessage("customer", "This is the third time I'm asking, I'm furious!!!"));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await readOverlay(page)).toEqual([]);

    const again = await openPopup(harness.browser, page);
    expect(await again.$eval("#site-enabled", (el) => (el as HTMLInputElement).checked)).toBe(false);
    await again.click("#site-enabled");
  });
});
