import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { afterEach, describe, expect, it } from "vitest";
import { extensionWorker, ROOT } from "../../scripts/lib/browser.mjs";
import { SCREENSHOTS, axeViolations, collectErrors, inExtension, openExtensionPage, scratchDir, useHarness, waitFor } from "./harness.js";
import { recordExtensionRequests } from "./network-recorder.js";

// Rule packs a team shares: imported from a file or from an address the administrator's policy allows, checked by
// running their own examples among the installed packs, and shown (id, version, what they change) before Install.
// Chromium only: the requests are recorded over the DevTools protocol, as in the privacy test.

const RETENTION = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "packs", "retention-pack.json"), "utf8")) as {
  version: string;
  rules: Array<{ examples: Array<{ raises: unknown[] }> }>;
};

/** A copy of the retention pack, changed by `edit`, written for the test. */
function packFile(name: string, edit: (pack: typeof RETENTION) => void = () => undefined): string {
  const pack = structuredClone(RETENTION);
  edit(pack);
  const path = join(scratchDir("shared-packs"), name);
  writeFileSync(path, JSON.stringify(pack));
  return path;
}

/** A team's pack server on loopback: /packs/retention.json, and what it was asked. */
async function startPackServer(): Promise<{ origin: string; received: Array<{ url?: string; cookie?: string }>; close(): Promise<void> }> {
  const received: Array<{ url?: string; cookie?: string }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    received.push({ url: req.url, cookie: req.headers.cookie });
    if (req.url === "/packs/retention.json") return void res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(RETENTION));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const text = (page: Page, selector: string) => page.$eval(selector, (n) => n.textContent ?? "");
const lines = (page: Page, selector: string) => page.evaluate((s) => [...document.querySelectorAll(s)].map((n) => n.textContent ?? ""), selector);
const shown = (page: Page, selector: string) => page.$eval(selector, (n) => !(n as HTMLElement).hidden);
/** The imported packs as stored (read in the options page itself, an extension page), as "id version". */
const imported = (page: Page) =>
  page.evaluate(async () => {
    const storage = (globalThis as unknown as { chrome: { storage: Record<"sync" | "local", { get(keys: null): Promise<Record<string, { value?: { id: string; version: string } }>> }> } }).chrome.storage;
    const items = { ...(await storage.local.get(null)), ...(await storage.sync.get(null)) };
    return Object.entries(items).filter(([key]) => key.startsWith("team:pack:")).map(([, item]) => `${item.value!.id} ${item.value!.version}`);
  });

async function openOptions(harness: ReturnType<typeof useHarness>): Promise<Page> {
  const page = await openExtensionPage(harness, "pages/options.html#rules");
  await waitFor(() => page.evaluate(() => document.querySelectorAll("#team-packs tbody tr").length > 0), "the packs list");
  return page;
}

async function choose(page: Page, path: string): Promise<void> {
  await ((await page.$("#team-import-pack")) as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
}

const reviewOf = async (page: Page) => {
  await waitFor(() => shown(page, "#team-pack-review"), "the pack's review").catch(async (error) => {
    throw new Error(`${error}: ${await text(page, "#team-pack-status")} ${(await lines(page, "#team-pack-status-problems li")).join(" | ")}`);
  });
  return page.evaluate(() => ({
    title: document.querySelector("#team-pack-review h4")?.textContent,
    replaces: document.querySelector('#team-pack-review [data-review="replaces"]')?.textContent,
    rules: [...document.querySelectorAll('#team-pack-review [data-review="rules"] li')].map((li) => li.textContent),
    signals: Object.fromEntries([...document.querySelectorAll<HTMLElement>('#team-pack-review [data-review="signals"] dd')].map((dd) => [dd.dataset.language, [...dd.querySelectorAll("li")].map((li) => [...li.children].map((part) => part.textContent))])),
  }));
};

/** storage.managed as the worker reads it, standing in for the browser's policy (as the team lead's test does). */
async function setPolicy(harness: ReturnType<typeof useHarness>, policy: object): Promise<void> {
  const worker = await (await extensionWorker(harness.browser)).worker();
  await worker!.evaluate((p: object) => {
    (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<unknown> } } } }).chrome.storage.managed.get = async () => p;
  }, policy);
}

describe("packs a team shares", () => {
  const harness = useHarness();
  afterEach(() => inExtension(harness, (chrome) => (chrome.storage as unknown as { sync: { clear(): Promise<void> } }).sync.clear(), null));

  it("a pack whose example fails is refused naming the example; a good one is shown with its id, version and changes, installed on Install, and only a newer version replaces it", async () => {
    const page = await openOptions(harness);
    const errors = collectErrors(page);
    // No policy naming pack addresses: no address field.
    expect(await shown(page, "#team-pack-url-row")).toBe(false);

    await choose(page, packFile("failing.json", (pack) => (pack.rules[0]!.examples[1]!.raises = [{ event: 0 }])));
    await waitFor(async () => (await text(page, "#team-pack-status")) === "failing.json was refused as a whole; nothing changed:", "the failing pack refused");
    expect(await lines(page, "#team-pack-status-problems li")).toEqual([
      'failing.json: pack "retention", rule "offer-retention", example 2 (en) "customer: my order is late": expected event 0; raised nothing',
    ]);
    expect(await shown(page, "#team-pack-review")).toBe(false);

    await choose(page, packFile("retention.json"));
    expect(await reviewOf(page)).toEqual({
      title: "Pack retention, version 1.2.0",
      replaces: "A new pack: nothing installed is replaced.",
      rules: ["offer-retention — warning: A customer who wants to leave hears the retention offers first."],
      signals: {
        en: [["intent.cancel (a new signal) — phrases: 2, exceptions: 1, English patterns: 1", "for example “cancel my subscription”, “close my account”"]],
        it: [["intent.cancel (a new signal) — phrases: 2, exceptions: 0, English patterns: 0", "for example “disdire l abbonamento”, “chiudere il conto”"]],
      },
    });
    expect(await text(page, "#team-pack-status")).toBe("retention.json checked: its examples pass. Review what it changes below, then install it or cancel.");
    expect(await axeViolations(page)).toEqual([]);
    await (await page.$("#team-pack-review"))!.screenshot({ path: join(SCREENSHOTS, "options-pack-review.png") });
    // Shown, not installed, until Install.
    expect(await imported(page)).toEqual([]);
    await page.click("#team-pack-install");
    await waitFor(async () => (await text(page, "#team-pack-status")).startsWith("Pack retention 1.2.0 imported."), "the install");
    expect(await page.$eval('[data-pack-row="retention"]', (row) => [...row.querySelectorAll("td")].slice(0, 2).map((td) => td.textContent))).toEqual(["retention", "1.2.0"]);
    expect(await shown(page, "#team-pack-review")).toBe(false);
    expect(await imported(page)).toEqual(["retention 1.2.0"]);

    // The same version again is refused; a newer one says what it replaces, and Cancel leaves the installed one.
    await choose(page, packFile("same.json"));
    await waitFor(async () => (await text(page, "#team-pack-status")).startsWith("same.json was refused"), "the same version refused");
    expect(await lines(page, "#team-pack-status-problems li")).toEqual(['same.json: $.version: version 1.2.0 of pack "retention" is imported already; only a newer version replaces it (this file is 1.2.0)']);
    await choose(page, packFile("newer.json", (pack) => (pack.version = "1.3.0")));
    expect((await reviewOf(page)).replaces).toBe("Replaces the imported version 1.2.0.");
    await page.click("#team-pack-cancel");
    expect(await text(page, "#team-pack-status")).toBe("Pack retention was not installed.");
    expect(await imported(page)).toEqual(["retention 1.2.0"]);
    expect(errors).toEqual([]);
  });

  it("from an address the policy allows, the pack is fetched on the click and installed; an address outside it is refused with no request", async () => {
    const server = await startPackServer();
    await setPolicy(harness, { packUrlPrefixes: [`${server.origin}/packs/`] });
    const page = await openOptions(harness);
    // Every request of the extension's worker and pages from here on, the options page's included.
    const recorder = await recordExtensionRequests(harness);
    try {
      const errors = collectErrors(page);
      await waitFor(() => shown(page, "#team-pack-url-row"), "the address field");
      expect(await text(page, "#team-pack-url-allowed")).toBe(`Your organisation's policy allows packs from: ${server.origin}/packs/`);

      const outside = `${server.origin}/private/retention.json`;
      await page.type("#team-pack-url", outside);
      await page.click("#team-pack-url-fetch");
      await waitFor(async () => (await text(page, "#team-pack-status")) === `${outside} was refused as a whole; nothing changed:`, "the address refused");
      expect(await lines(page, "#team-pack-status-problems li")).toEqual([
        `${outside} is not among the addresses your organisation's policy allows packs from; nothing was fetched.`,
      ]);

      const allowed = `${server.origin}/packs/retention.json`;
      await page.$eval("#team-pack-url", (input) => ((input as HTMLInputElement).value = ""));
      await page.type("#team-pack-url", allowed);
      await page.click("#team-pack-url-fetch");
      expect((await reviewOf(page)).title).toBe("Pack retention, version 1.2.0");
      await page.click("#team-pack-install");
      await waitFor(() => page.evaluate(() => !!document.querySelector('[data-pack-row="retention"]')), "the pack listed");
      expect(await imported(page)).toEqual(["retention 1.2.0"]);

      // One request in all, the allowed address's, without cookies; nothing asked of the address outside (nor of any
      // other before the click).
      expect(recorder.requests).toEqual([{ url: allowed, method: "GET" }]);
      expect(server.received).toEqual([{ url: "/packs/retention.json", cookie: undefined }]);
      expect(errors).toEqual([]);
    } finally {
      await setPolicy(harness, {});
      await recorder.stop();
      await server.close();
    }
  });
});
