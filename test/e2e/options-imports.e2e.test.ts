import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { afterEach, describe, expect, it } from "vitest";
import { collectErrors, inExtension, openExtensionPage, scratchDir, useHarness, waitFor } from "./harness.js";

// What a team lead types or imports that Attune must refuse at once, saying why, with nothing saved changed: a phrase
// that forks into millions of spellings, a file holding null, a file too deep or too big to read.

/** Ten words, each five alternatives that split at their hyphen: 199 characters that fork into 5^10 spellings. */
const FORKING = Array.from({ length: 10 }, (_, w) => Array.from({ length: 5 }, (_, i) => `${letter(w * 10 + 2 * i)}-${letter(w * 10 + 2 * i + 1)}`).join("|")).join(" ");
function letter(n: number): string {
  return String.fromCharCode(97 + (n % 26));
}
const FORKS = `forks into ${5 ** 10} spellings`;

/** A file written for the test that calls it (removed when it ends). */
function file(name: string, text: string): string {
  const path = join(scratchDir("options-imports"), name);
  writeFileSync(path, text);
  return path;
}

async function openOptions(harness: ReturnType<typeof useHarness>, section: string): Promise<Page> {
  const page = await openExtensionPage(harness, `pages/options.html#${section}`);
  await waitFor(() => page.evaluate(() => document.querySelectorAll("#team-packs tbody tr").length > 0), "the packs list");
  return page;
}

async function choose(page: Page, input: string, path: string): Promise<void> {
  await ((await page.$(input)) as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
}

const text = (page: Page, selector: string) => page.$eval(selector, (n) => n.textContent ?? "");
const lines = (page: Page, selector: string) => page.evaluate((s) => [...document.querySelectorAll(s)].map((n) => n.textContent ?? ""), selector);

/** Where each import says how it went: packs beside the packs (Rules), overrides under their import (Advanced). */
const STATUS: Record<string, string> = { "#team-import-pack": "#team-pack-status", "#team-import-overrides": "#team-import-status" };

/** The problems listed under the import's status, once it says that `name` was refused. */
async function refusal(page: Page, input: string, name: string): Promise<string[]> {
  await waitFor(async () => (await text(page, STATUS[input]!)) === `${name} was refused as a whole; nothing changed:`, `${name} refused`);
  return lines(page, `${STATUS[input]}-problems li`);
}

describe("the options page refuses what it cannot take, at once and saying why", () => {
  const harness = useHarness();
  const synced = () => inExtension(harness, (chrome) => (chrome.storage as unknown as { sync: { get(k: null): Promise<Record<string, unknown>> } }).sync.get(null), null);
  afterEach(() => inExtension(harness, (chrome) => (chrome.storage as unknown as { sync: { clear(): Promise<void> } }).sync.clear(), null));

  it("a phrase forking into 5^10 spellings, typed as an extra phrase with the preview open, is refused and cannot be saved", async () => {
    const page = await openOptions(harness, "phrases");
    const errors = collectErrors(page);
    await page.type("#team-preview-input", "Customer: My parcel is late\nAgent: Is it order 1234?\nAgent: Did you get our email?");
    await waitFor(() => page.evaluate(() => !!document.querySelector('#team-preview-events .edited [data-rule="open-question"]')), "the preview");
    await page.select("#team-signal", "apology");
    await page.type("#team-phrases", FORKING);
    const problems = await waitFor(async () => {
      const found = await lines(page, "#team-problems li");
      return found.some((line) => line.includes(FORKS)) ? found : undefined;
    }, "the phrase refused");
    expect(problems).toEqual([`overrides: $.signals.apology.en.phrases[0]: ${FORKS} (its alternatives that split at a hyphen or an apostrophe multiply); at most 256: write it as several phrases`]);
    expect(await page.$eval("#team-save", (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(await lines(page, "#team-preview-problems li")).not.toEqual([]);
    // The page goes on answering: the phrase taken out, the preview is back.
    await page.$eval("#team-phrases", (area) => {
      (area as HTMLTextAreaElement).value = "";
      area.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await waitFor(async () => (await lines(page, "#team-problems li")).length === 0 && (await lines(page, "#team-preview-problems li")).length === 0, "the problems gone");
    // Suggested phrases from a transcript ("zbang" is a made-up word no lexicon knows): Add puts one in the draft only.
    await page.select("#team-signal", "emotion.frustration");
    await page.select("#team-signal-language", "ro");
    const labelled = ["zbang total cu coletul\tfrustration", "iar zbang total la factura\tfrustration", "coletul a ajuns, mulțumesc\tnone"];
    await page.click("#suggest > summary");
    await choose(page, "#suggest-files", file("transcript.tsv", labelled.join("\n")));
    await page.click("#suggest-run");
    await waitFor(async () => (await lines(page, "#suggest-results .phrase")).includes("zbang total"), "the phrase proposed");
    expect(await text(page, "#suggest-status")).toMatch(/^Phrases proposed for emotion\.frustration \(ro\): 1\. Utterances read: 3 /);
    await page.click('#suggest-results [data-suggest-phrase="zbang total"]');
    await waitFor(async () => (await page.$eval("#team-phrases", (area) => (area as HTMLTextAreaElement).value)) === "zbang total", "the phrase added");
    expect(await text(page, "#suggest-status")).toMatch(/not saved until Save for agents/);
    expect(await synced()).toEqual({});
    expect(errors).toEqual([]);
  });

  it("the same phrase in imported overrides or an imported pack is refused as a whole, naming the file and the place", async () => {
    const page = await openOptions(harness, "advanced");
    await choose(page, "#team-import-overrides", file("forking-overrides.json", JSON.stringify({ signals: { apology: { en: { phrases: [FORKING] } } } })));
    expect(await refusal(page, "#team-import-overrides", "forking-overrides.json")).toEqual([expect.stringMatching(new RegExp(`^forking-overrides\\.json: \\$\\.signals\\.apology\\.en\\.phrases\\[0\\]: ${FORKS} `))]);
    const pack = { id: "forking", version: "1.0.0", description: "d", languages: ["en"], signals: { apology: { en: { phrases: ["so sorry", FORKING] } } } };
    await choose(page, "#team-import-pack", file("forking-pack.json", JSON.stringify(pack)));
    expect(await refusal(page, "#team-import-pack", "forking-pack.json")).toEqual([expect.stringMatching(new RegExp(`^forking-pack\\.json: \\$\\.signals\\.apology\\.en\\.phrases\\[1\\]: ${FORKS} `))]);
    expect(await synced()).toEqual({});
  });

  it("a file holding null as overrides is refused, and the saved overrides stay", async () => {
    const page = await openOptions(harness, "advanced");
    await choose(page, "#team-import-overrides", file("good-overrides.json", JSON.stringify({ rules: { "open-question": { enabled: false } } })));
    await waitFor(async () => /imported and saved/.test(await text(page, "#team-import-status")), "the good overrides saved");
    const saved = await synced();
    expect(saved["team:overrides"]).toMatchObject({ value: { rules: { "open-question": { enabled: false } } } });

    await choose(page, "#team-import-overrides", file("null.json", "null"));
    expect(await refusal(page, "#team-import-overrides", "null.json")).toEqual(['null.json: $: overrides are a JSON object ({"packs": …, "rules": …, "signals": …}), not null']);
    expect(await synced()).toEqual(saved);
    expect(await page.$eval('[data-rule="open-question"][data-field="enabled"]', (box) => (box as HTMLInputElement).checked)).toBe(false);
  });

  it("a file nested 100,000 deep or over the size limit is refused before it is read or sent, with a status, in every import", async () => {
    const page = await openOptions(harness, "advanced");
    const errors = collectErrors(page);
    await choose(page, "#team-import-overrides", file("good-overrides.json", JSON.stringify({ rules: { "open-question": { enabled: false } } })));
    await waitFor(async () => /imported and saved/.test(await text(page, "#team-import-status")), "the good overrides saved");
    const saved = await synced();

    const deep = file("deep.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    const big = file("big.json", JSON.stringify({ description: "x".repeat(5 * 1024 * 1024) }));
    for (const input of ["#team-import-overrides", "#team-import-pack"]) {
      await choose(page, input, deep);
      expect(await refusal(page, input, "deep.json")).toEqual(["deep.json nests more than 64 levels deep; no pack, overrides or sites file does."]);
      await choose(page, input, big);
      expect(await refusal(page, input, "big.json")).toEqual(["big.json is 5.0 MB; files of at most 4.0 MB are read."]);
    }
    for (const [path, said] of [[deep, "deep.json nests more than 64 levels deep"], [big, "big.json is 5.0 MB"]] as const) {
      await choose(page, "#taught-import", path);
      await waitFor(async () => (await text(page, "#taught-status")).startsWith(said), `the taught-sites import refusing ${path}`);
    }
    expect(await synced()).toEqual(saved);
    expect(errors).toEqual([]);
  });
});
