import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Browser, CDPSession, Page } from "puppeteer-core";
import { extensionWorker, launchWithExtension, ROOT } from "../scripts/lib/browser.mjs";
import { startStaticServer } from "../scripts/lib/static-server.mjs";

// The extension in Chromium: from a message node appended to the transcript to the nudge card inserted in the
// overlay (seen through the DevTools protocol, which sees into the closed shadow root; painting follows in the next
// frame), in fresh tabs, on an empty pane and on one already holding 2,000 messages; the same from a stopped worker;
// long tasks; bundle sizes; the worker's heap after a 10,000-turn conversation; 20 tabs at once.

const FRUSTRATED = "This is the third time I'm writing and I'm really fed up!!!";

interface Node { nodeName: string; nodeId: number; children?: Node[]; shadowRoots?: Node[]; attributes?: string[] }

/** Resolves with the epoch-ms time a nudge card first appears in the page's overlay. */
async function whenCardAppears(session: CDPSession): Promise<() => Promise<number>> {
  await session.send("DOM.enable");
  const { root } = (await session.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: Node };
  void root;
  let resolve: (t: number) => void;
  const seen = new Promise<number>((r) => (resolve = r));
  const isCard = (node: Node): boolean =>
    (node.nodeName === "DIV" && (node.attributes ?? []).some((a, i) => i % 2 === 1 && a.split(" ").includes("card") && node.attributes![i - 1] === "class"))
    || [...(node.children ?? []), ...(node.shadowRoots ?? [])].some(isCard);
  const onInsert = (event: { node: Node }) => {
    if (isCard(event.node)) resolve(performance.timeOrigin + performance.now());
  };
  session.on("DOM.childNodeInserted", onInsert);
  session.on("DOM.shadowRootPushed", (event: { root: Node }) => {
    if (isCard(event.root)) resolve(performance.timeOrigin + performance.now());
  });
  // The overlay's host is created with its first nudge: ask for its shadow tree as soon as it is there.
  session.on("DOM.childNodeInserted", async (event: { node: Node }) => {
    const shadow = event.node.nodeName === "ATTUNE-OVERLAY" ? event.node.shadowRoots?.[0] : undefined;
    if (shadow) await session.send("DOM.requestChildNodes", { nodeId: shadow.nodeId, depth: -1, pierce: true }).catch(() => undefined);
  });
  session.on("DOM.setChildNodes", (event: { nodes: Node[] }) => {
    if (event.nodes.some(isCard)) resolve(performance.timeOrigin + performance.now());
  });
  return () => seen;
}

async function measureOnce(browser: Browser, url: string, stopWorkerFirst = false): Promise<{ ms: number; longTasks: number[] }> {
  const page: Page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.readyState === "complete");
  // Let the content script read the history and the worker take it in.
  await new Promise((r) => setTimeout(r, 300));
  const session = await page.createCDPSession();
  if (stopWorkerFirst) {
    await session.send("ServiceWorker.enable");
    await session.send("ServiceWorker.stopAllWorkers");
    await new Promise((r) => setTimeout(r, 200));
  }
  const appeared = await whenCardAppears(session);
  const appendedAt = (await page.evaluate((t) => (window as unknown as { append(s: string, t: string): number }).append("customer", t), FRUSTRATED)) as number;
  const shownAt = await Promise.race([appeared(), new Promise<number>((_, reject) => setTimeout(() => reject(new Error("no nudge within 10 s")), 10_000))]);
  const longTasks = (await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)) as number[];
  await session.detach();
  await page.close();
  return { ms: shownAt - appendedAt, longTasks };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const size = (file: string) => statSync(join(ROOT, "dist", "chrome", file)).size;

export async function runBrowserBench() {
  const server = await startStaticServer({ "/fixtures/": join(ROOT, "test", "fixtures") });
  const browser = await launchWithExtension();
  try {
    await extensionWorker(browser);
    const SAMPLES = 40;
    const empty: number[] = [];
    const full: number[] = [];
    const longTasks: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      empty.push((await measureOnce(browser, `${server.origin}/fixtures/bench-chat.html`)).ms);
      const withHistory = await measureOnce(browser, `${server.origin}/fixtures/bench-chat.html?history=2000`);
      full.push(withHistory.ms);
      if (i === 0) longTasks.push(...withHistory.longTasks);
    }
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) cold.push((await measureOnce(browser, `${server.origin}/fixtures/bench-chat.html`, true)).ms);
    const bundles = { contentKB: size("content.js") / 1024, workerKB: size("background.js") / 1024, popupKB: size("pages/popup.js") / 1024, optionsKB: size("pages/options.js") / 1024 };
    const carriesNlp = readFileSync(join(ROOT, "dist", "chrome", "content.js"), "utf8").includes("compromise");
    const result = {
      samples: SAMPLES,
      messageToNudgeMs: { p50: percentile(empty, 50), p95: percentile(empty, 95) },
      messageToNudgeWith2000Ms: { p50: percentile(full, 50), p95: percentile(full, 95) },
      coldStartMs: { p50: percentile(cold, 50), max: Math.max(...cold) },
      longTasksOver50Ms: longTasks.filter((d) => d > 50),
      bundles,
      contentScriptCarriesNlp: carriesNlp,
    };
    const table: Array<[string, string, string, boolean | undefined]> = [
      ["browser: message → nudge p50 (empty pane)", `${result.messageToNudgeMs.p50.toFixed(1)} ms`, "", undefined],
      ["browser: message → nudge p95 (empty pane)", `${result.messageToNudgeMs.p95.toFixed(1)} ms`, "≤ 16 ms", result.messageToNudgeMs.p95 <= 16],
      ["browser: message → nudge p95 (2,000 on pane)", `${result.messageToNudgeWith2000Ms.p95.toFixed(1)} ms`, "≤ 50 ms", result.messageToNudgeWith2000Ms.p95 <= 50],
      ["browser: stopped worker → first nudge p50", `${result.coldStartMs.p50.toFixed(0)} ms`, "≤ 300 ms", result.coldStartMs.p50 <= 300],
      ["browser: long tasks > 50 ms (2,000 pane)", String(result.longTasksOver50Ms.length), "0", result.longTasksOver50Ms.length === 0],
      ["bundle: content script", `${bundles.contentKB.toFixed(1)} KB`, "≤ 30 KB", bundles.contentKB <= 30],
      ["bundle: worker", `${bundles.workerKB.toFixed(0)} KB`, "", undefined],
      ["bundle: popup / options", `${bundles.popupKB.toFixed(0)} / ${bundles.optionsKB.toFixed(0)} KB`, "", undefined],
      ["bundle: content script free of the NLP library", carriesNlp ? "no" : "yes", "yes", !carriesNlp],
    ];
    return { ...result, table };
  } finally {
    await browser.close();
    await server.close();
  }
}
