import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { afterEach, describe, expect, it } from "vitest";
import { extensionWorker, ROOT } from "../../scripts/lib/browser.mjs";
import { SCREENSHOTS, axeViolations, clickOverlay, collectErrors, downloadsInto, inExtension, openExtensionPage, readLocal, readOverlay, scratchDir, setLocal, useHarness, waitFor, waitUntilRead } from "./harness.js";

type Fixture = Window & { addMessage(speaker: string, text: string): void };
const PACKS = join(ROOT, "test", "fixtures", "packs");

/** The options page open at one of its sections (the rules by default), with the team lead's parts drawn. */
async function openOptions(harness: ReturnType<typeof useHarness>, section = "rules"): Promise<Page> {
  const page = await openExtensionPage(harness, `pages/options.html#${section}`);
  await page.setViewport({ width: 1280, height: 800 });
  await waitFor(() => page.evaluate(() => document.querySelectorAll("#team-packs tbody tr").length > 0), "the packs list");
  return page;
}

/** The rules the preview raises with the draft (side "edited") or with the defaults, with how each differs from the other side. */
const previewRules = (page: Page, side: "edited" | "defaults" = "edited") =>
  page.evaluate((s) => [...document.querySelectorAll<HTMLElement>(`#team-preview-events .${s} [data-rule]`)].map((n) => n.dataset.rule!), side);
const previewDifferences = (page: Page, side: "edited" | "defaults") =>
  page.evaluate((s) => [...document.querySelectorAll<HTMLElement>(`#team-preview-events .${s} [data-rule]`)].map((n) => `${n.dataset.rule}:${n.dataset.difference}`), side);
const lines = (page: Page, selector: string) => page.evaluate((s) => [...document.querySelectorAll(s)].map((n) => n.textContent ?? ""), selector);

/** Chooses a pack file: the page shows what it changes (or why it is refused). */
async function choosePack(page: Page, path: string): Promise<void> {
  const input = await page.$("#team-import-pack");
  await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
}

/** Chooses a pack file and installs it once the page shows what it changes. */
async function importPack(page: Page, file: string): Promise<void> {
  await choosePack(page, file.includes("/") ? file : join(PACKS, file));
  await waitFor(() => page.$eval("#team-pack-review", (n) => !(n as HTMLElement).hidden), `the review of ${file}`);
  await page.click("#team-pack-install");
}

describe("team leads tune the rule packs", () => {
  const harness = useHarness();
  // useHarness clears storage.local after each test; what a test synced goes too.
  afterEach(() => inExtension(harness, (chrome) => (chrome.storage as unknown as { sync: { clear(): Promise<void> } }).sync.clear(), null));

  it("a changed threshold changes the live preview at once, beside the defaults, and is saved as overrides", async () => {
    const page = await openOptions(harness);
    const errors = collectErrors(page);
    await page.type("#team-preview-input", "Customer: My parcel is late\nAgent: Is it order 1234?\nAgent: Did you get our email?");
    await waitFor(async () => (await previewRules(page)).includes("open-question"), "open-question in the preview");
    expect(await previewDifferences(page, "edited")).toEqual(await previewDifferences(page, "defaults"));
    const count = '[data-rule="open-question"][data-field="param:count"]';
    const typeCount = (value: string) =>
      page.$eval(count, (input, v) => {
        (input as HTMLInputElement).value = v;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }, value);
    // Three closed questions in a row instead of two: the preview no longer raises it, the defaults beside it still do,
    // marked, and the change is listed with a reset of its own.
    await typeCount("3");
    await waitFor(async () => !(await previewRules(page)).includes("open-question"), "open-question gone from the preview");
    expect(await previewDifferences(page, "defaults")).toContain("open-question:only");
    expect(await page.$eval('#team-preview-events .defaults [data-rule="open-question"] .diff', (n) => n.textContent?.trim())).toBe("gone");
    expect(await lines(page, "#team-changes-list li span")).toEqual(["Ask open questions — Closed questions in a row: 2 → 3"]);
    expect(await page.$eval("#team-status", (n) => n.textContent)).toMatch(/Unsaved/);
    await page.screenshot({ path: join(SCREENSHOTS, "options-preview.png") });
    // Its own reset puts the shipped value back in the field, the preview and the list.
    await page.click('#team-changes-list [data-change="open-question/param:count"] button');
    await waitFor(async () => (await previewRules(page)).includes("open-question"), "open-question back in the preview");
    expect(await page.$eval(count, (input) => (input as HTMLInputElement).value)).toBe("2");
    expect(await lines(page, "#team-changes-list li")).toEqual([]);
    await typeCount("3");
    await waitFor(async () => !(await previewRules(page)).includes("open-question"), "open-question gone again");
    await page.click("#team-save");
    await waitFor(() => page.evaluate(() => document.getElementById("team-status")?.textContent?.startsWith("Saved")), "saved");
    const synced = await inExtension(harness, (chrome) => (chrome.storage as unknown as { sync: { get(k: null): Promise<Record<string, unknown>> } }).sync.get(null), null);
    expect(synced["team:overrides"]).toMatchObject({ value: { rules: { "open-question": { params: { count: 3 } } } } });
    await page.$eval('details[data-rule="open-question"]', (d) => ((d as HTMLDetailsElement).open = true));
    await page.screenshot({ path: join(SCREENSHOTS, "options-team-lead.png") });
    expect(await axeViolations(page)).toEqual([]);
    // The examples written for a count of 2 now fail for that rule, and only there.
    await page.click('#sections-nav a[href="#advanced"]');
    await waitFor(() => page.evaluate(() => !document.getElementById("advanced")!.hidden && document.getElementById("rules")!.hidden), "the Advanced section");
    expect(await page.$eval("#team-overrides-storage", (n) => n.textContent)).toMatch(/storage\.sync/);
    await page.click("#team-examples-run");
    await waitFor(() => page.evaluate(() => /passed/.test(document.getElementById("team-examples-summary")?.textContent ?? "")), "the examples");
    const failing = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>("#team-examples-table tr.fail")].map((r) => r.dataset.rule));
    expect(failing).toEqual(["open-question"]);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a value that would switch a rule off unsaid is refused at its field, in words, and Save says why", async () => {
    const page = await openOptions(harness);
    const field = '[data-rule="talk-ratio"][data-field="param:threshold"]';
    const type = (value: string) =>
      page.$eval(field, (input, v) => {
        (input as HTMLInputElement).value = v;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }, value);
    // The field knows its range (from the rule kind's schema) and its name in words.
    expect(await page.$eval(field, (input) => [(input as HTMLInputElement).min, (input as HTMLInputElement).max])).toEqual(["0.05", "0.95"]);
    await type("5");
    const error = () => page.$eval(field, (input) => {
      const shown = document.getElementById(input.getAttribute("aria-describedby")!)!;
      return shown.hidden ? "" : shown.textContent;
    });
    expect(await error()).toBe("Agent's share of the talk: between 0.05 and 0.95");
    expect(await page.$eval(field, (input) => input.getAttribute("aria-invalid"))).toBe("true");
    await waitFor(() => page.$eval("#team-save", (b) => (b as HTMLButtonElement).disabled), "Save disabled");
    expect(await page.$eval("#team-status", (n) => n.textContent)).toBe("Not saved yet: correct the fields marked in red (1).");
    // Put right: the problem goes, and Save is back.
    await type("0.7");
    expect(await error()).toBe("");
    await waitFor(() => page.$eval("#team-save", (b) => !(b as HTMLButtonElement).disabled), "Save enabled again");
    expect(await page.$eval("#team-status", (n) => n.textContent)).toMatch(/Unsaved/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("names each rule's settings in the interface's language, with their ranges", async () => {
    await setLocal(harness, { settings: { interfaceLanguage: "it" } });
    const page = await openOptions(harness);
    const labelOf = (selector: string) => page.$eval(selector, (input) => input.closest("label")!.querySelector("span")!.textContent);
    expect(await labelOf('[data-rule="talk-ratio"][data-field="param:threshold"]')).toBe("Quota di parola dell'operatore (da 0,05 a 0,95)");
    expect(await labelOf('[data-rule="long-monologue"][data-field="param:call.threshold"]')).toBe("Nelle chiamate: Durata di una serie di interventi (da 5 a 1800 secondi)");
    await page.$eval('[data-rule="respond-promptly"][data-field="param:seconds"]', (input) => {
      (input as HTMLInputElement).value = "0";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    expect(await page.$eval('[data-rule="respond-promptly"][data-field="param:seconds"]', (input) => document.getElementById(input.getAttribute("aria-describedby")!)!.textContent)).toBe(
      "Attesa prima del suggerimento: tra 1 e 3600",
    );
  });

  it("a broken pack is refused as a whole with every problem listed, and what was active stays", async () => {
    const page = await openOptions(harness);
    await importPack(page, "retention-pack.json");
    await waitFor(() => page.evaluate(() => !!document.querySelector('[data-pack-row="retention"]')), "the good pack listed");
    await choosePack(page, join(PACKS, "broken-pack.json"));
    const problems = await waitFor(async () => {
      const found = await lines(page, "#team-pack-status-problems li");
      return found.length ? found : undefined;
    }, "the refusal");
    expect(await page.$eval("#team-pack-status", (n) => n.textContent)).toContain("broken-pack.json was refused as a whole");
    for (const place of ["$.id", "$.version", "$.description", "$.languages", "$.rules[0].severity", "$.rules[0].message"]) {
      expect(problems.some((line) => line.startsWith(`broken-pack.json: ${place}`)), `${place} in ${problems.join(" | ")}`).toBe(true);
    }
    // Nothing lost: the good pack is still installed, listed and stored.
    expect(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>("[data-pack-row]")].map((r) => r.dataset.packRow))).toContain("retention");
    const state = (await inExtension(harness, (chrome) => chrome.runtime.sendMessage({ type: "team-state" }), null)) as { packs: Array<{ source: string; pack: { id: string } }> };
    expect(state.packs.filter((p) => p.source === "imported").map((p) => p.pack.id)).toEqual(["retention"]);
  });

  it("a pack over storage.sync's 8 KB per item is kept in storage.local, and the page says so", async () => {
    const big = JSON.parse(readFileSync(join(PACKS, "retention-pack.json"), "utf8"));
    big.id = "retention-big";
    big.rules[0].id = "offer-retention-big";
    big.description = "A long description. ".repeat(500);
    const file = join(scratchDir("team-lead"), "big-pack.json");
    writeFileSync(file, JSON.stringify(big));
    const page = await openOptions(harness);
    await importPack(page, file);
    await waitFor(() => page.evaluate(() => !!document.querySelector('[data-pack-row="retention-big"]')), "the big pack listed");
    expect(await page.$eval('[data-pack-row="retention-big"] td:nth-child(4)', (n) => n.textContent)).toMatch(/this browser only \(storage\.local\): [\d.]+ KB is over storage\.sync's 8 KB/);
    expect(Object.keys(await readLocal(harness))).toContain("team:pack:retention-big");
  });

  it("an imported pack applies on a chat page (its English patterns through compromise, loaded for it), and the agent's feedback shows in the stats and their CSV export", async () => {
    const options = await openOptions(harness);
    await importPack(options, "retention-pack.json");
    await waitFor(() => options.evaluate(() => /imported/.test(document.getElementById("team-pack-status")?.textContent ?? "")), "the import");

    const chat = await harness.browser.newPage();
    await chat.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, chat);
    await chat.evaluate(() => (window as unknown as Fixture).addMessage("customer", "Hello, we really want to leave you."));
    const [card] = await waitFor(async () => {
      const cards = await readOverlay(chat);
      return cards.length ? cards : undefined;
    }, "the team's nudge");
    expect(card!.message).toBe("Offer the retention plan before cancelling");
    await clickOverlay(chat, "helpful");
    await waitFor(async () => ((await readLocal(harness)).stats as Record<string, { helpful: number }> | undefined)?.["offer-retention"]?.helpful === 1, "the rating counted");

    const page = await openOptions(harness, "statistics");
    await waitFor(() => page.evaluate(() => !!document.querySelector('#stats-table tr[data-rule="offer-retention"]')), "the stats row");
    expect(await page.$eval('#stats-table tr[data-rule="offer-retention"] [data-field="raised"]', (n) => n.textContent)).toBe("1");
    expect(await page.$eval('#stats-table tr[data-rule="offer-retention"] [data-field="helpful"]', (n) => n.textContent)).toBe("1");
    const downloads = await downloadsInto(page, "team-lead");
    await page.click("#stats-csv");
    const file = await waitFor(async () => downloads.finished().find((f) => f.name.endsWith(".csv")), "the CSV export");
    const csv = readFileSync(file.path, "utf8");
    expect(csv.split("\n")[0]).toBe("rule,raised,shown,followed,missed,dismissed,helpful,notHelpful,wrongMoment,misread,used,snoozed");
    expect(csv).toContain("offer-retention,1,1,0,0,0,1");
    expect(csv).not.toMatch(/want to leave/i);
  });

  it("a managed policy (a stand-in for storage.managed) locks a setting and the packs", async () => {
    // Chrome reads real policies from /etc, shared by every browser on the machine: the test replaces what
    // storage.managed answers in the worker instead, with the JSON an administrator would push.
    const worker = await (await extensionWorker(harness.browser)).worker();
    await worker!.evaluate(() => {
      const policy = { settings: { quiet: true }, lockedSettings: ["quiet"], lockOverrides: true, overrides: '{"rules":{"use-name":{"enabled":false}}}' };
      (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<unknown> } } } }).chrome.storage.managed.get = async () => policy;
    });
    const page = await openOptions(harness, "coaching");
    const quiet = await page.$eval("input[name=quiet]", (input) => ({ disabled: (input as HTMLInputElement).disabled, checked: (input as HTMLInputElement).checked, note: input.closest("label")?.textContent }));
    expect(quiet).toEqual({ disabled: true, checked: true, note: expect.stringContaining("Locked by your organisation") });
    expect(await page.$eval("input[name=autoHideSeconds]", (input) => (input as HTMLInputElement).disabled)).toBe(false);
    expect(await page.$eval("#team-editor", (f) => (f as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await page.$eval("#team-locked", (n) => (n as HTMLElement).hidden)).toBe(false);
    const refused = (await inExtension(harness, (chrome) => chrome.runtime.sendMessage({ type: "save-overrides", overrides: {} }), null)) as { ok: boolean; problems: string[] };
    expect(refused).toEqual({ ok: false, problems: ["overrides: locked by your organisation's policy"] });

    // A policy Attune cannot use is reported (the popup's Problems list comes from the same list) and the last good stays.
    await worker!.evaluate(() => {
      (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<unknown> } } } }).chrome.storage.managed.get = async () => ({ lockedSettings: ["colour"] });
    });
    const state = (await inExtension(harness, (chrome) => chrome.runtime.sendMessage({ type: "team-state" }), null)) as { policy: { lockedSettings: string[] }; policyProblems: string[]; problems: string[] };
    expect(state.policy.lockedSettings).toEqual(["quiet"]);
    expect(state.policyProblems).toEqual([expect.stringMatching(/^policy: \$\.lockedSettings\[0\]: /)]);
    expect(state.problems).toContainEqual(expect.stringMatching(/^The administrator's policy was not applied: policy: \$\.lockedSettings\[0\]/));
  });
});
