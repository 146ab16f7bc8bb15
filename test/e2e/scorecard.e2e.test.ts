import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { scoreConversation } from "../../src/trainer/replay.js";
import { parseScenario, variantConversation, type Scenario } from "../../src/trainer/scenario.js";
import { shippedPacks } from "../../src/trainer/test-packs.js";
import { ROOT } from "../../scripts/lib/browser.mjs";
import { SCREENSHOTS, axeViolations, collectErrors, downloadsInto, localeMessages, openExtensionPage, setLocal, useHarness, waitFor, type Harness } from "./harness.js";

// The trainer's scorecard to hand out (moments, figures, coaching; printed and as CSV) and its presenter mode.
// Chromium only: downloads, print media and device scale are emulated over the DevTools protocol.

const scenario = (id: string): Scenario => parseScenario(JSON.parse(readFileSync(join(ROOT, "scenarios", `${id}.json`), "utf8")));
const messages = localeMessages;
const texts = (events: Scenario["variants"][number]["events"], speaker?: "agent" | "customer") =>
  events.flatMap((e) => (e.type === "turn" && (!speaker || e.speaker === speaker) ? [e.text] : e.type === "draft" && speaker !== "customer" ? [e.text] : []));

async function openTrainer(page: Page, harness: Harness, query: string, viewport = { width: 1280, height: 900, deviceScaleFactor: 1 }): Promise<void> {
  await page.setViewport(viewport);
  await openExtensionPage(harness, `pages/trainer.html?${query}`, page);
  await page.waitForSelector("body[data-ready]");
}

/** A minimal RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside. */
function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== "," && c !== "\n" && c !== "\r")) field += c;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
    }
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ""])));
}

interface ShownMoment {
  rule: string;
  event: number;
  outcome: string;
  customer: string;
  agent: string;
  good: string;
  matchedBy: string;
}

const shownMoments = (page: Page): Promise<ShownMoment[]> =>
  page.$$eval("#handout .moments-table tbody tr", (rows) =>
    rows.map((row) => {
      const cell = (name: string) => row.querySelector(`td.${name} q`)?.textContent ?? "";
      const r = row as HTMLElement;
      return { rule: r.dataset.rule!, event: Number(r.dataset.event), outcome: r.dataset.outcome!, customer: cell("customer"), agent: cell("agent"), good: cell("good"), matchedBy: row.querySelector<HTMLElement>("td.good")?.dataset.matchedBy ?? "" };
    }),
  );

describe("the scorecard to hand out", () => {
  const harness = useHarness();

  it("sets the poor agent against the good one moment by moment, exports CSV and JSON, and prints without controls", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    const downloads = await downloadsInto(page, "handout");
    await openTrainer(page, harness, "scenario=en-billing-error&mode=side");
    await page.click("#to-end");
    // The poor agent's pane (the second) opens its scorecard.
    await page.$$eval(".pane .open-handout", (buttons) => (buttons[1] as HTMLButtonElement).click());
    await page.waitForSelector("#handout:not([hidden]) .moments-table");
    expect(await page.$eval("#panes", (el) => el.getBoundingClientRect().height)).toBe(0);

    // Every nudge the engine raises on the poor agent, as the engine itself gives them, in the same order and outcome.
    const billing = scenario("en-billing-error");
    const poor = variantConversation(billing, "poor");
    const good = billing.variants.find((v) => v.id === "good")!.events;
    const { nudges } = scoreConversation(shippedPacks, poor);
    const moments = await shownMoments(page);
    expect(moments.map((m) => [m.rule, m.event, m.outcome])).toEqual(nudges.map((n) => [n.rule, n.event, n.outcome]));
    expect(moments.length).toBeGreaterThanOrEqual(5);
    // ... and the same nudges the pane listed while it played.
    const logged = await page.$$eval(".pane:nth-child(2) .nudge-log li", (items) => items.map((li) => [(li as HTMLElement).dataset.rule, Number((li as HTMLElement).dataset.event)]));
    expect(moments.map((m) => [m.rule, m.event])).toEqual(logged);
    for (const moment of moments) {
      // Each row quotes the poor agent's own words and the good agent's, side by side.
      expect(texts(poor.events, "agent"), moment.rule).toContain(moment.agent);
      expect(texts(good, "agent"), moment.rule).toContain(moment.good);
      if (moment.matchedBy === "customer-line") {
        // The good agent's reply to the very line the customer said here.
        const line = good.findIndex((e) => e.type === "turn" && e.speaker === "customer" && e.text === moment.customer);
        expect(good.slice(line + 1).find((e) => e.type === "turn" && e.speaker === "agent")).toMatchObject({ text: moment.good });
      }
    }
    const opening = moments.find((m) => m.rule === "acknowledge-frustration")!;
    expect(opening).toMatchObject({ outcome: "missed", agent: "Did you check your bank statement?", matchedBy: "customer-line" });
    expect(opening.good).toMatch(/sorry/);

    // The figures against the good agent and the pack's thresholds, each target named by where it comes from.
    const figures = await page.$$eval("#handout .figures-table tbody tr", (rows) =>
      Object.fromEntries(rows.map((row) => [(row as HTMLElement).dataset.figure, [...row.querySelectorAll("td")].map((td) => td.textContent)])),
    );
    const respondPromptly = shippedPacks.rules.find((c) => c.rule.id === "respond-promptly")!.rule.params.seconds as number;
    expect(figures.longestReply).toEqual(["50 s off target", "8 s", `${respondPromptly} s or less`, "active-listening › Respond promptly › Wait before the nudge"]);
    expect(figures.acknowledgementDelay![0]).toBe("never off target");
    expect(figures.closedInARow![3]).toBe("active-listening › Ask open questions › Closed questions in a row");
    expect(Object.keys(figures)).toEqual(["openQuestions", "closedQuestions", "closedInARow", "acknowledgementDelay", "talkShare", "interruptions", "medianReply", "longestReply"]);
    const coaching = await page.$$eval("#handout .coaching li", (items) => items.map((li) => li.textContent ?? ""));
    expect(coaching).toHaveLength(3);
    expect(coaching[0]).toMatch(/^Acknowledge the customer's feeling first/);
    expect(await axeViolations(page)).toEqual([]);

    // CSV: a row per moment, figure and thing to work on; no customer words but the scenario's own lines.
    await page.click("#handout-csv");
    await page.click("#handout-json");
    const files = await waitFor(async () => {
      const found = downloads.finished().sort((a, b) => a.name.localeCompare(b.name));
      return found.length === 2 && found;
    }, "the CSV and JSON exports");
    expect(files.map((f) => f.name)).toEqual(["scorecard-en-billing-error-poor.csv", "scorecard-en-billing-error-poor.json"]);
    const rows = parseCsv(readFileSync(files[0]!.path, "utf8"));
    const bySection = (section: string) => rows.filter((r) => r.section === section);
    expect(bySection("moment").map((r) => [r.id, Number(r.at_seconds), r.outcome])).toEqual(nudges.map((n) => [n.rule, n.at, n.outcome]));
    expect(bySection("figure").find((r) => r.id === "longestReply")).toMatchObject({ value: "50", good_value: "8", target_at_most: String(respondPromptly), target_met: "false" });
    expect(bySection("figure").find((r) => r.id === "acknowledgementDelay")).toMatchObject({ value: "never", good_value: "8" });
    expect(bySection("coaching").map((r) => r.message)).toEqual(coaching);
    const scenarioLines = billing.variants.flatMap((v) => texts(v.events, "customer"));
    for (const row of bySection("moment")) {
      expect(scenarioLines).toContain(row.customer_said);
      expect(texts(poor.events, "agent")).toContain(row.agent_said);
    }
    const json = JSON.parse(readFileSync(files[1]!.path, "utf8"));
    expect(json).toMatchObject({ scenario: billing.title, subject: "Poor agent", good: "Good agent" });
    expect(json.moments).toHaveLength(nudges.length);

    // Printed: the page's controls are gone, the scorecard is all there is, on a white page.
    await page.emulateMediaType("print");
    const visible = await page.evaluate(() => {
      const shows = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === "fixed";
      return {
        controls: [...document.querySelectorAll("button, select, input, textarea")].filter(shows).map((el) => el.id || el.className),
        trainer: [...document.querySelectorAll("body > header, body > main:not(#handout)")].filter((el) => getComputedStyle(el).display !== "none").length,
        rows: [...document.querySelectorAll("#handout tr")].filter(shows).length,
        background: getComputedStyle(document.body).backgroundColor,
      };
    });
    expect(visible).toMatchObject({ controls: [], trainer: 0, background: "rgb(255, 255, 255)" });
    expect(visible.rows).toBeGreaterThan(nudges.length + 8);
    await page.setViewport({ width: 794, height: 1123 });
    await page.screenshot({ path: join(SCREENSHOTS, "scorecard-handout.png"), fullPage: true });
    const pdf = join(downloads.folder, "handout.pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true });
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    await page.emulateMediaType("screen");

    // Back to the trainer as it was.
    await page.click("#handout-back");
    expect(await page.$eval("#handout", (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await page.$$eval(".pane", (panes) => panes.length)).toBe(2);
    expect(errors).toEqual([]);
  });

  it("a practice's scorecard quotes the trainee's own replies beside the good agent's reply to the same customer line", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await openTrainer(page, harness, "scenario=en-vague-problem&mode=practice&speed=4");
    await page.click("#start-practice");
    await page.waitForSelector(".pane .transcript li[data-speaker=customer]");
    await page.type("#reply", "Is it plugged in?");
    await page.keyboard.press("Enter");
    await page.type("#reply", "Did you restart it?");
    await page.keyboard.press("Enter");
    await waitFor(async () => (await page.$$(".pane .nudge-log li[data-rule=open-question]")).length > 0, "the open-question nudge");
    await page.click("#finish");
    await page.click(".pane .open-handout");
    await page.waitForSelector("#handout:not([hidden]) .moments-table");
    const moments = await shownMoments(page);
    const closed = moments.find((m) => m.rule === "open-question")!;
    expect(closed.agent).toBe("Did you restart it?");
    // The practice plays the scenario's own customer lines: the good agent's reply to the same line is found.
    const good = scenario("en-vague-problem").variants.find((v) => v.id === "good")!.events;
    expect(texts(good, "agent")).toContain(closed.good);
    const trainee = await page.$$eval(".pane .transcript li[data-speaker=agent] .text", (items) => items.map((li) => li.textContent));
    for (const moment of moments) if (moment.agent) expect(trainee).toContain(moment.agent);
    const closedFigure = await page.$eval("#handout [data-figure=closedInARow] td strong", (el) => el.textContent);
    expect(closedFigure).toBe("2");
    expect(errors).toEqual([]);
  });

  it("speaks Persian right to left, its figures in Persian digits", async () => {
    await setLocal(harness, { settings: { interfaceLanguage: "fa" } });
    const page = await harness.browser.newPage();
    await openTrainer(page, harness, "scenario=fa-billing-error&mode=replay");
    await page.click("#to-end");
    await page.click(".pane .open-handout");
    await page.waitForSelector("#handout:not([hidden]) .figures-table");
    const fa = messages("fa");
    expect(await page.$eval("#handout h2", (el) => el.textContent)).toBe(fa.handoutWorkOn!.message);
    expect(await page.$eval("html", (el) => el.dir)).toBe("rtl");
    // The figures' names start at the right.
    const [name, value] = await page.$eval("#handout .figures-table tbody tr", (row) => [...row.children].slice(0, 2).map((cell) => cell.getBoundingClientRect().left));
    expect(name!).toBeGreaterThan(value!);
    expect(await page.$eval("#handout [data-figure=longestReply] td strong", (el) => el.textContent)).toMatch(/^[۰-۹]+ ثانیه$/);
    await page.screenshot({ path: join(SCREENSHOTS, "scorecard-handout-fa.png") });
    expect(await axeViolations(page)).toEqual([]);
  });
});

/** Whether anything in presenter mode is out of view or cut: boxes against the viewport, text against its box. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const { innerWidth, innerHeight } = window;
    const root = document.scrollingElement!;
    if (root.scrollHeight > root.clientHeight + 1) problems.push(`the page scrolls: ${root.scrollHeight} > ${root.clientHeight}`);
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${el.className}: ${(el.textContent ?? "").slice(0, 30)}`;
    const inView = (el: Element) => {
      const box = el.getBoundingClientRect();
      if (box.top < -1 || box.left < -1 || box.bottom > innerHeight + 1 || box.right > innerWidth + 1) problems.push(`out of view: ${name(el)} ${JSON.stringify(box)}`);
    };
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null && !el.closest(".visually-hidden");
    for (const el of document.querySelectorAll(".nudge-log li, .pane h2, .bar *, .controls > *, .live")) if (visible(el)) inView(el);
    for (const host of document.querySelectorAll("attune-overlay")) {
      const card = host.shadowRoot?.querySelector(".card");
      if (card) inView(card);
    }
    for (const el of document.querySelectorAll("button, label, select, h1, h2, h3, .nudge-log li, .turn .text, .turn .meta, output, .keys")) {
      if (visible(el) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "auto") problems.push(`clipped: ${name(el)} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return problems;
  });
}

describe("presenter mode", () => {
  const harness = useHarness();

  for (const [name, viewport, id] of [
    ["1280×800", { width: 1280, height: 800, deviceScaleFactor: 1 }, "en-billing-error"],
    ["1920×1080 at 150%", { width: 1920, height: 1080, deviceScaleFactor: 1.5 }, "en-billing-error"],
    // What 1920×1080 shows at a browser zoom of 150%: 1280×720 CSS pixels; with the call that raises the most nudges.
    ["1280×720 (1920×1080 zoomed to 150%)", { width: 1280, height: 720, deviceScaleFactor: 1.5 }, "en-angry-repeat-caller"],
  ] as const) {
    it(`fits ${name}: both panes' nudges in view without scrolling, no text cut (${id})`, async () => {
      const page = await harness.browser.newPage();
      const errors = collectErrors(page);
      await openTrainer(page, harness, `scenario=${id}&mode=side&presenter=1`, viewport);
      expect(await page.$eval("#presenter", (el) => (el as HTMLInputElement).checked)).toBe(true);
      // Step through the whole conversation: at every step the nudges so far are in view and nothing is cut.
      for (let i = 0; i < 40 && !(await page.$eval("body", (b) => b.dataset.done === "true")); i++) {
        await page.click("#step");
        expect(await layoutProblems(page), `step ${i + 1}`).toEqual([]);
      }
      const nudges = await page.$$eval(".pane", (panes) => panes.map((p) => p.querySelectorAll(".nudge-log li").length));
      expect(nudges[1]).toBeGreaterThanOrEqual(5);
      expect(nudges[1]).toBe(scoreConversation(shippedPacks, variantConversation(scenario(id), "poor")).nudges.length);
      const size = await page.$eval(".transcript .text", (el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(20);
      if (viewport.height === 800) await page.screenshot({ path: join(SCREENSHOTS, "trainer-presenter.png") });
      // The scorecard, in large type too, is a page that scrolls to its last moment.
      await page.$$eval(".pane .open-handout", (buttons) => (buttons[1] as HTMLButtonElement).click());
      await page.waitForSelector("#handout:not([hidden]) .moments-table");
      const last = await page.$eval("#handout .moments-table tbody tr:last-child", (row) => {
        row.scrollIntoView({ block: "end" });
        return row.getBoundingClientRect().bottom <= window.innerHeight + 1;
      });
      expect(last).toBe(true);
      expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    });
  }

  it("answers the keyboard: Space plays and pauses, → steps, even with a control focused", async () => {
    const page = await harness.browser.newPage();
    await openTrainer(page, harness, "scenario=en-billing-error&mode=side&presenter=1", { width: 1280, height: 800, deviceScaleFactor: 1 });
    const playing = () => page.$eval("#play", (el) => el.getAttribute("aria-pressed"));
    const shown = () => page.$$eval(".pane .transcript li", (items) => items.length);
    await page.click("#step");
    const afterClick = await shown();
    // Focus is on the Step button: → steps once (not twice), Space plays instead of clicking it.
    await page.keyboard.press("ArrowRight");
    await waitFor(async () => (await shown()) > afterClick, "a step by →");
    const stepped = await shown();
    await page.keyboard.press("Space");
    expect(await playing()).toBe("true");
    await page.keyboard.press("Space");
    expect(await playing()).toBe("false");
    // With the presenter box focused, Space still plays and leaves the box ticked.
    await page.focus("#presenter");
    await page.keyboard.press("Space");
    expect(await playing()).toBe("true");
    expect(await page.$eval("#presenter", (el) => (el as HTMLInputElement).checked)).toBe(true);
    await page.keyboard.press("Space");
    expect(await playing()).toBe("false");
    expect(await shown()).toBeGreaterThanOrEqual(stepped);
    // Not while choosing from a list: → there moves the choice, not the conversation.
    await page.focus("#speed");
    const before = await page.$eval("#clock", (el) => el.textContent);
    await page.keyboard.press("ArrowRight");
    expect(await page.$eval("#clock", (el) => el.textContent)).toBe(before);
  });

  it("in the Persian trainer, each side's box is named for where its pane is", async () => {
    await setLocal(harness, { settings: { interfaceLanguage: "fa" } });
    const page = await harness.browser.newPage();
    await openTrainer(page, harness, "scenario=fa-billing-error&mode=side&presenter=1", { width: 1280, height: 800, deviceScaleFactor: 1 });
    const fa = messages("fa");
    for (const side of ["left", "right"] as const) {
      // The pane a box controls is the one showing the variant it has chosen.
      const chosen = await page.$eval(`#${side}`, (el) => (el as HTMLSelectElement).selectedOptions[0]!.textContent);
      const paneIndex = await page.$$eval(".pane h2 bdi", (labels, text) => labels.findIndex((l) => l.textContent === text), chosen);
      const boxes = await page.$$eval(".pane", (panes) => panes.map((p) => p.getBoundingClientRect().left));
      const where = boxes[paneIndex]! === Math.min(...boxes) ? "trainerLeft" : "trainerRight";
      const label = await page.$eval(`label:has(#${side}) span`, (el) => el.textContent);
      expect(label, side).toBe(fa[where]!.message);
    }
    expect(await layoutProblems(page)).toEqual([]);
    // Persian's longer lines fit too, with every nudge raised.
    await page.click("#to-end");
    expect(await layoutProblems(page)).toEqual([]);
  });
});
