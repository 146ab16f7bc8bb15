#!/usr/bin/env node
// `npm start`: build, serve the demo console on 127.0.0.1, and open it in Chromium with Attune loaded, with the trainer
// (good and poor agents side by side) in the next tab.
// `npm start -- --headless`: the same without a window; prints each nudge shown, writes a screenshot, exits at the end.
// `--conversation poor-billing`: the console opens on its other chat (a double charge, handled poorly).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { extensionWorker, launchWithExtension, readOverlay, ROOT } from "./lib/browser.mjs";
import { startStaticServer } from "./lib/static-server.mjs";

const headless = process.argv.includes("--headless");
const conversationAt = process.argv.indexOf("--conversation");
const conversation = conversationAt >= 0 ? (process.argv[conversationAt + 1] ?? "") : undefined;
const SCREENSHOT = join(ROOT, "test", "artifacts", "demo-console.png");

function build() {
  const result = spawnSync(process.execPath, [join(ROOT, "build.mjs")], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  if (!headless && process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error("no display to open a browser window on: run `npm start -- --headless` instead.");
  }
  if (conversation !== undefined && (!/^[\w-]+$/.test(conversation) || !existsSync(join(ROOT, "demo", "conversations", `${conversation}.json`)))) {
    throw new Error(`no demo conversation "${conversation}": the demo has frustrated-order and poor-billing.`);
  }
  build();
  const server = await startStaticServer({ "/demo/": join(ROOT, "demo") });
  const query = new URLSearchParams({ ...(headless ? { speed: "3" } : {}), ...(conversation ? { conversation } : {}) }).toString();
  const url = `${server.origin}/demo/console.html${query ? `?${query}` : ""}`;
  let browser;
  try {
    browser = await launchWithExtension({ headless });
  } catch (error) {
    await server.close();
    throw error;
  }
  const [page] = await browser.pages();
  const trainer = `chrome-extension://${new URL((await extensionWorker(browser)).url()).host}/pages/trainer.html?scenario=en-billing-error&mode=side`;
  await (await browser.newPage()).goto(trainer);
  console.log(`attune: trainer at ${trainer}`);
  await page.bringToFront();
  await page.goto(url);
  console.log(`attune: demo console at ${url}`);
  if (!headless) {
    console.log("attune: close the browser window to stop.");
    browser.on("disconnected", () => void server.close());
    return;
  }
  const printed = new Set();
  let screenshot = false;
  const printNew = async () => {
    const shown = await readOverlay(page);
    // The moment a nudge first shows is the picture worth keeping.
    if (shown.length && !screenshot) {
      mkdirSync(join(ROOT, "test", "artifacts"), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      screenshot = true;
    }
    for (const nudge of shown) {
      const key = `${nudge.rule}|${nudge.outcome}`;
      if (printed.has(key)) continue;
      printed.add(key);
      const mark = nudge.outcome === "followed" ? " ✓ followed" : "";
      const message = nudge.message.replace(/^✓\s*/, "");
      console.log(`nudge [${nudge.severity}] ${nudge.rule}: ${message} — ${nudge.suggestion}${mark}`);
    }
  };
  try {
    while (!(await page.$("body[data-demo-done]"))) {
      await printNew();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await printNew();
    if (screenshot) console.log(`attune: screenshot of the console with its nudge written to ${SCREENSHOT}`);
    else console.log("attune: the demo ended without a nudge being shown.");
  } finally {
    await browser.close();
    await server.close();
  }
  if (!printed.size) process.exit(1);
}

main().catch((error) => {
  console.error(`attune: ${error.message}`);
  process.exit(1);
});
