import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { clickOverlay, inExtension, readLocal, readOverlay, tabIdOf, useHarness, waitFor, waitUntilRead, type Harness } from "./harness.js";

type Fixture = Window & { fixture: { open(id: string, history?: unknown[]): void; say(speaker: string, text: string): string; ids(): string[] } };

const REPLY = "Thanks, James Carter — let's get this sorted.";

/**
 * Opens a new chat on the console's page, its customer saying hello: resolves once the worker holds it, so that what is
 * said from then on is the conversation going on, not history read as the chat came on screen.
 */
async function openChat(harness: Harness, page: Page, key: string): Promise<void> {
  await page.evaluate((id) => {
    const { fixture } = window as unknown as Fixture;
    fixture.open(id, []);
    fixture.say("customer", "Hello");
  }, key);
  const tabId = await tabIdOf(harness, page);
  await waitFor(async () => {
    const status = (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as { conversations: Array<{ key: string }> };
    return status.conversations.some((c) => c.key === key);
  }, `the worker to hold ${key}`);
}

const say = (page: Page, speaker: string, text: string) => page.evaluate((s, t) => (window as unknown as Fixture).fixture.say(s, t), speaker, text);

/**
 * A console fixture showing a chat with James Carter (the page's header says so), up to the agent's third turn: the
 * moment the use-name nudge is raised. Resolves with the page once that card is on screen.
 */
async function chatWithJames(harness: Harness, console: string, nameSelector: string): Promise<Page> {
  const page = await harness.browser.newPage();
  await page.goto(`${harness.origin}/fixtures/consoles/${console}.html`);
  await waitUntilRead(harness, page);
  await page.evaluate((selector) => (document.querySelector(selector)!.textContent = "James Carter"), nameSelector);
  await openChat(harness, page, "conv-james");
  for (const [speaker, text] of [
    ["customer", "Where is my desk?"],
    ["agent", "Hello, let me look into that."],
    ["customer", "Thanks."],
    ["agent", "I can see it in the warehouse."],
    ["customer", "ok"],
    ["agent", "It ships tomorrow."],
  ]) await say(page, speaker!, text!);
  const card = await waitFor(async () => (await readOverlay(page)).find((c) => c.rule === "use-name"), "the use-name nudge");
  // The name the page shows, never the pack's example name.
  expect(card.suggestion).toBe(`e.g. “${REPLY}”`);
  return page;
}

const used = async (harness: Harness) => (((await readLocal(harness)).stats ?? {}) as Record<string, { used?: number }>)["use-name"]?.used ?? 0;

describe("Insert", () => {
  const harness = useHarness();

  it("puts the suggested reply, with the customer's name from the page, into a textarea at the caret; nothing is sent", async () => {
    const page = await chatWithJames(harness, "livechat", "[data-testid='customer-name']");
    const box = "textarea[data-testid='message-box']";
    await page.click(box);
    await page.keyboard.type("Hi! ");
    const messages = await page.evaluate(() => (window as unknown as Fixture).fixture.ids().length);
    await clickOverlay(page, "insert");
    await waitFor(() => page.$eval(box, (el) => (el as HTMLTextAreaElement).value !== "Hi! "), "the reply in the box");
    expect(await page.$eval(box, (el) => (el as HTMLTextAreaElement).value)).toBe(`Hi! ${REPLY}`);
    // The agent goes on typing where they were: the reply box kept focus, the caret after the reply.
    expect(await page.$eval(box, (el) => [el === document.activeElement, (el as HTMLTextAreaElement).selectionStart])).toEqual([true, `Hi! ${REPLY}`.length]);
    await waitFor(async () => (await used(harness)) === 1, "used = 1 in the stats");
    expect(await page.evaluate(() => (window as unknown as Fixture).fixture.ids().length)).toBe(messages);
  });

  it("puts it into a contenteditable reply box, by a click or by the shortcut's message", async () => {
    const page = await chatWithJames(harness, "intercom", ".conversation__header .user-name");
    const box = ".inbox__conversation-composer [contenteditable]";
    const text = () => page.$eval(box, (el) => el.textContent);
    const messages = await page.evaluate(() => (window as unknown as Fixture).fixture.ids().length);
    await clickOverlay(page, "insert");
    await waitFor(async () => (await text()) === REPLY, "the reply in the box");
    expect(await page.$eval(box, (el) => el === document.activeElement)).toBe(true);
    await waitFor(async () => (await used(harness)) === 1, "used = 1 in the stats");

    // Alt+Shift+I reaches the tab from the worker as this message (the browser's shortcut itself cannot be pressed here).
    const tabId = await tabIdOf(harness, page);
    await inExtension(harness, (chrome, id) => chrome.tabs.sendMessage(id, { type: "insert-suggestion" }), tabId);
    await waitFor(async () => (await text()) === REPLY + REPLY, "the reply inserted again, after the first");
    // The same nudge used again is one nudge used, as the popup and the scorecard count it. The dismiss shortcut, sent
    // after, is counted once the worker has had the insertion's report.
    await inExtension(harness, (chrome, id) => chrome.tabs.sendMessage(id, { type: "dismiss-nudge" }), tabId);
    const dismissed = async () => (((await readLocal(harness)).stats ?? {}) as Record<string, { dismissed?: number }>)["use-name"]?.dismissed ?? 0;
    await waitFor(async () => (await dismissed()) === 1, "the card dismissed");
    expect(await used(harness)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as Fixture).fixture.ids().length)).toBe(messages);
  });

  it("shows the words that raised a nudge, and keeps them in no storage", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/consoles/livechat.html`);
    await waitUntilRead(harness, page);
    await openChat(harness, page, "conv-angry");
    await say(page, "customer", "This is the third time I'm writing, I'm really fed up!!!");
    const card = await waitFor(async () => (await readOverlay(page)).find((c) => c.rule === "acknowledge-frustration"), "the frustration nudge");
    expect(card.because).toBe("because: third time, fed up, !!!");
    // The words went to the card only: once the page has the delivery, neither session nor local storage holds them.
    const stored = async () => JSON.stringify([await inExtension(harness, (chrome) => chrome.storage.session.get(null), null), await readLocal(harness)]);
    await waitFor(async () => !(await stored()).includes("fed up"), "the delivery to leave the outbox");
    expect(await stored()).not.toMatch(/third time|fed up/);
  });
});
