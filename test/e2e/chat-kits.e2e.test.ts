import { beforeAll, describe, expect, it } from "vitest";
import { buildKits, kitIds, kitPath } from "../../scripts/lib/build-kits.mjs";
import { CUSTOMER_NAME, OPENING } from "../fixtures/kits/kit-page.js";
import { recordEvents, type Received } from "./event-recorder.js";
import type { TabStatus } from "../../src/shared/messages.js";
import { collectErrors, inExtension, readOverlay, skipInFirefox, tabIdOf, useHarness, waitFor, waitUntilLooked } from "./harness.js";
import { openKit, reply } from "./kit-driver.js";

// Chats built with real UI kits from npm (test/fixtures/kits/), read with no setup at all: the generic reader has to
// find each conversation, tell the agent's messages from the customer's and read only what was written.

const FRUSTRATED = "This is ridiculous, it's the second month in a row!";
const REPLY = "I'm really sorry about that, let me look into it right now.";
const FOLLOW_UP = "Ok. Can you refund the second charge today?";

const turnLine = (e: Received) => `${e.history ? "history " : ""}${e.speaker}: ${e.text}`;

describe.each(kitIds())("a chat built with %s, read with no setup", (kitId) => {
  const harness = useHarness();
  beforeAll(buildKits);
  const url = (query = "") => `${harness.origin}${kitPath(kitId)}${query}`;

  async function reading() {
    const recorder = await recordEvents(harness);
    await recorder.clear();
    const events = async () => (await recorder.events()).filter((e) => e.adapter === "generic");
    const turns = async () => (await events()).filter((e) => e.type === "turn").map(turnLine);
    /** Waits for as many turns as expected, then compares them: a miss shows what was read instead. */
    const expectTurns = async (expected: string[]) => {
      await waitFor(async () => (await turns()).length >= expected.length, `${expected.length} turns`).catch(() => undefined);
      expect(await turns()).toEqual(expected);
    };
    return { recorder, events, turns, expectTurns };
  }

  it("reads the history, the customer's messages and typing, and the agent's reply, each once with its speaker", async () => {
    const { recorder, events, expectTurns } = await reading();
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    const kit = await openKit(page, url());

    const history = OPENING.map(({ speaker, text }) => `history ${speaker}: ${text}`);
    await expectTurns(history);

    const typing = await page.evaluate(() => !!window.chat!.typing);
    if (typing) {
      await page.evaluate(() => window.chat!.typing!(true));
      await waitFor(async () => (await events()).some((e) => e.type === "typing" && e.until === undefined), "typing started");
      await page.evaluate(() => window.chat!.typing!(false));
      await waitFor(async () => (await events()).some((e) => e.type === "typing" && e.until !== undefined), "typing ended");
    }

    await page.evaluate((text) => window.chat!.receive(text), FRUSTRATED);
    await expectTurns([...history, `customer: ${FRUSTRATED}`]);
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "acknowledge-frustration"), "the frustration nudge");

    await reply(page, kit, REPLY);
    await expectTurns([...history, `customer: ${FRUSTRATED}`, `agent: ${REPLY}`]);
    await page.evaluate((text) => window.chat!.receive(text), FOLLOW_UP);
    await expectTurns([...history, `customer: ${FRUSTRATED}`, `agent: ${REPLY}`, `customer: ${FOLLOW_UP}`]);
    expect((await events()).at(-1)?.customerName).toBe(CUSTOMER_NAME);
    expect(errors).toEqual([]);
    await recorder.close();
  });

  it("coaches the customer's message waiting when the chat is opened, at once; the card goes with the agent's answer, counted once as shown", async (context) => {
    skipInFirefox(context, "the waiting message's card is checked on each kit by card-layout.e2e; the suite's time");
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    const kit = await openKit(page, url("?start=waiting"));
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "acknowledge-frustration"), "the waiting message's nudge");
    const tabId = await tabIdOf(harness, page);
    const status = async () => (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as TabStatus;
    const nudges = async () => (await status()).conversations.flatMap((c) => c.list);
    expect((await nudges()).map(({ event, rule }) => `${event}:${rule}`)).toContain("2:acknowledge-frustration");
    expect((await nudges()).every((nudge) => nudge.event === 2)).toBe(true);
    // The agent answers without acknowledging: the card goes with its moment, and the popup counts the one card seen.
    await reply(page, kit, "Let me check the account.");
    await waitFor(async () => (await nudges()).every((nudge) => nudge.outcome !== "open"), "the answer taken in");
    await waitFor(async () => !(await readOverlay(page)).length, "no card left");
    expect((await nudges()).filter((nudge) => nudge.shown)).toHaveLength(1);
    expect((await status()).conversations.reduce((sum, c) => sum + c.nudges.shown, 0)).toBe(1);
    expect(errors).toEqual([]);
  });

  it("reads a chat that starts empty: its first message is coached, not taken as history", async () => {
    const { recorder, expectTurns } = await reading();
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    const kit = await openKit(page, url("?start=empty"));
    // A message already there when the content script first looks is history, as in any chat opened part-way: the
    // customer writes once the script has seen the empty chat (what the popup asks, it answers).
    await waitUntilLooked(harness, page);
    await page.evaluate((text) => window.chat!.receive(text), FRUSTRATED);
    await expectTurns([`customer: ${FRUSTRATED}`]);
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "acknowledge-frustration"), "the frustration nudge");
    await reply(page, kit, REPLY);
    await expectTurns([`customer: ${FRUSTRATED}`, `agent: ${REPLY}`]);
    expect(errors).toEqual([]);
    await recorder.close();
  });
});
