import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { extensionWorker } from "../../scripts/lib/browser.mjs";
import { buildKits, kitPath } from "../../scripts/lib/build-kits.mjs";
import { OPENING } from "../fixtures/kits/kit-page.js";
import type { TabStatus } from "../../src/shared/messages.js";
import { recordEvents } from "./event-recorder.js";
import {
  SCREENSHOTS,
  axeViolations,
  clickOverlay,
  inExtension,
  openPopup,
  readingStatusOf,
  readLocal,
  readOverlay,
  setLocal,
  tabIdOf,
  useHarness,
  waitFor,
  waitUntilRead,
  workerSessionStorage,
  type Harness,
} from "./harness.js";

/** The last messages the popup shows as read, as "You: …" / "Customer: …". */
const shownAsRead = (popup: Page) => popup.$$eval("#recent li", (items) => items.map((item) => item.textContent?.replace(/^(\S+)\s/, "$1: ")));

type Fixture = Window & { fixture: { open(id: string, history?: unknown[]): void; say(speaker: string, text: string): string } };

const tabStatus = async (harness: Harness, tabId: number) =>
  (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as TabStatus;

/** Every card the page draws while it runs, by rule, read from the overlay itself as often as it can be. */
function watchCards(page: Page): { drawn: Set<string>; stop(): Promise<void> } {
  const drawn = new Set<string>();
  let watching = true;
  const loop = (async () => {
    while (watching) for (const card of await readOverlay(page).catch(() => [])) drawn.add(card.rule);
  })();
  return {
    drawn,
    async stop() {
      watching = false;
      await loop;
    },
  };
}

/** The popup's five figures, as numbers. */
const figuresOf = (popup: Page) =>
  popup.$eval("#figures", (el) => Object.fromEntries(["shown", "followed", "missed", "open", "used"].map((id) => [id, Number(el.querySelector(`#${id}`)!.textContent)])));

describe("the toolbar popup", () => {
  const harness = useHarness();

  it("lists the conversation's nudges newest first with their moments and outcomes; its figures are the cards drawn, as the scorecard and the statistics count them", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/consoles/livechat.html`);
    await waitUntilRead(harness, page);
    const tabId = await tabIdOf(harness, page);
    await page.evaluate(() => (document.querySelector("[data-testid='customer-name']")!.textContent = "James Carter"));
    await page.evaluate(() => {
      const { fixture } = window as unknown as Fixture;
      fixture.open("conv-james", []);
      fixture.say("customer", "Hello");
    });
    await waitFor(async () => (await tabStatus(harness, tabId)).conversations.some((c) => c.key === "conv-james"), "the worker to hold the chat");
    const cards = watchCards(page);
    const say = (speaker: string, text: string) => page.evaluate((s, t) => (window as unknown as Fixture).fixture.say(s, t), speaker, text);
    const chat = async () => (await tabStatus(harness, tabId)).conversations.find((c) => c.key === "conv-james")!;

    // Two nudges at once: the frustration's card is drawn, the apology's waits behind it.
    await say("customer", "You charged me twice and this is the third time I'm writing!!!");
    await waitFor(async () => cards.drawn.has("acknowledge-frustration"), "the frustration's card");
    // The agent does what it asked: followed. The waiting one's moment passes with the reply, unseen.
    await say("agent", "I'm so sorry you've had to chase this — I understand how frustrating it is.");
    await waitFor(async () => (await chat()).list.find((n) => n.rule === "acknowledge-frustration")?.outcome === "followed", "the card followed");
    for (const [speaker, text] of [["customer", "Thanks."], ["agent", "I can see the second charge here."], ["customer", "ok"], ["agent", "It goes back to your card tomorrow."]]) await say(speaker!, text!);
    await waitFor(async () => (await readOverlay(page)).some((c) => c.rule === "use-name"), "the use-name card");
    await clickOverlay(page, "insert");
    await waitFor(async () => (await chat()).list.find((n) => n.rule === "use-name")?.used, "the reply used");
    await cards.stop();
    // What the worker and the page say, asked before the popup opens (a page opened meanwhile would close it).
    const { list, nudges, startedAt } = await chat();
    const all = (await tabStatus(harness, tabId)).conversations;
    const stats = Object.values(((await readLocal(harness)).stats ?? {}) as Record<string, Record<string, number>>);
    const reader = (await readingStatusOf(harness, page))!.reader!.name;

    const popup = await openPopup(harness.browser, page);
    await popup.waitForFunction(() => !document.getElementById("nudges-section")!.hidden);
    expect(await popup.$eval("#state-line", (el) => [(el as HTMLElement).dataset.state, el.textContent])).toEqual(["reading", "Reading this conversation"]);
    // The figures: the cards the page drew, and of those, what became of them.
    const figures = await figuresOf(popup);
    expect(figures.shown).toBe(cards.drawn.size);
    expect(list.filter((n) => n.shown).map((n) => n.rule).sort()).toEqual([...cards.drawn].sort());
    expect(figures).toMatchObject({ followed: 1, used: 1 });
    expect(figures).toEqual({ shown: nudges.shown, followed: nudges.followed, missed: nudges.missed, open: nudges.open, used: nudges.used });
    expect(nudges.raised).toBeGreaterThan(nudges.shown);

    // Listed newest first: the rule's message, the moment (the clock time of the turn that raised it), the outcome.
    const clock = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit" });
    const listed = await popup.$$eval("#nudges li", (items) =>
      items.map((li) => ({ rule: (li as HTMLElement).dataset.rule, moment: li.querySelector("time")!.textContent, message: li.querySelector(".message")!.textContent, outcome: li.querySelector(".outcome")!.textContent, used: li.querySelector(".used")?.textContent ?? "" })),
    );
    expect(listed).toEqual(
      [...list].reverse().map((n) => ({
        rule: n.rule,
        moment: clock.format(startedAt + n.at * 1000),
        message: n.message,
        outcome: n.shown ? n.outcome : "not shown",
        used: n.used ? "reply used" : "",
      })),
    );
    expect(listed[0]).toMatchObject({ rule: "use-name", used: "reply used" });
    expect(listed.find((n) => n.rule === "acknowledge-frustration")).toMatchObject({ message: "Acknowledge the frustration first", outcome: "followed" });
    expect(listed.find((n) => n.rule === "apologize-for-error")).toMatchObject({ outcome: "not shown" });

    // The scorecard counts the same: its shown and used are the popup's.
    const scorecard = (figure: string) => popup.$eval(`#scorecard [data-figure=${figure}] .value`, (el) => Number(el.textContent));
    expect([await scorecard("nudgesShown"), await scorecard("nudgesUsed"), await scorecard("nudgesFollowed")]).toEqual([figures.shown, figures.used, figures.followed]);
    // And so do the statistics, over the tab's conversations (the storage is empty at each test's start).
    const sum = (field: keyof TabStatus["conversations"][number]["nudges"]) => all.reduce((total, c) => total + c.nudges[field], 0);
    const counted = (field: string) => stats.reduce((total, rule) => total + (rule[field] ?? 0), 0);
    expect(["raised", "shown", "followed", "missed", "used"].map(counted)).toEqual([sum("raised"), sum("shown"), sum("followed"), sum("missed"), sum("used")]);

    // The reader's details are there, closed.
    expect(await popup.$eval("#details", (el) => (el as HTMLDetailsElement).open)).toBe(false);
    expect(await popup.$eval("#details", (el) => el.textContent)).toContain(reader);
    expect(await popup.$eval("#problem-count", (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await axeViolations(popup)).toEqual([]);
  });

  it("says when coaching is snoozed and until when, and Resume takes it back", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    const popup = await openPopup(harness.browser, page);
    expect(await popup.$eval("#state-line", (el) => (el as HTMLElement).dataset.state)).toBe("reading");
    await popup.click("#snooze");
    await popup.waitForFunction(() => document.getElementById("state-line")!.dataset.state === "snoozed");
    // Read in the popup itself: another extension page opening would close it.
    const snoozedUntil = () => popup.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
      return Number((await chrome.storage.local.get("snoozedUntil")).snoozedUntil);
    });
    const until = await snoozedUntil();
    expect(until).toBeGreaterThan(Date.now());
    const clock = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit" });
    expect(await popup.$eval("#state-line", (el) => el.textContent)).toBe(`Snoozed until ${clock.format(until)}`);
    expect(await popup.$eval("#snooze", (el) => el.textContent)).toBe("Resume");
    await popup.click("#snooze");
    await popup.waitForFunction(() => document.getElementById("state-line")!.dataset.state === "reading");
    expect(await snoozedUntil()).toBe(0);
    expect(await popup.$eval("#snooze", (el) => el.textContent)).toBe("Snooze 15 min");
  });

  it("says when some nudges are snoozed from their cards, and Resume ends that too", async () => {
    const until = Date.now() + 10 * 60_000;
    await setLocal(harness, { snoozedRules: { "acknowledge-frustration": until } });
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    const popup = await openPopup(harness.browser, page);
    const clock = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit" });
    expect(await popup.$eval("#state-line", (el) => el.textContent)).toBe(`Some nudges snoozed until ${clock.format(until)}`);
    await popup.click("#snooze");
    await popup.waitForFunction(() => document.getElementById("state-line")!.dataset.state === "reading");
    const rules = await popup.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
      return (await chrome.storage.local.get("snoozedRules")).snoozedRules;
    });
    expect(rules).toEqual({});
  });

  it("shows the conversation found, its adapter, language and nudges, and passes axe", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    await waitFor(async () => (await readOverlay(page)).length > 0, "a nudge");
    const tabId = await tabIdOf(harness, page);
    // The badge counts the nudges still open: the demo's agent, at four times its speed, may have answered the first
    // one by the time a busy machine reads the badge, and the next one opens it again.
    await waitFor(async () => Number(await inExtension(harness, (chrome, id) => chrome.action.getBadgeText({ tabId: id }), tabId)) >= 1, "the badge counting open nudges");
    const popup = await openPopup(harness.browser, page);
    expect(await popup.$eval("#conversation-state", (el) => el.textContent)).toMatch(/generic.*en/);
    expect(Number(await popup.$eval("#shown", (el) => el.textContent))).toBeGreaterThanOrEqual(1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: join(SCREENSHOTS, "popup.png") });
    expect(await axeViolations(popup)).toEqual([]);
  });

  it("counts the cards the agent saw: a nudge dropped unseen is raised but not shown, and frees its place in the limit", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    const tabId = await tabIdOf(harness, page);
    const say = (speaker: string, text: string) => page.evaluate((s, t) => (window as unknown as { addMessage(s: string, t: string): void }).addMessage(s, t), speaker, text);
    // Two nudges at once (frustration, and an error to apologise for): one card at a time, the other waits.
    await say("customer", "You charged me twice and this is the third time I'm writing!!!");
    await waitFor(async () => (await readOverlay(page)).length === 1, "the first card");
    // The agent answers neither: the waiting one goes unseen with the moment.
    await say("agent", "Let me check.");
    const status = async () => (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as TabStatus;
    await waitFor(async () => (await status()).conversations[0]?.list.every((n) => n.outcome !== "open"), "both outcomes decided");
    const gateWindow = async () => ((await workerSessionStorage(harness)) as Record<string, unknown[]>)[`gate:${tabId}`]?.length;
    await waitFor(async () => (await gateWindow()) === 1, "the unseen nudge's place freed");
    const { conversations } = await status();
    expect(conversations[0]!.nudges).toMatchObject({ raised: 2, shown: 1 });
    expect(conversations[0]!.list.filter((n) => n.shown)).toHaveLength(1);

    const popup = await openPopup(harness.browser, page);
    await popup.waitForFunction(() => !document.getElementById("figures")!.hidden);
    expect(await popup.$eval("#shown", (el) => el.textContent)).toBe("1");
    expect(await popup.$eval("#raised-in-all", (el) => (el as HTMLElement).hidden ? "" : el.textContent)).toMatch(/^2 raised in all/);
    const stats = ((await readLocal(harness)).stats ?? {}) as Record<string, { raised: number; shown: number }>;
    expect(Object.values(stats).reduce((sum, s) => sum + s.shown, 0)).toBe(1);
  });

  it.for([
    { language: "fa", customer: "سومین بار است که پیام می‌دهم!!!", direction: "rtl" },
    { language: "ro", customer: "Este a treia oară când vă scriu și sunt foarte enervat!!!", direction: "ltr" },
  ])("in $language: counts in the language's words and digits, the page's lines each in their own direction", async ({ language, customer, direction }) => {
    await setLocal(harness, { settings: { interfaceLanguage: language } });
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    await page.evaluate((text) => (window as unknown as { addMessage(s: string, t: string): void }).addMessage("customer", text), customer);
    await waitFor(async () => (await readOverlay(page)).length > 0, "a nudge");
    const popup = await openPopup(harness.browser, page);
    await popup.waitForSelector("#scorecard [data-figure=nudgesRaised]");
    expect(await popup.evaluate(() => document.documentElement.dir)).toBe(direction);
    // One nudge, or two if the customer has waited 30 s by now: the label agrees with the count.
    const [count, label] = await popup.$eval("#figures", (el) => [el.querySelector("#shown")!.textContent, el.querySelector("#shown-label")!.textContent] as const);
    const n = Number(count.replace(/[۰-۹]/g, (digit) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(digit))));
    expect(n).toBeGreaterThanOrEqual(1);
    expect(count, "in the language's digits").toBe(new Intl.NumberFormat(language).format(n));
    expect(label).toBe({ fa: "نمایش‌داده‌شده", ro: n === 1 ? "afișată" : "afișate" }[language]);
    // The English lines of the page's history and the customer's own, each isolated from the popup's direction.
    expect(await popup.$$eval("#recent li bdi", (lines) => lines.map((line) => line.textContent))).toEqual(["Hello, my invoice looks wrong.", "Hi! Let me have a look.", customer]);
    await popup.screenshot({ path: join(SCREENSHOTS, `popup-${language}.png`) });
  });

  it("switches coaching off for the site: the next frustrated message raises nothing", async () => {
    const recorder = await recordEvents(harness);
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    const tabId = await tabIdOf(harness, page);
    const sent = async (text: string) => (await recorder.events()).some((event) => event.text === text);
    const add = (speaker: string, text: string) =>
      page.evaluate((s, t) => (window as unknown as { addMessage(s: string, t: string): void }).addMessage(s, t), speaker, text);
    // The two messages on the page, read as history while coaching is on.
    await waitFor(async () => (await sent("Hi! Let me have a look.")), "the page's history");
    const popup = await openPopup(harness.browser, page);
    await popup.click("#site-enabled");
    await popup.close();

    const furious = "This is the third time I'm asking, I'm furious!!!";
    await add("customer", furious);
    await waitFor(() => sent(furious), "the frustrated message sent");
    // The content script sends a batch only once the worker has answered the one before: the next message sent means
    // the worker has taken the frustrated one, while coaching was off.
    await add("agent", "Let me check.");
    await waitFor(() => sent("Let me check."), "the next message sent");

    const again = await openPopup(harness.browser, page);
    expect(await again.$eval("#site-enabled", (el) => (el as HTMLInputElement).checked)).toBe(false);
    expect(await again.$eval("#state-line", (el) => [(el as HTMLElement).dataset.state, el.textContent])).toEqual(["paused", "Paused on this site"]);
    await again.click("#site-enabled");
    await again.close();
    // Coaching on again: the next frustrated message is coached, and it is the only nudge, on the only event the worker
    // took since the history (frustration alone: "still nothing works" would be a complaint too, and want an apology).
    await add("customer", "I am fed up, this is ridiculous!!!");
    await waitFor(async () => (await readOverlay(page)).length > 0, "a nudge once coaching is on again");
    const status = (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as TabStatus;
    expect(status.conversations[0]!.list.map(({ rule, event }) => `${event}:${rule}`)).toEqual(["2:acknowledge-frustration"]);
    const states = Object.entries(await workerSessionStorage(harness)).filter(([key]) => key.startsWith(`conversation:${tabId}:`));
    expect(states.map(([, state]) => state.events), "events taken in: the history and the last message").toEqual([3]);
    expect(await readOverlay(page)).toHaveLength(1);
    await recorder.close();
  });

  it("shows the reader in use and the last three messages it read, and reads them the other way round when told", async () => {
    // A chat built with a real UI kit from npm, read by the generic reader with no setup.
    await buildKits();
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}${kitPath("chatscope")}`);
    await page.waitForFunction(() => !!(window as { chat?: unknown }).chat);
    const frustrated = "This is ridiculous, it's the second month in a row!";
    await page.evaluate((text) => (window as unknown as { chat: { receive(t: string): void } }).chat.receive(text), frustrated);
    await waitFor(async () => (await readOverlay(page)).length > 0, "a nudge");

    const popup = await openPopup(harness.browser, page);
    expect(await popup.$eval("#conversation-state", (el) => el.textContent)).toMatch(/generic reader/);
    await popup.click("#details summary");
    const asRead = [`Customer: ${OPENING[0]!.text}`, `You: ${OPENING[1]!.text}`, `Customer: ${frustrated}`];
    expect(await shownAsRead(popup)).toEqual(asRead);
    expect(await axeViolations(popup)).toEqual([]);

    // "These messages are mine": the page is read again with the sides the other way round, and the popup shows it.
    await popup.click("#swap-speakers");
    await popup.waitForFunction(() => !document.getElementById("swap-state")!.hidden);
    const swapped = (line: string) => (line.startsWith("You: ") ? line.replace("You: ", "Customer: ") : line.replace("Customer: ", "You: "));
    expect(await shownAsRead(popup)).toEqual(asRead.map(swapped));

    await popup.click("#swap-speakers");
    await popup.waitForFunction(() => document.getElementById("swap-state")!.hidden);
    expect(await shownAsRead(popup)).toEqual(asRead);

    // The worker forgot what it was told with the sides wrong and took the conversation in again, all of it as history
    // (at 0 s; the frustrated message came live before): nothing open on the badge.
    const tabId = await tabIdOf(harness, page);
    const status = await waitFor(async () => {
      const now = (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as TabStatus;
      return now.conversations.length > 0 && now;
    }, "the conversation taken in again");
    expect(status.conversations[0]!.list.every((nudge) => nudge.at === 0)).toBe(true);
    expect(await inExtension(harness, (chrome, id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe("");
  });

  // Last in the file: the worker keeps the problems it reported while it runs.
  it("keeps the reader's details closed, but a problem shows its count on them", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    // A policy Attune cannot use (storage.managed answered in the worker, as the team lead's test does) is a problem.
    const worker = await (await extensionWorker(harness.browser)).worker();
    await worker!.evaluate(() => {
      (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<unknown> } } } }).chrome.storage.managed.get = async () => ({ lockedSettings: ["colour"] });
    });
    await inExtension(harness, (chrome) => chrome.runtime.sendMessage({ type: "team-state" }), null);
    const popup = await openPopup(harness.browser, page);
    await popup.waitForFunction(() => !document.getElementById("problem-count")!.hidden);
    expect(await popup.$eval("#details", (el) => (el as HTMLDetailsElement).open)).toBe(false);
    const count = await popup.$eval("#problem-count", (el) => el.textContent);
    const problems = await popup.$$eval("#problems li", (items) => items.map((li) => li.textContent));
    expect(count).toBe(problems.length === 1 ? "1 problem" : `${problems.length} problems`);
    expect(problems).toContainEqual(expect.stringMatching(/^The administrator's policy was not applied/));
    await popup.click("#details summary");
    expect(await popup.$eval("#problems-section", (el) => (el as HTMLElement).hidden)).toBe(false);
    expect(await axeViolations(popup)).toEqual([]);
  });
});
