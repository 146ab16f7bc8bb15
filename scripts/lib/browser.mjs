// Finds a Chromium-family browser (or Firefox) and launches it with the built extension loaded, for `npm start`, the
// end-to-end tests and the benchmarks alike.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CHROME_EXTENSION_DIR = join(ROOT, "dist", "loopback", "chrome");
export const FIREFOX_EXTENSION_DIR = join(ROOT, "dist", "loopback", "firefox");

/**
 * Firefox gives every installed extension a random moz-extension:// host. The profile is told this one up front (the
 * `extensions.webextensions.uuids` pref), so the tests can open the extension's pages without asking for it.
 */
export const FIREFOX_EXTENSION_UUID = "a7c0f3e2-5d1b-4c8e-9f60-7e2d4b1a9c35";
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
const FIREFOX_EXTENSION_ID = "attune@attune-coach.org";

// Branded Google Chrome 137+ ignores --load-extension, so Chromium and Chrome for Testing come first.
const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/lib/chromium/chromium",
  "/opt/google/chrome-for-testing/chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing",
  "C:\\Program Files\\Chromium\\Application\\chrome.exe",
];

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    "No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: `brew install --cask chromium`)" +
      " or point CHROME_PATH at a Chromium or Chrome for Testing binary. Branded Google Chrome 137+ cannot load unpacked" +
      " extensions from the command line.",
  );
}

const FIREFOX_CANDIDATES = [
  "/usr/bin/firefox-esr",
  "/usr/bin/firefox",
  "/snap/bin/firefox",
  "/Applications/Firefox.app/Contents/MacOS/firefox",
  "C:\\Program Files\\Mozilla Firefox\\firefox.exe",
];

export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const found = FIREFOX_CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    "No Firefox found. Install one (Debian/Ubuntu: `sudo apt-get install firefox-esr`) or point FIREFOX_PATH at a" +
      " Firefox 140+ binary.",
  );
}

/**
 * @param {{ headless?: boolean, extensionDir?: string, browser?: "chromium" | "firefox", chromiumArgs?: string[], audible?: boolean, microphone?: boolean, soundServer?: string }} [options]
 *   `chromiumArgs`: switches one test needs in Chromium (a fake microphone playing a file, for the call tests).
 *   `audible`: tabs' sound is not muted (puppeteer mutes it in headless Chromium, and a captured tab is then silent).
 *   `microphone`: Firefox opens the microphone without asking, as the agent allowed once (Chromium's is granted over
 *   DevTools once launched, see the e2e harness).
 *   `soundServer`: the PulseAudio server Firefox plays to and records from (`unix:/path/to/socket`), for a machine
 *   with no sound device: Firefox starts a page's audio only where a sound output plays it.
 */
export async function launchWithExtension({ headless = true, browser = "chromium", extensionDir, chromiumArgs = [], audible = false, microphone = false, soundServer } = {}) {
  const dir = extensionDir ?? (browser === "firefox" ? FIREFOX_EXTENSION_DIR : CHROME_EXTENSION_DIR);
  if (!existsSync(join(dir, "manifest.json"))) {
    throw new Error(`No built extension in ${dir}: run \`npm run build\` first.`);
  }
  return browser === "firefox" ? launchFirefox(headless, dir, { microphone, soundServer }) : launchChromium(headless, dir, chromiumArgs, audible);
}

/** Firefox driven over WebDriver BiDi, with the build installed as a temporary add-on (as about:debugging does). */
async function launchFirefox(headless, extensionDir, { microphone = false, soundServer } = {}) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    protocol: "webDriverBiDi",
    executablePath: findFirefox(),
    headless,
    defaultViewport: { width: 1280, height: 800 },
    // Firefox 153 lets WebDriver navigate only to http(s), file, blob and about:blank unless system access is allowed:
    // the tests open the extension's own moz-extension:// pages.
    args: ["--remote-allow-system-access"],
    ...(soundServer ? { env: { ...process.env, PULSE_SERVER: soundServer } } : {}),
    extraPrefsFirefox: {
      "extensions.webextensions.uuids": JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
      // Pages prefer a light colour scheme (1), whatever the desktop's theme: tests and screenshots do not vary.
      "layout.css.prefers-color-scheme.content-override": 1,
      // No permission prompt for the microphone (headless Firefox has no one to answer it).
      ...(microphone ? { "media.navigator.permission.disabled": true } : {}),
    },
  });
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== FIREFOX_EXTENSION_ID) throw new Error(`Firefox installed the extension as ${id}, not ${FIREFOX_EXTENSION_ID}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

function launchChromium(headless, extensionDir, extraArgs = [], audible = false) {
  return puppeteer.launch({
    executablePath: findChromium(),
    headless,
    pipe: true,
    ignoreDefaultArgs: audible ? ["--mute-audio"] : [],
    enableExtensions: [extensionDir],
    defaultViewport: { width: 1280, height: 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
      ...extraArgs,
    ],
  });
}

/** The extension's service worker target, once it has started. */
export async function extensionWorker(browser) {
  const target = await browser.waitForTarget(
    (t) => t.type() === "service_worker" && t.url().startsWith("chrome-extension://") && t.url().endsWith("/background.js"),
    { timeout: 15_000 },
  );
  return target;
}

/**
 * Lets the extension's pages open the microphone without asking, as the agent allowed once (Chromium, DevTools). The
 * session stays open: the browser drops the grant when the session that made it goes.
 */
export async function grantMicrophone(browser, extensionOrigin) {
  const cdp = await browser.target().createCDPSession();
  await cdp.send("Browser.grantPermissions", { origin: extensionOrigin, permissions: ["audioCapture"] });
}

/**
 * Opens the toolbar popup for the page's tab, as a click on Attune's icon would.
 * @param {import("puppeteer-core").Browser} browser
 * @param {import("puppeteer-core").Page} page
 * @returns {Promise<import("puppeteer-core").Page>}
 */
export async function openPopup(browser, page) {
  await page.bringToFront();
  const worker = await (await extensionWorker(browser)).worker();
  if (!worker) throw new Error("The extension's service worker is not running");
  // The toolbar button clicked on this tab, as the agent would (DevTools' Extensions.triggerAction): the popup opens in
  // the tab's window, and Attune may capture the tab, as a real click allows.
  const extensionId = new URL(worker.url()).host;
  const tabTarget = page._tabId;
  if (!tabTarget) throw new Error("puppeteer no longer names the page's tab target (_tabId)");
  const cdp = await browser.target().createCDPSession();
  try {
    await cdp.send("Extensions.triggerAction", { id: extensionId, targetId: tabTarget });
  } finally {
    await cdp.detach();
  }
  const target = await browser.waitForTarget((t) => t.url().endsWith("/pages/popup.html"), { timeout: 10_000 });
  const popup = await target.asPage();
  await popup.waitForFunction(() => document.getElementById("conversation-state")?.textContent);
  return popup;
}

/**
 * A call coached as an agent meets it on a softphone: the tab (test/fixtures/softphone.html?call=NAME, its customer's
 * side playing once answered) opened in `phone`, answered, then Attune's toolbar button and "Coach this call (audio)"
 * clicked there; the call window opens listening to the tab and the microphone (Chromium; the microphone granted, see
 * grantMicrophone).
 * @param {import("puppeteer-core").Browser} browser
 * @param {import("puppeteer-core").Page} phone
 * @param {string} phoneUrl
 * @returns {Promise<import("puppeteer-core").Page>} the call window
 */
export async function coachCallOnTab(browser, phone, phoneUrl) {
  await phone.goto(phoneUrl);
  await phone.click("#answer");
  await phone.waitForSelector("body[data-call=connected]");
  const popup = await openPopup(browser, phone);
  await popup.click("#coach-call");
  const target = await browser.waitForTarget((t) => t.url().includes("/pages/call.html"), { timeout: 10_000 });
  return target.asPage();
}

/** Whether puppeteer drives this page's browser over WebDriver BiDi (Firefox) rather than the DevTools protocol. */
export function overBidi(page) {
  return page.browser().protocol === "webDriverBiDi";
}

/** One WebDriver BiDi `script.callFunction` in the page's main frame; the function's result must be JSON-serialisable. */
async function bidiCall(page, functionDeclaration, args, serializationOptions) {
  const { result } = await page.browser().connection.send("script.callFunction", {
    functionDeclaration,
    target: { context: page.mainFrame()._id },
    arguments: args,
    awaitPromise: false,
    resultOwnership: "none",
    ...(serializationOptions ? { serializationOptions } : {}),
  });
  if (result.type === "exception") throw new Error(`In the page: ${result.exceptionDetails.text}`);
  return result.result;
}

/** Navigates the page with a bare BiDi command, waiting for its load: for documents puppeteer's `goto` cannot follow. */
export async function navigateOverBidi(page, url) {
  await page.browser().connection.send("browsingContext.navigate", { context: page.mainFrame()._id, url, wait: "complete" });
}

/**
 * Runs `read(roots, arg)` in the page with the shadow roots of Attune's overlays, over WebDriver BiDi: the roots are
 * closed, so page scripts (and puppeteer's own selectors) cannot reach them, but BiDi serialises closed shadow roots
 * (`includeShadowTree: "all"`) as references a function can then be called with. `read` runs in the page and returns
 * JSON-serialisable data.
 */
export async function inOverlayRoots(page, read, arg) {
  const hosts = await bidiCall(page, "() => [...document.querySelectorAll('attune-overlay')]", [], {
    includeShadowTree: "all",
    maxDomDepth: 0,
  });
  const roots = (hosts.value ?? []).map((host) => host.value?.shadowRoot).filter((root) => root?.sharedId);
  const declaration = `(argJson, ...roots) => JSON.stringify((${read.toString()})(roots, JSON.parse(argJson)) ?? null)`;
  const result = await bidiCall(page, declaration, [{ type: "string", value: JSON.stringify(arg ?? null) }, ...roots.map(({ sharedId }) => ({ sharedId }))]);
  return JSON.parse(result.value);
}

/**
 * Runs `read(roots, arg)` in the page with the shadow roots of Attune's overlays, in either browser: over BiDi as
 * `inOverlayRoots` does, or through the DevTools protocol, which resolves a closed shadow root to an object a function
 * can be called on. `read` runs in the page and returns JSON-serialisable data.
 */
export async function inOverlay(page, read, arg) {
  if (overBidi(page)) return inOverlayRoots(page, read, arg);
  const session = await page.createCDPSession();
  try {
    const { root } = await session.send("DOM.getDocument", { depth: -1, pierce: true });
    const roots = [];
    const find = (node) => {
      if (node.nodeName === "ATTUNE-OVERLAY") roots.push(...(node.shadowRoots ?? []));
      for (const child of node.children ?? []) find(child);
    };
    find(root);
    const objects = await Promise.all(roots.map(({ backendNodeId }) => session.send("DOM.resolveNode", { backendNodeId })));
    const [first, ...rest] = objects.map(({ object }) => object.objectId);
    if (!first) return null;
    const { result, exceptionDetails } = await session.send("Runtime.callFunctionOn", {
      objectId: first,
      functionDeclaration: `function (argJson, ...rest) { return JSON.stringify((${read.toString()})([this, ...rest], JSON.parse(argJson)) ?? null); }`,
      arguments: [{ value: JSON.stringify(arg ?? null) }, ...rest.map((objectId) => ({ objectId }))],
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`In the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return JSON.parse(result.value);
  } finally {
    await session.detach();
  }
}

/** readOverlay's cards, read in the page itself: the same fields the DevTools protocol route gives. */
function cardsIn(roots) {
  const part = (card, name) => card.querySelector(`:scope > [data-part="${name}"]`)?.textContent.trim() ?? "";
  return roots.flatMap((root) =>
    [...root.querySelectorAll("div.card")].filter((card) => getComputedStyle(card).visibility !== "hidden").map((card) => ({
      rule: card.getAttribute("data-rule") ?? "",
      severity: card.getAttribute("data-severity") ?? "",
      outcome: card.getAttribute("data-outcome") ?? "",
      message: part(card, "message"),
      suggestion: part(card, "suggestion"),
      because: part(card, "because"),
      direction: getComputedStyle(card).direction,
    })),
  );
}

/**
 * Calls `visit(node)` for every node inside Attune's overlay, read through the DevTools protocol: the overlay's shadow
 * root is closed, so page scripts (and puppeteer's own selectors) cannot see into it, but the browser's DOM inspector
 * can. `visit` gets the CDP session too, for follow-up calls on a node.
 */
export async function walkOverlay(page, visit) {
  const session = await page.createCDPSession();
  try {
    const { root } = await session.send("DOM.getDocument", { depth: -1, pierce: true });
    const walk = async (node, inOverlay) => {
      const here = inOverlay || node.nodeName === "ATTUNE-OVERLAY";
      if (here) await visit(node, session);
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) await walk(child, here);
    };
    await walk(root, false);
  } finally {
    await session.detach();
  }
}

/**
 * The nudge cards the overlay shows (a hidden card, as the warm-up lays out, is not).
 * @returns {Promise<Array<{ rule: string, severity: string, outcome: string, message: string, suggestion: string, because: string, direction: string }>>}
 */
export async function readOverlay(page) {
  if (overBidi(page)) return inOverlayRoots(page, cardsIn, null);
  const cards = [];
  await walkOverlay(page, async (node, session) => {
    if (node.nodeName !== "DIV" || !(attribute(node, "class") ?? "").split(" ").includes("card")) return;
    await session.send("CSS.enable").catch(() => undefined);
    // The card may go (auto-hide, a new nudge) between reading the tree and asking for its style: then it is not shown.
    const style = await session.send("CSS.getComputedStyleForNode", { nodeId: node.nodeId }).catch(() => undefined);
    if (!style) return;
    const { computedStyle } = style;
    // The overlay's warm-up lays out a hidden card ahead of the first nudge: it is not shown.
    if (computedStyle.find((p) => p.name === "visibility")?.value === "hidden") return;
    cards.push({
      rule: attribute(node, "data-rule") ?? "",
      severity: attribute(node, "data-severity") ?? "",
      outcome: attribute(node, "data-outcome") ?? "",
      message: partText(node, "message"),
      suggestion: partText(node, "suggestion"),
      because: partText(node, "because"),
      direction: computedStyle.find((p) => p.name === "direction")?.value ?? "",
    });
  });
  return cards;
}

export function attribute(node, name) {
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return undefined;
}

function textOf(node) {
  if (node.nodeType === 3) return node.nodeValue;
  return (node.children ?? []).map(textOf).join("");
}

function partText(card, part) {
  const found = (card.children ?? []).find((child) => attribute(child, "data-part") === part);
  return found ? textOf(found).trim() : "";
}
