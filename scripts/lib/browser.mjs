// Finds a Chromium-family browser and launches it with the built extension loaded, for `npm start`, the end-to-end
// tests and the benchmarks alike.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CHROME_EXTENSION_DIR = join(ROOT, "dist", "chrome");

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

/**
 * @param {{ headless?: boolean, extensionDir?: string }} [options]
 */
export async function launchWithExtension({ headless = true, extensionDir = CHROME_EXTENSION_DIR } = {}) {
  if (!existsSync(join(extensionDir, "manifest.json"))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  return puppeteer.launch({
    executablePath: findChromium(),
    headless,
    pipe: true,
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
 * The nudge cards the overlay shows.
 * @returns {Promise<Array<{ rule: string, severity: string, outcome: string, message: string, suggestion: string, direction: string }>>}
 */
export async function readOverlay(page) {
  const cards = [];
  await walkOverlay(page, async (node, session) => {
    if (node.nodeName !== "DIV" || !(attribute(node, "class") ?? "").split(" ").includes("card")) return;
    await session.send("CSS.enable").catch(() => undefined);
    // The card may go (auto-hide, a new nudge) between reading the tree and asking for its style: then it is not shown.
    const style = await session.send("CSS.getComputedStyleForNode", { nodeId: node.nodeId }).catch(() => undefined);
    if (!style) return;
    const { computedStyle } = style;
    cards.push({
      rule: attribute(node, "data-rule") ?? "",
      severity: attribute(node, "data-severity") ?? "",
      outcome: attribute(node, "data-outcome") ?? "",
      message: partText(node, "message"),
      suggestion: partText(node, "suggestion"),
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
