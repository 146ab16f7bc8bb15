import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, afterEach, beforeAll, onTestFinished, type TestContext } from "vitest";
import {
  attribute,
  extensionWorker,
  FIREFOX_EXTENSION_ORIGIN,
  grantMicrophone,
  inOverlay,
  inOverlayRoots,
  launchWithExtension,
  navigateOverBidi,
  overBidi,
  ROOT,
  walkOverlay,
} from "../../scripts/lib/browser.mjs";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import type { ReadingStatus } from "../../src/shared/messages.js";

export { coachCallOnTab, openPopup, readOverlay } from "../../scripts/lib/browser.mjs";

/** The interface's strings in one language, as `_locales/<language>/messages.json` ships them. */
export const localeMessages = (language: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(join(ROOT, "_locales", language, "messages.json"), "utf8")) as Record<string, { message: string }>;

/** A folder for one test's files (downloads, a pack written on the fly), removed when the test ends. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `attune-${prefix}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A download the page finished: the name the page gave it, and where it is on disk. */
export interface Download {
  name: string;
  path: string;
}

/**
 * Catches the page's downloads in a scratch folder (see scratchDir) over the DevTools protocol (Chromium only).
 * A download counts only once Chromium reports it complete: a file that merely exists may still be half written.
 * Each lands in a numbered folder of its own under the name the page gave it, so two of the same name both keep it.
 */
export async function downloadsInto(page: Page, prefix: string): Promise<{ folder: string; finished: () => Download[] }> {
  const folder = scratchDir(prefix);
  const incoming = join(folder, ".incoming");
  mkdirSync(incoming);
  const names = new Map<string, string>();
  const finished: Download[] = [];
  const cdp = await page.createCDPSession();
  cdp.on("Browser.downloadWillBegin", (event) => names.set(event.guid, event.suggestedFilename));
  cdp.on("Browser.downloadProgress", (event) => {
    if (event.state !== "completed") return;
    const dir = join(folder, String(finished.length + 1));
    mkdirSync(dir);
    const download = { name: names.get(event.guid) ?? event.guid, path: "" };
    download.path = join(dir, download.name);
    renameSync(join(incoming, event.guid), download.path);
    finished.push(download);
  });
  await cdp.send("Browser.setDownloadBehavior", { behavior: "allowAndName", downloadPath: incoming, eventsEnabled: true });
  return { folder, finished: () => [...finished] };
}

/**
 * The browser these tests drive: Chromium, or Firefox when ATTUNE_E2E_BROWSER=firefox (the `e2e-firefox` vitest
 * project sets it for the test files listed there).
 */
export const BROWSER: "chromium" | "firefox" = process.env.ATTUNE_E2E_BROWSER === "firefox" ? "firefox" : "chromium";

/** Skips the test in Firefox, saying why in the skip note. */
export function skipInFirefox(context: TestContext, why: string): void {
  context.skip(BROWSER === "firefox", `not in Firefox: ${why}`);
}

/** Where a part of the overlay (data-part="dismiss", "helpful", "handle"…) is drawn: the centre of its box. */
export async function overlayPartCenter(page: Page, part: string): Promise<{ x: number; y: number }> {
  let center: { x: number; y: number } | undefined;
  if (overBidi(page)) {
    center = await inOverlayRoots(page, (roots: ShadowRoot[], name: string) => {
      const box = roots.map((root) => root.querySelector(`[data-part="${name}"]`)).find(Boolean)?.getBoundingClientRect();
      return box && { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }, part);
  } else await walkOverlay(page, async (node: { nodeId: number }, session: { send(m: string, p: object): Promise<{ model: { content: number[] } }> }) => {
    if (center || attribute(node, "data-part") !== part) return;
    const { model } = await session.send("DOM.getBoxModel", { nodeId: node.nodeId });
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    center = { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
  });
  if (!center) throw new Error(`The overlay shows no "${part}" control`);
  return center;
}

/** Whether a control or part of the overlay (its data-part) is on screen. */
export async function overlayPartShown(page: Page, part: string): Promise<boolean> {
  return (await inOverlay(page, (roots: ShadowRoot[], name: string) => roots.some((root) => (root.querySelector(`[data-part="${name}"]`)?.getBoundingClientRect().width ?? 0) > 0), part)) as boolean;
}

/** Clicks a control of the overlay where it is drawn, as a mouse would. */
export async function clickOverlay(page: Page, part: string): Promise<void> {
  const { x, y } = await overlayPartCenter(page, part);
  await page.mouse.click(x, y);
}

export interface Harness {
  browser: Browser;
  /** http://127.0.0.1:PORT, serving /demo/, /fixtures/ and /calls/. */
  origin: string;
  /** chrome-extension://ID or moz-extension://UUID — the built extension's own pages live here. */
  extensionOrigin: string;
  /** Closes every tab a test opened, so that the next test starts with no conversation. */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real Chromium (or Firefox, see BROWSER) with the built extension from dist/chrome (dist/firefox), and the demo and
 * fixtures served on loopback (and the generated calls, test/artifacts/calls, under /calls/).
 * `audible`: tabs' sound is not muted (a captured tab is silent otherwise); `microphone`: Attune's pages may open the
 * microphone without asking, as the agent allowed once (in Chromium granted over DevTools: the fake-UI switch would do
 * it too, but it also refuses a tab's capture); `soundServer`: Firefox's sound goes to and comes from this PulseAudio
 * server (see sound-server.ts).
 */
export async function startHarness(options: { chromiumArgs?: string[]; audible?: boolean; microphone?: boolean; soundServer?: string } = {}): Promise<Harness> {
  const server = await startStaticServer({ "/demo/": join(ROOT, "demo"), "/fixtures/": join(ROOT, "test", "fixtures"), "/calls/": join(ROOT, "test", "artifacts", "calls") });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await launchWithExtension({ browser: BROWSER, chromiumArgs: options.chromiumArgs, audible: options.audible, microphone: options.microphone, soundServer: options.soundServer });
  const extensionOrigin =
    BROWSER === "firefox"
      ? FIREFOX_EXTENSION_ORIGIN
      : `chrome-extension://${new URL((await extensionWorker(browser)).url()).host}`;
  if (options.microphone && BROWSER === "chromium") await grantMicrophone(browser, extensionOrigin);
  return {
    browser,
    origin: server.origin,
    extensionOrigin,
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

/**
 * Opens one of the extension's own pages ("pages/options.html") in the given tab or a new one. Firefox reports no navigation events
 * for moz-extension:// documents over WebDriver BiDi, so puppeteer's `goto` would wait for them forever: there the
 * tab is navigated with a bare BiDi command that returns once the page has loaded (puppeteer's `page.url()` then still
 * says about:blank, but evaluating in the page works).
 */
export async function openExtensionPage(harness: Harness, path: string, tab?: Page): Promise<Page> {
  const page = tab ?? (await harness.browser.newPage());
  const url = `${harness.extensionOrigin}/${path}`;
  if (!overBidi(page)) {
    await page.goto(url);
    return page;
  }
  await navigateOverBidi(page, url);
  return page;
}

/**
 * Runs `fn` in one of the extension's own pages, where the extension APIs are available (its argument is `browser` in
 * Firefox, `chrome` in Chromium: both return promises). Unlike evaluating in the worker, this works while the worker
 * is stopped, and a message sent from here wakes it.
 */
export async function inExtension<A, R>(harness: Harness, fn: (chrome: ChromeApi, arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const page = await openExtensionPage(harness, "pages/popup.html");
  try {
    return (await page.evaluate(
      `(${fn.toString()})(globalThis.browser ?? globalThis.chrome, ${JSON.stringify(arg ?? null)})`,
    )) as R;
  } finally {
    await page.close();
  }
}

/** The few extension APIs the tests use. */
export interface ChromeApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: {
    query(query: object): Promise<Array<{ id: number; url: string; windowId: number }>>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  commands: { getAll(): Promise<Array<{ name: string; shortcut: string }>> };
  storage: {
    session: { get(keys: null): Promise<Record<string, unknown>> };
    local: { get(keys: null): Promise<Record<string, unknown>>; set(items: object): Promise<void>; clear(): Promise<void> };
  };
}

/**
 * One browser per test file: started before its tests, each test's tabs closed and the extension's local storage
 * (settings, stats, snooze) cleared after each, closed at the end. The harness it returns is usable inside tests.
 */
export function useHarness(): Harness {
  let started: Harness | undefined;
  const current = () => {
    if (!started) throw new Error("The harness is only there inside tests");
    return started;
  };
  beforeAll(async () => {
    started = await startHarness();
  });
  afterEach(async () => {
    await current().closePages();
    await inExtension(current(), (chrome) => chrome.storage.local.clear(), null);
  });
  afterAll(async () => started?.close());
  return {
    get browser() {
      return current().browser;
    },
    get origin() {
      return current().origin;
    },
    get extensionOrigin() {
      return current().extensionOrigin;
    },
    closePages: () => current().closePages(),
    close: () => current().close(),
  };
}

/** The tab id the browser gave the page. */
export function tabIdOf(harness: Harness, page: Page): Promise<number> {
  return inExtension(harness, async (chrome, url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)!.id, page.url());
}

export function setLocal(harness: Harness, items: Record<string, unknown>): Promise<void> {
  return inExtension(harness, (chrome, values) => chrome.storage.local.set(values), items);
}

/**
 * Resolves once the content script in the page has found its transcript and the worker holds the conversation: what is
 * added to the page from then on is new, not history (Firefox may inject the content script after `load`).
 */
export async function waitUntilRead(harness: Harness, page: Page): Promise<void> {
  const tabId = await tabIdOf(harness, page);
  await waitFor(async () => {
    const status = (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as {
      conversations?: unknown[];
    };
    return (status.conversations?.length ?? 0) > 0;
  }, "the worker to hold the page's conversation");
}

/** What the content script in the page's top frame says it reads, asked as the popup asks it. */
export async function readingStatusOf(harness: Harness, page: Page): Promise<ReadingStatus | undefined> {
  const tabId = await tabIdOf(harness, page);
  const answer = await inExtension(harness, (chrome, id) => chrome.tabs.sendMessage(id, { type: "reading-status" }, { frameId: 0 }).catch(() => undefined), tabId);
  return answer as ReadingStatus | undefined;
}

/**
 * Resolves once the content script has looked at the page: a message added from then on is the conversation going on,
 * and on a page that showed none, its start (Firefox may inject the content script after `load`).
 */
export async function waitUntilLooked(harness: Harness, page: Page): Promise<void> {
  await waitFor(async () => (await readingStatusOf(harness, page))?.looked, "the content script to look at the page");
}

export function readLocal(harness: Harness): Promise<Record<string, unknown>> {
  return inExtension(harness, (chrome) => chrome.storage.local.get(null), null);
}

/** Everything the worker keeps in session storage (conversation states). */
export async function workerSessionStorage(harness: Harness): Promise<Record<string, { events?: number }>> {
  return inExtension(harness, (chrome) => chrome.storage.session.get(null), null) as Promise<Record<string, { events?: number }>>;
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

/** Runs axe-core in the page (through the DevTools protocol, which the page's CSP does not restrict). */
export async function axeViolations(page: Page): Promise<Array<{ id: string; help: string; nodes: number }>> {
  const source = await readFile(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; help: string; nodes: unknown[] }> }> } }).axe;
    const { violations } = await axe.run();
    return violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.length }));
  });
}

/**
 * Screenshots of what the tests drew, beside the test reports (a test run leaves the clone as it found it). `npm run
 * screenshots` has the Chromium run write them into docs/screenshots instead, the pictures the README shows.
 */
export const SCREENSHOTS =
  process.env.ATTUNE_SCREENSHOTS_TO_DOCS && BROWSER !== "firefox" ? join(ROOT, "docs", "screenshots") : join(ROOT, "test", "artifacts", `screenshots-${BROWSER}`);

/**
 * Makes the page prefer a light or a dark colour scheme. Firefox runs with its profile set to light; puppeteer can
 * emulate the media feature only over the DevTools protocol, so a dark test is skipped there.
 */
export async function emulateColorScheme(context: TestContext, page: Page, theme: "light" | "dark"): Promise<void> {
  if (theme === "dark") skipInFirefox(context, "puppeteer emulates prefers-color-scheme over the DevTools protocol only, not over WebDriver BiDi");
  if (BROWSER === "chromium") await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: theme }]);
}
