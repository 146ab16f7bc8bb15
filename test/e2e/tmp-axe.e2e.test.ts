import { expect, it } from "vitest";
import { axeViolations, openExtensionPage, setLocal, useHarness } from "./harness.js";
const harness = useHarness();
it("axe", async () => {
  for (const lang of ["en", "fa"]) {
    await setLocal(harness, { settings: { interfaceLanguage: lang } });
    const page = await harness.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await openExtensionPage(harness, "pages/trainer.html?scenario=en-billing-error&mode=replay", page);
    await page.waitForSelector("body[data-ready]");
    await page.click("#edit-copy");
    await page.waitForSelector("#editor:not([hidden])");
    await page.click("#editor-test");
    await page.waitForSelector("#editor-results .checks li");
    await page.screenshot({ path: `test/artifacts/tmp-${lang}-results.png` });
    expect(await axeViolations(page)).toEqual([]);
  }
});
