import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/trainer/scenario.js";
import { collectErrors, downloadsInto, openExtensionPage, readLocal, scratchDir, SCREENSHOTS, useHarness, waitFor } from "./harness.js";

// Chromium only: the export is caught with the DevTools protocol's Browser.setDownloadBehavior.

/** A form control or block of the editor, by the JSON path it edits. */
const at = (path: Array<string | number>) => `[data-path='${JSON.stringify(path)}']`;
const block = (path: Array<string | number>) => `[data-at='${JSON.stringify(path)}']`;

/** Puts a whole text in a field at once, as pasting would (typing every character is left to one field below). */
async function fill(page: Page, path: Array<string | number>, text: string): Promise<void> {
  await page.$eval(at(path), (el, value) => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
}

const fieldProblems = (page: Page, path: Array<string | number>) => page.$eval(`${block(path)} > .field-error`, (el) => [...el.children].map((c) => c.textContent));
const allProblems = (page: Page) => page.$$eval("#editor-problems li", (items) => items.map((li) => li.textContent));
const disabled = (page: Page, id: string) => page.$eval(`#${id}`, (el) => (el as HTMLButtonElement).disabled);
const jsonView = (page: Page) => page.$eval("#editor-json", (el) => JSON.parse((el as HTMLTextAreaElement).value) as Record<string, unknown>);

const OPENING = "Hi, I was charged twice for my March invoice and I'm really annoyed.";

describe("the scenario editor", () => {
  const harness = useHarness();

  it("writes a branching scenario in the form, names a problem at its field, tests it against the rule pack, exports it, and refuses a broken copy by the problem's place", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    const downloads = await downloadsInto(page, "scenario-editor");
    await page.setViewport({ width: 1280, height: 900 });
    await openExtensionPage(harness, "pages/trainer.html?scenario=en-billing-error&mode=replay", page);
    await page.waitForSelector("body[data-ready]");
    const libraryBefore = await page.$$eval("#scenario option", (options) => options.length);

    await page.click("#new-scenario");
    await page.waitForSelector("#editor:not([hidden])");
    expect(await page.$eval("#panes", (el) => getComputedStyle(el).display)).toBe("none");
    // The empty template: every empty text is a problem, and nothing can be tested or exported yet.
    expect(await fieldProblems(page, ["title"])).toEqual(["Title is empty"]);
    expect(await disabled(page, "editor-export")).toBe(true);

    await fill(page, ["title"], "Charged twice, written here");
    await page.$eval(at(["id"]), (el) => ((el as HTMLInputElement).value = ""));
    await page.type(at(["id"]), "my-double-charge");
    await fill(page, ["customerName"], "Ana Ruiz");
    for (const v of [0, 1]) await fill(page, ["variants", v, "events", 0, "text"], OPENING);
    await fill(page, ["variants", 0, "events", 1, "text"], "I'm sorry about the double charge, I understand how annoying that is. I've refunded the second payment; you'll see it within three days.");
    await fill(page, ["variants", 1, "events", 1, "text"], "As I said, you should have checked your statement. Did you pay twice?");
    const lines = ["practice", "lines"];
    await fill(page, [...lines, "opening", "says"], OPENING);
    await fill(page, [...lines, "opening", "hint"], "I'm sorry about the double charge, I understand how annoying that is.");
    await fill(page, [...lines, "calms-down", "says"], "OK, thank you. It's my Visa ending 2231.");
    // A second branch point: the calmer customer thanks any reply but a blaming one.
    await page.click(`button[data-action=add-line][data-target='${JSON.stringify(lines)}']`);
    await fill(page, [...lines, "line-4", "says"], "Great, thanks for sorting it out.");
    await page.select(at([...lines, "line-4", "reaction"]), "calms-down");
    await page.click(`button[data-action=add-branch][data-target='${JSON.stringify([...lines, "calms-down", "next"])}']`);
    await page.click(`${block([...lines, "calms-down", "next", 0])} input[data-signal=blame]`);
    await page.select(at([...lines, "calms-down", "next", 0, "goTo"]), "escalates");
    await page.click(`button[data-action=add-branch][data-target='${JSON.stringify([...lines, "calms-down", "next"])}']`);
    await page.click(`${block([...lines, "calms-down", "next", 1])} input[data-otherwise]`);
    await page.select(at([...lines, "calms-down", "next", 1, "goTo"]), "line-4");
    await fill(page, [...lines, "calms-down", "hint"], "Thank you. I've refunded the second charge to that card.");

    // What is left, named at its field and in the list, in words; export waits, saying why.
    const named = ["Line 3 (“escalates”): Customer's line is empty"];
    expect(await allProblems(page)).toEqual(named);
    expect(await fieldProblems(page, [...lines, "escalates", "says"])).toEqual(named);
    expect(await page.$eval(at([...lines, "escalates", "says"]), (el) => el.getAttribute("aria-invalid"))).toBe("true");
    expect(await disabled(page, "editor-export")).toBe(true);
    expect(await page.$eval("#editor-blocked", (el) => el.textContent)).toMatch(/problems are fixed: 1$/);
    // The picture for the guide: the problem beside its field, the JSON beside the form.
    await page.$eval(block([...lines, "escalates"]), (el) => el.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: join(SCREENSHOTS, "trainer-editor.png") });
    await page.type(at([...lines, "escalates", "says"]), "Excuse me? Now it's my fault?");
    expect(await allProblems(page)).toEqual([]);
    expect(await disabled(page, "editor-export")).toBe(false);

    // The JSON view follows the form, and the form the JSON view; JSON that breaks keeps the last good form.
    const json = await jsonView(page);
    expect(json).toMatchObject({ id: "my-double-charge", title: "Charged twice, written here", customerName: "Ana Ruiz" });
    expect((json.practice as { lines: Record<string, unknown> }).lines["calms-down"]).toEqual({
      says: "OK, thank you. It's my Visa ending 2231.", reaction: "calms-down", hint: "Thank you. I've refunded the second charge to that card.",
      next: [{ ifReplyHas: ["blame"], goTo: "escalates" }, { otherwise: true, goTo: "line-4" }],
    });
    const setJson = (text: string) => page.$eval("#editor-json", (el, value) => {
      (el as HTMLTextAreaElement).value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, text);
    const good = JSON.stringify({ ...json, description: "Written in the editor." }, null, 2);
    await setJson(good);
    expect(await page.$eval(at(["description"]), (el) => (el as HTMLTextAreaElement).value)).toBe("Written in the editor.");
    await setJson(good.replace('"title":', '"title"'));
    expect(await page.$eval("#editor-json-error", (el) => [(el as HTMLElement).hidden, el.textContent])).toEqual([false, expect.stringMatching(/^The JSON breaks at line 3, column \d+: /)]);
    expect(await disabled(page, "editor-export")).toBe(true);
    expect(await page.$eval(at(["title"]), (el) => (el as HTMLInputElement).value)).toBe("Charged twice, written here");
    await setJson(good);
    expect(await disabled(page, "editor-export")).toBe(false);

    // Tested against the shipped packs: each agent's nudges, every path ending, every branch taken, the hints calming.
    await page.click("#editor-test");
    await page.waitForSelector("#editor-results .checks li");
    const checks = await page.$$eval("#editor-results .checks li", (items) => items.map((li) => [(li as HTMLElement).dataset.ok, li.textContent]));
    expect(checks.filter(([ok]) => ok !== "true")).toEqual([]);
    expect(checks.map(([, text]) => text)).toEqual(expect.arrayContaining([
      "✓ The poor agent raises more nudges than the good one",
      "✓ Every agent opens with the same customer message",
      "✓ Every path of the practice ends (paths: 3)",
      "✓ Line 2 (“calms-down”), reply that blames → escalates: taken by a reply that blames",
    ]));
    const nudged = (variant: string) => page.$$eval(`#editor-results [data-variant=${variant}] li`, (items) => items.map((li) => (li as HTMLElement).dataset.rule));
    expect(await nudged("poor")).toEqual(expect.arrayContaining(["positive-language"]));
    expect((await nudged("good")).length).toBeLessThan((await nudged("poor")).length);

    // Edits neither saved nor exported are not closed away at one click.
    await page.click("#editor-close");
    expect(await page.$eval("#editor-status", (el) => el.textContent)).toMatch(/^These edits are neither saved nor exported/);
    expect(await page.$eval("#editor", (el) => (el as HTMLElement).hidden)).toBe(false);

    // Saved to the library beside the shipped scenarios, and exported as a file.
    await page.click("#editor-save");
    await waitFor(async () => ((await readLocal(harness)).trainerScenarios as unknown[] | undefined)?.length === 1, "the scenario saved");
    expect(await page.$eval("#scenario", (el) => (el as HTMLSelectElement).value)).toBe("imported:my-double-charge");
    await page.click("#editor-export");
    const file = await waitFor(async () => downloads.finished().find((f) => f.name === "my-double-charge.json"), "the exported scenario");
    const exported = parseScenario(JSON.parse(readFileSync(file.path, "utf8")), file.name);
    expect(Object.keys(exported.practice!.lines)).toEqual(["opening", "calms-down", "escalates", "line-4"]);

    // A broken copy, imported: refused, its problem named by its place, the library as it was.
    const broken = JSON.parse(readFileSync(file.path, "utf8"));
    broken.id = "broken-copy";
    broken.practice.lines.escalates.says = "";
    const brokenFile = join(scratchDir("scenario-editor-import"), "broken-copy.json");
    writeFileSync(brokenFile, JSON.stringify(broken));
    await page.click("#editor-close");
    const input = await page.$("#import-file");
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(brokenFile);
    await page.waitForSelector("#problems-section:not([hidden])");
    expect(await page.$$eval("#problems li", (items) => items.map((li) => li.textContent))).toEqual([
      "broken-copy.json: Line 3 (“escalates”): Customer's line is empty ($.practice.lines.escalates.says)",
    ]);
    expect(await page.$$eval("#scenario option", (options) => options.length)).toBe(libraryBefore + 1);
    expect(((await readLocal(harness)).trainerScenarios as Array<{ id: string }>).map((s) => s.id)).toEqual(["my-double-charge"]);

    // The trainer's own scenario plays like a shipped one, and can be deleted.
    expect(await page.$$eval(".pane .transcript li", (items) => items.length)).toBeGreaterThan(0);
    await page.click("#delete-scenario");
    await waitFor(async () => ((await readLocal(harness)).trainerScenarios as unknown[]).length === 0, "the scenario deleted");
    expect(await page.$$eval("#scenario option", (options) => options.length)).toBe(libraryBefore);
    expect(errors).toEqual([]);
  });
});
