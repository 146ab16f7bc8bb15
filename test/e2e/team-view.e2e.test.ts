import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, axeViolations, clickOverlay, collectErrors, downloadsInto, inExtension, openExtensionPage, openPopup, readLocal, readOverlay, scratchDir, setLocal, useHarness, waitFor, waitUntilRead, type Harness } from "./harness.js";

type Fixture = Window & { addMessage(speaker: string, text: string): void };

/** Words no rule, lexicon or interface text holds: found in an export, they could only have come from the conversation. */
const MARKERS = ["zorblatt", "quimvexa", "plindor", "vextrano", "glumphrey", "snorkelwitz"];
const customerSays = (i: number) => `This is the third time I'm asking about my ${MARKERS[i % 6]} ${MARKERS[(i + 1) % 6]} order and I'm really fed up!!!`;
const agentSays = (i: number) => `I'm so sorry, ${MARKERS[(i + 2) % 6]} ${MARKERS[(i + 3) % 6]}: let me look at your ${MARKERS[(i + 4) % 6]} right away.`;

/** The file the page downloads when `act` runs (see downloadsInto). */
async function nextDownload(page: Page, ext: string, act: () => Promise<void>): Promise<string> {
  await page.bringToFront();
  const downloads = await downloadsInto(page, "team-view");
  await act();
  return (await waitFor(async () => downloads.finished().find((f) => f.name.endsWith(ext)), `a ${ext} download`)).path;
}

/** The options page at its Statistics section (the agent's own) or its Team section (the team lead's). */
async function openOptions(harness: Harness, section: "statistics" | "team" = "statistics"): Promise<Page> {
  const page = await openExtensionPage(harness, `pages/options.html#${section}`);
  await waitFor(() => page.evaluate(() => !!(document.getElementById("agent-label") as HTMLInputElement | null)?.value), "the agent's label");
  return page;
}

/**
 * One agent's shift, as it happens in their own browser: they set their label, coach one chat full of marker words
 * (the frustration nudge, rated as given), and export their statistics from the options page or the popup.
 */
async function agentShift(harness: Harness, i: number, label: string, rating: "helpful" | "not-helpful", exportFrom: "options" | "popup"): Promise<string> {
  const options = await openOptions(harness);
  await options.click("#agent-label", { count: 3 });
  await options.keyboard.press("Backspace");
  await options.type("#agent-label", label);
  await waitFor(async () => (await readLocal(harness)).agentLabel === label, "the label saved");

  const chat = await harness.browser.newPage();
  await chat.goto(`${harness.origin}/fixtures/rerender.html`);
  await waitUntilRead(harness, chat);
  await waitFor(() => chat.evaluate(() => document.querySelector("attune-overlay") !== null), "the overlay's warm-up");
  await chat.evaluate((text) => (window as unknown as Fixture).addMessage("customer", text), customerSays(i));
  await waitFor(async () => (await readOverlay(chat)).length === 1, "the nudge");
  await clickOverlay(chat, rating);
  const field = rating === "helpful" ? "helpful" : "notHelpful";
  await waitFor(async () => ((await readLocal(harness)).stats as Record<string, Record<string, number>> | undefined)?.["acknowledge-frustration"]?.[field] === 1, "the rating counted");
  await chat.evaluate((text) => (window as unknown as Fixture).addMessage("agent", text), agentSays(i));

  if (exportFrom === "popup") {
    const popup = await openPopup(harness.browser, chat);
    return nextDownload(popup, ".json", () => popup.click("#export-stats"));
  }
  return nextDownload(options, ".json", () => options.click("#stats-json"));
}

/** A fresh install for the next agent: this browser's storage emptied, its pages closed. */
async function nextInstall(harness: Harness): Promise<void> {
  await harness.closePages();
  await inExtension(harness, (chrome) => chrome.storage.local.clear(), null);
}

const cells = (page: Page, rule: string, agent: string) =>
  page.evaluate(
    (r, a) => Object.fromEntries([...document.querySelectorAll(`#team-view-table tr[data-rule="${r}"][data-agent="${a}"] td[data-field]`)].map((td) => [(td as HTMLElement).dataset.field, td.textContent])),
    rule,
    agent,
  );

describe("the team view", () => {
  const harness = useHarness();

  it("three agents' exports, from real coaching in their browsers, make one team table: rates per agent and together, the rules most find unhelpful, a chart per rule, CSV", async () => {
    const folder = scratchDir("team-view");
    const files = [
      await agentShift(harness, 0, "ana", "not-helpful", "options"),
      await (async () => (await nextInstall(harness), agentShift(harness, 1, "bo", "not-helpful", "options")))(),
      await (async () => (await nextInstall(harness), agentShift(harness, 2, "cy", "helpful", "popup")))(),
    ];
    // Each export holds counts, a label and a period: none of the conversation's words.
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const marker of MARKERS) expect(text).not.toContain(marker);
      expect(text).not.toContain(harness.origin.replace(/^http:\/\//, ""));
      expect(JSON.parse(text)).toMatchObject({ format: "attune-stats", version: 1, activeHours: 1, rules: { "acknowledge-frustration": { raised: 1, shown: 1 } } });
    }
    expect(files.map((f) => JSON.parse(readFileSync(f, "utf8")).agent)).toEqual(["ana", "bo", "cy"]);

    // The team lead, in their own browser, imports the three at once, with a file that is not an export.
    await nextInstall(harness);
    const wrong = join(folder, "notes.json");
    writeFileSync(wrong, JSON.stringify({ id: "my-pack", rules: [] }));
    const page = await openOptions(harness, "team");
    const errors = collectErrors(page);
    await (await page.$("#team-view-import") as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(...files, wrong);
    await waitFor(() => page.evaluate(() => !document.getElementById("team-view-result")!.hidden), "the team table");
    expect(await page.$eval("#team-view-status", (n) => n.textContent)).toBe("Imported: 3. Not imported: 1.");
    expect(await page.$$eval("#team-view-problems li", (li) => li.map((n) => n.textContent))).toEqual(['notes.json: not an Attune statistics export (format "attune-stats" expected)']);
    expect(await page.$eval("#team-view-agents", (n) => n.textContent)).toBe("Agents (3): ana, bo, cy");

    // Together: 1 of 3 ratings helpful; 3 cards shown over 3 agent-hours. Per agent: their own.
    expect(await cells(page, "acknowledge-frustration", "")).toMatchObject({ shown: "3", helpfulRate: "33%", shownPerHour: "1" });
    expect(await cells(page, "acknowledge-frustration", "cy")).toMatchObject({ shown: "1", helpfulRate: "100%" });
    expect(await cells(page, "acknowledge-frustration", "ana")).toMatchObject({ shown: "1", helpfulRate: "0%" });
    expect(await page.$$eval("#team-view-unhelpful li", (li) => li.map((n) => n.textContent))).toEqual(["Acknowledge frustration: not helpful for 2 of the 3 agents who rated it"]);
    const chart = await page.$eval('#team-view-charts figure[data-rule="acknowledge-frustration"] svg', (svg) => ({ bars: svg.querySelectorAll("rect").length, label: svg.getAttribute("aria-label") }));
    expect(chart.bars).toBe(4 * 3);
    expect(chart.label).toContain("All agents: Rated helpful 33%");

    // Bo exports again later: imported once more, Bo's file is replaced, not added.
    await (await page.$("#team-view-import") as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(files[1]!);
    await waitFor(() => page.evaluate(() => document.getElementById("team-view-status")!.textContent === "Imported: 1. Not imported: 0."), "the second import");
    expect(await cells(page, "acknowledge-frustration", "")).toMatchObject({ shown: "3", helpfulRate: "33%" });

    const csv = readFileSync(await nextDownload(page, ".csv", () => page.click("#team-view-csv")), "utf8");
    expect(csv.split("\n")[0]).toBe("rule,agent,raised,shown,followed,missed,dismissed,helpful,notHelpful,wrongMoment,misread,used,snoozed,hours,helpfulRate,followedRate,shownPerHour");
    expect(csv).toMatch(/\nacknowledge-frustration,,3,3,\d,\d,0,1,2,/);
    expect(csv.split("\n").filter((line) => line.startsWith("acknowledge-frustration,")).map((line) => line.split(",")[1])).toEqual(["", "ana", "bo", "cy"]);

    // The team view survives a reload.
    await page.reload();
    await waitFor(() => page.evaluate(() => document.querySelectorAll("#team-view-table tbody tr").length === 4), "the table after a reload");
    await (await page.$("#team"))!.screenshot({ path: join(SCREENSHOTS, "options-team-view.png") });
    expect(await axeViolations(page)).toEqual([]);

    // In Persian, right to left: the words translated, each chart's labels on the right and its bars growing leftwards.
    await setLocal(harness, { settings: { interfaceLanguage: "fa" } });
    await page.reload();
    await waitFor(() => page.evaluate(() => document.querySelectorAll("#team-view-table tbody tr").length === 4), "the table in Persian");
    expect(await page.$eval("#team-view-unhelpful li", (n) => n.textContent)).toBe("به رسمیت شناختن ناراحتی مشتری: برای ۲ نفر از ۳ کارشناسی که ارزیابی کرده‌اند نامفید");
    const sides = await page.$eval('#team-view-charts figure[data-rule="acknowledge-frustration"] svg', (svg) => {
      const label = [...svg.querySelectorAll("text")].find((n) => n.textContent === "همه کارشناسان")!.getBoundingClientRect();
      const bar = svg.querySelectorAll("rect")[9]!.getBoundingClientRect();
      return { labelLeft: label.left, barRight: bar.right };
    });
    expect(sides.labelLeft).toBeGreaterThan(sides.barRight);
    expect(errors).toEqual([]);
  }, 120_000);

  it("an invalid label is refused at its field, in words, the last good one is what is exported, and a dropped export is imported", async () => {
    const page = await openOptions(harness);
    const first = await page.$eval("#agent-label", (input) => (input as HTMLInputElement).value);
    expect(first).toMatch(/^agent-[0-9a-f]{4}$/);
    // Stable for the install: the same label on the next visit.
    await page.reload();
    await waitFor(async () => (await page.$eval("#agent-label", (input) => (input as HTMLInputElement).value)) === first, "the same label");
    await page.type("#agent-label", "<b>");
    expect(await page.$eval("#agent-label-error", (n) => ((n as HTMLElement).hidden ? "" : n.textContent))).toBe("Label: 1 to 40 letters, digits, spaces, dots, dashes or underscores");
    expect(await page.$eval("#agent-label", (input) => input.getAttribute("aria-invalid"))).toBe("true");
    expect((await readLocal(harness)).agentLabel).toBe(first);
    const file = await nextDownload(page, ".json", () => page.click("#stats-json"));
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ agent: first, rules: {} });

    // Dropped on the team view with a file that is not JSON: the export is taken, the other refused with its name.
    await page.evaluate((exported) => {
      const files = new DataTransfer();
      files.items.add(new File([exported], "mine.json", { type: "application/json" }));
      files.items.add(new File(["agent,shown\n"], "stats.csv", { type: "text/csv" }));
      document.getElementById("team-view-drop")!.dispatchEvent(new DragEvent("drop", { dataTransfer: files, bubbles: true, cancelable: true }));
    }, readFileSync(file, "utf8"));
    await waitFor(() => page.evaluate(() => !document.getElementById("team-view-result")!.hidden), "the dropped file imported");
    expect(await page.$eval("#team-view-agents", (n) => n.textContent)).toBe(`Agents (1): ${first}`);
    expect(await page.$$eval("#team-view-problems li", (li) => li.map((n) => n.textContent))).toEqual([expect.stringMatching(/^stats\.csv: /)]);
  });
});
