import type { CDPSession, Target } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { openPopup, readOverlay, useHarness, waitFor } from "./harness.js";

describe("privacy", () => {
  const harness = useHarness();

  it("the extension makes no network request during a full coaching session", async () => {
    const requests: string[] = [];
    const sessions: CDPSession[] = [];
    const record = async (target: Target) => {
      // The extension's own contexts: its worker and its pages (popup, options, trainer).
      if (!target.url().startsWith(harness.extensionOrigin)) return;
      const session = await target.createCDPSession();
      sessions.push(session);
      session.on("Network.requestWillBeSent", (event: { request: { url: string } }) => {
        if (!event.request.url.startsWith(harness.extensionOrigin) && !event.request.url.startsWith("data:")) requests.push(event.request.url);
      });
      await session.send("Network.enable");
    };
    for (const target of harness.browser.targets()) await record(target);
    harness.browser.on("targetcreated", (target: Target) => void record(target));

    const page = await harness.browser.newPage();
    // What the page itself loads is the page's business; what the content script adds to it is ours.
    const pageRequests: string[] = [];
    page.on("request", (request) => pageRequests.push(request.url()));
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    await waitFor(async () => (await readOverlay(page)).some((card) => card.outcome === "followed"), "the demo's nudge to be followed");
    const popup = await openPopup(harness.browser, page);
    await popup.close();
    await page.waitForSelector("body[data-demo-done]", { timeout: 20_000 });

    expect(requests).toEqual([]);
    expect(pageRequests.filter((url) => !url.startsWith(harness.origin))).toEqual([]);
    for (const session of sessions) await session.detach().catch(() => undefined);
  });
});
