import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { extensionWorker, launchWithExtension, ROOT } from "../../scripts/lib/browser.mjs";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";

export { readOverlay } from "../../scripts/lib/browser.mjs";

export interface Harness {
  browser: Browser;
  /** http://127.0.0.1:PORT, serving /demo/ and /fixtures/. */
  origin: string;
  /** Closes every tab a test opened, so that the next test starts with no conversation. */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

/** A real Chromium with the built extension from dist/chrome, and the demo and fixtures served on loopback. */
export async function startHarness(): Promise<Harness> {
  const server = await startStaticServer({ "/demo/": join(ROOT, "demo"), "/fixtures/": join(ROOT, "test", "fixtures") });
  const browser = await launchWithExtension();
  return {
    browser,
    origin: server.origin,
    async closePages() {
      const pages = await browser.pages();
      await Promise.all(pages.slice(1).map((page) => page.close()));
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Everything the worker keeps in session storage (conversation states), read from inside the worker. */
export async function workerSessionStorage(browser: Browser): Promise<Record<string, { nextSeq: number }>> {
  const worker = await (await extensionWorker(browser)).worker();
  if (!worker) throw new Error("The extension's service worker is not running");
  return worker.evaluate(() => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get(keys: null): Promise<object> } } } };
    return chrome.storage.session.get(null);
  }) as Promise<Record<string, { nextSeq: number }>>;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Errors from the page and from the content script's isolated world alike. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}
