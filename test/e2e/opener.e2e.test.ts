import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import type { TabStatus } from "../../src/shared/messages.js";
import { recordEvents } from "./event-recorder.js";
import { inExtension, readOverlay, tabIdOf, useHarness, waitFor, type Harness } from "./harness.js";

// In a real console the customer's first message is on the page before the agent looks: a chat is opened on it, or
// switched to with it waiting. That is the moment coaching exists for, so it is coached at once, and once.

const OPENER = "You charged me twice and this is the third time I'm writing about it!!!";
const ANSWER = "I'm so sorry, I understand how frustrating this is. Let me fix the double charge now.";

async function worksList(harness: Harness, page: Page): Promise<Array<{ key: string; list: string[] }>> {
  const tabId = await tabIdOf(harness, page);
  const status = (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as TabStatus;
  return status.conversations.map((c) => ({ key: c.key, list: c.list.map(({ event, rule, outcome }) => `${event}:${rule}:${outcome}`) }));
}

const rules = async (page: Page) => (await readOverlay(page)).map((card: { rule: string }) => card.rule);

describe("a chat opened with the customer waiting", () => {
  const harness = useHarness();

  it("coaches the customer's waiting message at once, and not again when the page is reloaded", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/append-chat.html?waiting=${encodeURIComponent(OPENER)}`);
    await waitFor(async () => (await rules(page)).includes("acknowledge-frustration"), "the opener's nudge on screen");
    // The answered exchange before it is context: the worker raised nothing on it.
    expect((await worksList(harness, page)).flatMap((c) => c.list)).toEqual(["2:acknowledge-frustration:open", "2:apologize-for-error:open"]);

    // The reloaded page's reading reaches the worker before the agent's answer, which decides the nudge's outcome: an
    // answer on the page before the reloaded content script has read it would be history, as on any page.
    const recorder = await recordEvents(harness);
    await page.reload();
    await waitFor(async () => (await recorder.events()).some((e) => e.history), "the reloaded page's history read");
    await page.evaluate((text) => (window as unknown as { addMessage(s: string, t: string): void }).addMessage("agent", text), ANSWER);
    await waitFor(async () => (await worksList(harness, page)).flatMap((c) => c.list).some((line) => line.endsWith(":followed")), "the answer taken in");
    expect((await worksList(harness, page)).flatMap((c) => c.list)).toEqual(["2:acknowledge-frustration:followed", "2:apologize-for-error:followed"]);
    expect(await rules(page)).not.toContain("acknowledge-frustration");
    await recorder.close();
    await page.close();
  });

  it("coaches a conversation switched to with its opener waiting, once however often the agent comes back to it", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/consoles/zendesk.html`);
    type Fixture = { fixture: { open(id: string, history?: string[][]): void; say(speaker: string, text: string): string } };
    await waitFor(async () => (await worksList(harness, page)).length === 1, "the first conversation read");
    /** The nudges of the conversations that have any: the first one's answered exchange raised none. */
    const coached = async () => (await worksList(harness, page)).filter((c) => c.list.length).map((c) => c.list);

    await page.evaluate((text) => (window as unknown as Fixture).fixture.open("conv-2", [["customer", "Hello?"], ["customer", text]]), OPENER);
    await waitFor(async () => (await rules(page)).includes("acknowledge-frustration"), "the waiting opener's nudge on screen");
    expect(await coached()).toEqual([["1:acknowledge-frustration:open", "1:apologize-for-error:open"]]);

    // Back to the first conversation and to the second again: nothing new is read, nothing raised again.
    await page.evaluate(() => (window as unknown as Fixture).fixture.open("conv-1"));
    await page.evaluate(() => (window as unknown as Fixture).fixture.open("conv-2"));
    await page.evaluate((text) => void (window as unknown as Fixture).fixture.say("agent", text), ANSWER);
    await waitFor(async () => (await coached()).flat().some((line) => line.endsWith(":followed")), "the agent's answer taken in");
    expect(await coached()).toEqual([["1:acknowledge-frustration:followed", "1:apologize-for-error:followed"]]);
    await page.close();
  });
});
