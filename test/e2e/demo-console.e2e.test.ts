import { describe, expect, it } from "vitest";
import { collectErrors, readOverlay, useHarness, waitFor } from "./harness.js";

describe("the demo console", () => {
  const harness = useHarness();

  it("shows the frustration nudge in the overlay, then confirms it when the agent acknowledges", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    const shown = await waitFor(async () => {
      const cards = await readOverlay(page);
      return cards.find((card) => card.rule === "acknowledge-frustration");
    }, "the acknowledge-frustration nudge");
    expect(shown.message).toMatch(/acknowledge/i);
    expect(shown.suggestion.length).toBeGreaterThan(0);
    expect(shown.outcome).toBe("open");

    const followed = await waitFor(async () => {
      const cards = await readOverlay(page);
      return cards.find((card) => card.rule === "acknowledge-frustration" && card.outcome === "followed");
    }, "the nudge to be marked as followed");
    expect(followed.message).toContain("✓");
    expect(errors).toEqual([]);
  });

  it("keeps the reply box focused while nudges come and go", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    await page.focus("#reply-box");
    await page.keyboard.type("Let me check");
    await waitFor(async () => (await readOverlay(page)).length > 0, "a nudge");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("reply-box");
    await page.keyboard.type(" that for you.");
    expect(await page.$eval("#reply-box", (box) => (box as HTMLTextAreaElement).value)).toBe("Let me check that for you.");
  });
});
