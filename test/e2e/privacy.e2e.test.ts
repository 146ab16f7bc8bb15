import { describe, expect, it } from "vitest";
import { inExtension, openPopup, readOverlay, useHarness, waitFor } from "./harness.js";
import { recordExtensionRequests } from "./network-recorder.js";

describe("privacy", () => {
  const harness = useHarness();

  it("the extension makes no network request during a full coaching session", async () => {
    // The extension's own contexts: its worker and its pages (popup, options, trainer).
    const recorder = await recordExtensionRequests(harness);

    const page = await harness.browser.newPage();
    // What the page itself loads is the page's business; what the content script adds to it is ours.
    const pageRequests: string[] = [];
    page.on("request", (request) => pageRequests.push(request.url()));
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    await waitFor(async () => (await readOverlay(page)).some((card) => card.outcome === "followed"), "the demo's nudge to be followed");
    const popup = await openPopup(harness.browser, page);
    await popup.close();
    await page.waitForSelector("body[data-demo-done]", { timeout: 20_000 });

    expect(recorder.requests).toEqual([]);
    // Without a policy naming a collector, no metrics are ever scheduled either.
    expect(await inExtension(harness, (chrome) => (chrome as unknown as { alarms: { get(name: string): Promise<unknown> } }).alarms.get("attune-telemetry"), null)).toBeFalsy();
    expect(pageRequests.filter((url) => !url.startsWith(harness.origin))).toEqual([]);
    await recorder.stop();
  });
});
