import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/trainer/scenario.js";
import type { ReplySignal } from "../../src/trainer/practice-script.js";
import { ROOT } from "../../scripts/lib/browser.mjs";
import {
  SCREENSHOTS,
  axeViolations,
  collectErrors,
  downloadsInto,
  openExtensionPage,
  openPopup,
  readLocal,
  readOverlay,
  scratchDir,
  setLocal,
  skipInFirefox,
  useHarness,
  waitFor,
  type Harness,
} from "./harness.js";

interface Logged {
  rule: string;
  event: number;
  at: number;
  outcome: string;
}

/** The nudges a pane lists (its n-th on the page), as the trainer shows them. */
function nudgeLog(page: Page, pane = 0): Promise<Logged[]> {
  return page.$$eval(
    ".pane",
    (panes, n) =>
      [...panes[n]!.querySelectorAll<HTMLElement>(".nudge-log li")].map((li) => ({
        rule: li.dataset.rule!,
        event: Number(li.dataset.event),
        at: Number(li.dataset.at),
        outcome: li.dataset.outcome!,
      })),
    pane,
  );
}

/** The card the overlay draws in a pane (open shadow root on Attune's own pages). */
function paneCard(page: Page, pane = 0): Promise<string | undefined> {
  return page.$$eval(".pane", (panes, n) => panes[n]!.querySelector("attune-overlay")?.shadowRoot?.querySelector<HTMLElement>(".card")?.dataset.rule, pane);
}

const clock = (page: Page) => page.$eval("#clock", (el) => el.textContent ?? "");
const seconds = (text: string) => {
  const [m, s] = text.split(" ")[0]!.split(":").map(Number);
  return m! * 60 + s!;
};

async function openTrainer(page: Page, harness: Harness, query: string): Promise<void> {
  await page.setViewport({ width: 1280, height: 900 });
  await openExtensionPage(harness, `pages/trainer.html?${query}`, page);
  await page.waitForSelector("body[data-ready]");
}

const SHIPPED = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));

describe("the trainer", () => {
  const harness = useHarness();

  it("replays a scenario with its nudges at their moments, stepping event by event and playing in real time", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await openTrainer(page, harness, "scenario=en-billing-error&mode=replay");
    // The poor agent in "Charged twice" (events at 0, 50, 58, 62 typing, 64 draft, 70, 75, 85, 95), by the rules:
    const expected: Array<[string, number, number]> = [
      ["acknowledge-frustration", 0, 0], // "I'm annoyed"
      ["apologize-for-error", 0, 0], // "charged twice"
      ["respond-promptly", 0, 30], // 30 s with no reply
      ["open-question", 4, 64], // the draft "Are you sure" is the second closed question in a row
      ["dont-interrupt", 4, 64], // ... typed while the customer is typing (62–70)
      ["use-name", 8, 95], // the third reply, and the name not yet used
      ["positive-language", 8, 95], // "As I said"
      ["thank-customer", 8, 95], // closing without a thank-you
      ["next-steps", 8, 95], // ... and without a next step
    ];
    expect((await nudgeLog(page)).map((n) => [n.rule, n.event, n.at])).toEqual(expected.slice(0, 2));
    expect(["acknowledge-frustration", "apologize-for-error"]).toContain(await paneCard(page));
    for (;;) {
      const before = seconds(await clock(page));
      await page.click("#step");
      const now = seconds(await clock(page));
      if (now === before) break;
      const shown = (await nudgeLog(page)).map((n) => [n.rule, n.event, n.at]);
      // Everything due by now is listed, nothing later.
      expect(shown).toEqual(expected.filter(([, , at]) => at <= now));
      const events = await page.$$eval(".pane .transcript li", (items) => items.map((li) => Number((li as HTMLElement).dataset.event)));
      expect(Math.max(...events)).toBeLessThanOrEqual(8);
    }
    const outcomes = Object.fromEntries((await nudgeLog(page)).map((n) => [n.rule, n.outcome]));
    expect(outcomes).toMatchObject({ "acknowledge-frustration": "missed", "apologize-for-error": "missed" });

    // Real timing at 4×: the 30 s wait alert shows once the clock passes 30 s, before the agent's reply at 50 s.
    await page.select("#speed", "4");
    await page.click("#restart");
    await page.click("#play");
    const started = Date.now();
    const alert = await waitFor(async () => (await nudgeLog(page)).find((n) => n.rule === "respond-promptly"), "the respond-promptly alert", 20_000);
    const elapsed = (Date.now() - started) / 1000;
    const at = seconds(await clock(page));
    await page.click("#play");
    expect(alert.at).toBe(30);
    expect(at).toBeGreaterThanOrEqual(30);
    expect(at).toBeLessThan(50);
    // 30 s of conversation at 4× take about 7.5 s.
    expect(elapsed).toBeGreaterThan(6.5);
    expect(await paneCard(page)).toBe("respond-promptly");
    expect(errors).toEqual([]);
  });

  it("side by side, the poor agent gets more nudges than the good one in every shipped scenario", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await openTrainer(page, harness, "mode=side");
    expect(SHIPPED.length).toBeGreaterThanOrEqual(12);
    const counts: Record<string, [number, number]> = {};
    for (const id of SHIPPED) {
      await page.select("#scenario", `shipped:${id}`);
      expect(await page.$eval("#left", (el) => (el as HTMLSelectElement).value)).toBe("good");
      expect(await page.$eval("#right", (el) => (el as HTMLSelectElement).value)).toBe("poor");
      await page.click("#to-end");
      const [good, poor] = await page.$$eval(".pane", (panes) => panes.map((p) => Number((p as HTMLElement).dataset.nudges)));
      counts[id] = [good!, poor!];
    }
    for (const [id, [good, poor]] of Object.entries(counts)) expect(poor, `${id}: good ${good}, poor ${poor}`).toBeGreaterThan(good);

    // The picture for the README: both agents half-way through the same chat, in step.
    await page.select("#scenario", "shipped:en-billing-error");
    for (let i = 0; i < 6; i++) await page.click("#step");
    const [left, right] = await page.$$eval(".pane", (panes) => panes.map((p) => p.querySelectorAll(".transcript li").length));
    expect(left).toBeGreaterThan(0);
    expect(right).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, "trainer-side-by-side.png") });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("practice: the customer's lines play from the script, a typed closed question gets a nudge, and the practice exports as a scenario", async (context) => {
    skipInFirefox(context, "its export is caught with the DevTools protocol's Browser.setDownloadBehavior, which WebDriver BiDi has no counterpart for");
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    const downloads = await downloadsInto(page, "trainer");
    await openTrainer(page, harness, "scenario=en-vague-problem&mode=practice&speed=4");
    await page.click("#start-practice");
    await page.waitForSelector(".pane .transcript li[data-speaker=customer]");
    await page.type("#reply", "Is it plugged in?");
    await page.keyboard.press("Enter");
    // Without sending, a second closed question: the draft alone raises the nudge, as it would on a console.
    await page.type("#reply", "Did you restart it?");
    const nudge = await waitFor(async () => (await nudgeLog(page)).find((n) => n.rule === "open-question"), "the open-question nudge on the draft");
    expect(nudge.outcome).toBe("open");
    expect(await page.$eval("#reply", (el) => (el as HTMLTextAreaElement).value)).toBe("Did you restart it?");
    expect(await paneCard(page)).toBeDefined();

    await page.keyboard.press("Enter");
    await page.click("#finish");
    const closed = await page.$eval(".pane [data-figure=closedQuestions] .value", (el) => el.textContent);
    expect(closed).toBe("2");
    expect(await page.$eval("#reply", (el) => (el as HTMLTextAreaElement).disabled)).toBe(true);

    await page.click("#export-practice");
    const file = await waitFor(async () => downloads.finished().find((f) => f.name.endsWith(".json")), "the exported practice");
    const exported = parseScenario(JSON.parse(readFileSync(file.path, "utf8")), file.name);
    const practice = exported.variants[0]!;
    expect(practice.id).toBe("practice");
    expect(practice.events.filter((e) => e.type === "turn" && e.speaker === "agent").map((e) => (e as { text: string }).text)).toEqual(["Is it plugged in?", "Did you restart it?"]);
    expect(exported.variants.map((v) => v.id)).toEqual(["practice", "good", "poor"]);
    // ... and it is in the library, ready to replay.
    const { trainerScenarios } = await readLocal(harness);
    expect((trainerScenarios as Array<{ id: string }>).map((s) => s.id)).toEqual([exported.id]);
    expect(errors).toEqual([]);
  });

  it("practice: the customer reacts — an acknowledgement and a blaming reply get different lines; Hint, Try again, and Finish closes cleanly", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    const scenario = parseScenario(JSON.parse(readFileSync(join(ROOT, "scenarios", "en-billing-error.json"), "utf8")));
    const script = scenario.practice!;
    const opening = script.lines[script.start]!;
    // The line the opening's first branch carrying a signal leads to, as the scenario's data says.
    const answerTo = (signal: ReplySignal) => script.lines[opening.next!.find((b) => b.ifReplyHas?.includes(signal))!.goTo]!.says;
    const customerLines = () => page.$$eval(".pane .transcript li[data-speaker=customer] .text", (items) => items.map((li) => li.textContent));
    const typing = () => page.$eval(".pane .typing", (el) => !(el as HTMLElement).hidden && !!el.textContent);
    const focused = () => page.evaluate(() => document.activeElement?.id);

    await openTrainer(page, harness, "scenario=en-billing-error&mode=practice&speed=4");
    await page.click("#start-practice");
    await waitFor(async () => (await customerLines()).length === 1, "the customer's opening line");
    expect(await customerLines()).toEqual([opening.says]);
    // The reply box sits under the transcript, in the pane, and has the focus.
    expect(await page.$eval(".pane", (pane) => !!(pane.querySelector(".transcript")!.compareDocumentPosition(pane.querySelector("#reply")!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    expect(await focused()).toBe("reply");

    await page.click("#hint");
    expect(await page.$eval("#hint-box", (el) => [(el as HTMLElement).hidden, el.querySelector("q")?.textContent])).toEqual([false, opening.hint]);
    expect(await focused()).toBe("reply");

    await page.type("#reply", "I understand how frustrating that is.");
    await page.keyboard.press("Enter");
    await waitFor(typing, "the customer typing");
    await waitFor(async () => (await customerLines()).length === 2, "the customer's answer");
    expect((await customerLines())[1]).toBe(answerTo("ack.feeling"));
    expect(await typing()).toBe(false);
    expect(await page.$eval("#hint-box", (el) => (el as HTMLElement).hidden)).toBe(true);
    // The picture for the guide: the calmer customer, and the hint for answering them.
    await page.click("#hint");
    expect(await page.$eval("#hint-box q", (el) => el.textContent)).toBe(script.lines[opening.next!.find((b) => b.ifReplyHas?.includes("ack.feeling"))!.goTo]!.hint);
    const { x, y, width } = (await (await page.$(".pane"))!.boundingBox())!;
    const log = (await (await page.$(".pane .nudge-log"))!.boundingBox())!;
    await page.screenshot({ path: join(SCREENSHOTS, "trainer-practice.png"), clip: { x, y, width, height: log.y + log.height - y + 8 } });

    // Try again: the same scenario from its opening line.
    await page.click("#try-again");
    await waitFor(async () => (await customerLines()).length === 1, "the opening line again");
    expect(await customerLines()).toEqual([opening.says]);
    expect(await page.$$eval(".pane .transcript li", (items) => items.length)).toBe(1);
    expect(await focused()).toBe("reply");

    await page.type("#reply", "As I said, you should have checked your statement.");
    await page.keyboard.press("Enter");
    await waitFor(async () => (await customerLines()).length === 2, "the customer's answer to blame");
    const blamed = (await customerLines())[1];
    expect(blamed).toBe(answerTo("blame"));
    expect(blamed).not.toBe(answerTo("ack.feeling"));

    // Finish while the customer is typing their next line, with nudges open: the conversation closes cleanly.
    // Answered, the customer about to type: the hint is to let them finish, not the last line's (sent and asked in one
    // task, so that the customer cannot have answered in between).
    const hinted = await page.evaluate(() => {
      (document.getElementById("reply") as HTMLTextAreaElement).value = "Which card was it?";
      document.getElementById("send")!.click();
      document.getElementById("hint")!.click();
      const box = document.getElementById("hint-box")!;
      return [box.hidden, box.textContent, !!box.querySelector("q")];
    });
    expect(hinted).toEqual([false, "You have answered: let the customer read and reply before you write again.", false]);
    await waitFor(typing, "the customer typing again");
    expect((await nudgeLog(page)).some((n) => n.outcome === "open")).toBe(true);
    await page.click("#finish");
    expect(await typing()).toBe(false);
    expect(await paneCard(page)).toBeUndefined();
    const outcomes = (await nudgeLog(page)).map((n) => n.outcome);
    expect(outcomes).not.toContain("open");
    expect(outcomes).toContain("missed");
    expect(await page.$eval("#reply", (el) => (el as HTMLTextAreaElement).disabled)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("practice: a reply sent while the customer types is an interruption — nudged, and answered as the script says", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    const scenario = parseScenario(JSON.parse(readFileSync(join(ROOT, "scenarios", "en-vague-problem.json"), "utf8")));
    const script = scenario.practice!;
    const opening = script.lines[script.start]!;
    const interrupted = script.lines[opening.next!.find((b) => b.ifReplyHas?.includes("interrupted"))!.goTo]!.says;
    const customerLines = () => page.$$eval(".pane .transcript li[data-speaker=customer] .text", (items) => items.map((li) => li.textContent));
    // At 1× the customer types their answer for seconds: time enough to write over them.
    await openTrainer(page, harness, "scenario=en-vague-problem&mode=practice&speed=1");
    await page.click("#start-practice");
    await waitFor(async () => (await customerLines()).length === 1, "the customer's opening line");
    await page.type("#reply", "Could you walk me through what happens when you use it?");
    await page.keyboard.press("Enter");
    await waitFor(() => page.$eval(".pane .typing", (el) => !(el as HTMLElement).hidden), "the customer typing", 20_000);
    await page.type("#reply", "Hello?");
    await page.keyboard.press("Enter");
    await waitFor(async () => (await customerLines()).length === 2, "the customer's answer", 30_000);
    expect((await customerLines())[1]).toBe(interrupted);
    expect((await nudgeLog(page)).map((n) => n.rule)).toContain("dont-interrupt");
    expect(errors).toEqual([]);
  });

  it("the scorecard of an imported conversation matches the figures worked out by hand, each linked to its moment", async (context) => {
    skipInFirefox(context, "its export is caught with the DevTools protocol's Browser.setDownloadBehavior, which WebDriver BiDi has no counterpart for");
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await openTrainer(page, harness, "mode=replay");
    const input = await page.$("#import-file");
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(join(ROOT, "test", "fixtures", "trainer", "hand-scored.json"));
    await page.waitForFunction(() => (document.getElementById("scenario") as HTMLSelectElement).value === "imported:hand-scored");
    // The cards the pane draws, by rule (its overlay's shadow root is open in the trainer): what "shown" counts.
    await page.evaluate(() => {
      const drawn: string[] = [];
      Object.assign(window, { drawn });
      new MutationObserver((records) => {
        for (const node of records.flatMap((r) => [...r.addedNodes])) if (node instanceof HTMLElement && node.matches(".card[data-rule]") && !drawn.includes(node.dataset.rule!)) drawn.push(node.dataset.rule!);
      }).observe(document.querySelector(".pane attune-overlay")!.shadowRoot!, { childList: true, subtree: true });
    });
    await page.click("#to-end");
    const drawn = await page.evaluate(() => (window as unknown as { drawn: string[] }).drawn);
    const figures = await page.$$eval(".pane .scorecard [data-figure]", (rows) =>
      Object.fromEntries(rows.map((row) => [(row as HTMLElement).dataset.figure, [row.querySelector(".value")?.textContent, [...row.querySelectorAll<HTMLElement>(".moment")].map((m) => Number(m.dataset.event))]])),
    );
    // Worked out by hand from test/fixtures/trainer/hand-scored.json (see src/trainer/scorecard.test.ts).
    expect(figures).toEqual({
      openQuestions: ["1", [8]],
      closedQuestions: ["3", [4, 6, 11]],
      feelingAcknowledgements: ["1", [1]],
      apologies: ["1", [1]],
      thanks: ["1", [10]],
      nameUsed: ["1", [1]],
      medianResponse: ["10 s", []],
      longestResponse: ["40 s", [4]],
      longestMonologue: ["25 words", [10]],
      nudgesRaised: ["5", [0, 0, 2, 6, 10]],
      // Played to the end at once, the pane draws the cards its queue puts up: those are shown; outcomes count them.
      nudgesShown: [String(drawn.length), expect.any(Array)],
      nudgesFollowed: expect.any(Array),
      nudgesMissed: expect.any(Array),
      nudgesOpen: expect.any(Array),
      nudgesUsed: ["0", []],
    });
    expect(drawn.length).toBeGreaterThanOrEqual(1);
    const count = (figure: string) => Number(figures[figure]![0]);
    expect(count("nudgesFollowed") + count("nudgesMissed") + count("nudgesOpen")).toBe(drawn.length);
    // The shown ones are raised ones: by the hand-worked outcomes (followed at 0, 0, 6; open at 2, 10), each counted right.
    const outcomeAt = { 0: "nudgesFollowed", 6: "nudgesFollowed", 2: "nudgesOpen", 10: "nudgesOpen" } as Record<number, string>;
    for (const event of figures.nudgesShown![1] as number[]) expect(figures[outcomeAt[event]!]![1]).toContain(event);
    // A figure's moment takes the replay there and marks the message.
    await page.click(".pane [data-figure=longestResponse] .moment");
    expect(await page.$eval(".transcript li.highlight", (li) => (li as HTMLElement).dataset.event)).toBe("4");
    expect(seconds(await clock(page))).toBe(70);
    await page.click("#to-end");
    const scorecard = await page.$(".pane .scorecard");
    await scorecard!.screenshot({ path: join(SCREENSHOTS, "scorecard.png") });

    // Exported as JSON: the scorecard, and the scenario as it was imported.
    const downloads = await downloadsInto(page, "trainer");
    await page.click(".pane .export-scorecard");
    await page.click("#export");
    const files = await waitFor(async () => {
      const found = downloads.finished().sort((a, b) => a.name.localeCompare(b.name));
      return found.length === 2 && found;
    }, "the two exports");
    expect(files.map((f) => f.name)).toEqual(["hand-scored.json", "scorecard-hand-scored-agent.json"]);
    const read = (name: string) => JSON.parse(readFileSync(files.find((f) => f.name === name)!.path, "utf8"));
    expect(read("scorecard-hand-scored-agent.json")).toMatchObject({ channel: "chat", responseTime: { median: 10, longest: 40 }, openQuestions: { value: 1 } });
    const original = parseScenario(JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "trainer", "hand-scored.json"), "utf8")));
    expect(parseScenario(read("hand-scored.json"))).toEqual(original);
    expect(errors).toEqual([]);
  });

  it("speaks the agent's interface language", async () => {
    await setLocal(harness, { settings: { interfaceLanguage: "it" } });
    const page = await harness.browser.newPage();
    await openTrainer(page, harness, "scenario=it-vague-problem&mode=side");
    expect(await page.$eval("html", (el) => el.lang)).toBe("it");
    expect(await page.$eval("#step", (el) => el.textContent)).toBe("Passo");
    expect(await page.$eval(".pane [data-figure=openQuestions] dt", (el) => el.textContent)).toBe("Domande aperte");
  });

  it("refuses an invalid scenario file with located problems and keeps the library as it was", async () => {
    const page = await harness.browser.newPage();
    await openTrainer(page, harness, "mode=replay");
    const before = await page.$$eval("#scenario option", (options) => options.length);
    const input = await page.$("#import-file");
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(join(ROOT, "test", "fixtures", "trainer", "broken.json"));
    await page.waitForSelector("#problems-section:not([hidden])");
    const problems = await page.$$eval("#problems li", (items) => items.map((li) => li.textContent));
    expect(problems).toEqual(expect.arrayContaining([
      // In words by its place, as the scenario editor says it, then its JSON path.
      expect.stringMatching(/^broken\.json: Id: .+ \(\$\.id\)$/),
      expect.stringMatching(/^broken\.json: Variant 1 \(“Good”\), message 2, Who: .+ \(\$\.variants\[0\]\.events\[1\]\.speaker\)$/),
    ]));
    expect(await page.$$eval("#scenario option", (options) => options.length)).toBe(before);
    expect((await readLocal(harness)).trainerScenarios).toBeUndefined();

    // A file nested 100,000 deep is refused before it is parsed, with the page still answering.
    const deep = join(scratchDir("trainer-import"), "deep.json");
    writeFileSync(deep, `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(deep);
    await page.waitForFunction(() => [...document.querySelectorAll("#problems li")].some((li) => li.textContent?.startsWith("deep.json")));
    expect(await page.$$eval("#problems li", (items) => items.map((li) => li.textContent))).toEqual([expect.stringMatching(/^deep\.json nests more than 64 levels deep/)]);
    expect(await page.$$eval("#scenario option", (options) => options.length)).toBe(before);
  });

  it("presenter mode: large, high-contrast text; the page passes axe in light, dark and presenter modes", async (context) => {
    skipInFirefox(context, "puppeteer emulates prefers-color-scheme over the DevTools protocol only, not over WebDriver BiDi");
    for (const theme of ["light", "dark"] as const) {
      const page = await harness.browser.newPage();
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: theme }]);
      await openTrainer(page, harness, "scenario=fa-billing-error&mode=side");
      await page.click("#to-end");
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
    const page = await harness.browser.newPage();
    await openTrainer(page, harness, "scenario=en-angry-repeat-caller&mode=replay");
    const size = () => page.$eval(".transcript li .text", (el) => parseFloat(getComputedStyle(el).fontSize));
    const normal = await size();
    await page.click("#presenter");
    expect(await size()).toBeGreaterThanOrEqual(normal * 1.4);
    expect(await page.$eval("body", (el) => getComputedStyle(el).backgroundColor)).toBe("rgb(0, 0, 0)");
    await page.click("#to-end");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("the popup shows the live conversation's scorecard and links to the trainer", async (context) => {
    skipInFirefox(context, "the harness opens the popup with action.openPopup() in the service worker, a target puppeteer reaches over the DevTools protocol only");
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    await waitFor(async () => (await readOverlay(page)).length > 0, "a nudge");
    const popup = await openPopup(harness.browser, page);
    await popup.waitForSelector("#scorecard [data-figure=nudgesRaised]");
    expect(Number(await popup.$eval("#scorecard [data-figure=nudgesRaised] .value", (el) => el.textContent))).toBeGreaterThanOrEqual(1);
    expect(await popup.$eval("#open-trainer", (a) => (a as HTMLAnchorElement).href)).toMatch(/\/pages\/trainer\.html$/);
    expect(await axeViolations(popup)).toEqual([]);
  });
});
