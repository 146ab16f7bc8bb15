import browser from "webextension-polyfill";
import { CALL_PAGE } from "./senders.js";

/** Chromium's tabCapture, which webextension-polyfill does not type (Firefox has none). */
interface TabCapture {
  getMediaStreamId(options: { targetTabId: number }): Promise<string>;
}

/**
 * "Coach this call" (the agent's shortcut): opens the call page in a small window beside the softphone. In Chromium,
 * the shortcut's invocation lets Attune capture the tab it was pressed on, so the worker asks for the tab's audio
 * stream here (its id is usable by Attune's own pages for a few seconds) and the page starts listening to both sides
 * at once; the browser shows its own "sharing this tab" indicator. Where the tab cannot be captured (Firefox, a
 * browser page, a tab already captured) the page opens without it, and the agent picks what to listen to.
 */
export async function coachCall(tab: { id?: number | undefined } | undefined): Promise<void> {
  const url = new URL(browser.runtime.getURL(CALL_PAGE));
  const tabCapture = (globalThis as { chrome?: { tabCapture?: TabCapture } }).chrome?.tabCapture;
  if (tab?.id !== undefined && tabCapture) {
    try {
      url.searchParams.set("stream", await tabCapture.getMediaStreamId({ targetTabId: tab.id }));
      url.searchParams.set("tab", String(tab.id));
    } catch {
      // Not capturable: the page says what it can still do.
    }
  }
  await browser.windows.create({ url: url.href, type: "popup", width: 420, height: 560 });
}
