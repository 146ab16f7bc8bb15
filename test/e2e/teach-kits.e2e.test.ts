import type { Page } from "puppeteer-core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildKits, kitIds, kitPath } from "../../scripts/lib/build-kits.mjs";
import { OPENING } from "../fixtures/kits/kit-page.js";
import { recordEvents, type Received } from "./event-recorder.js";
import { looksGenerated } from "../../src/teach/stable-selector.js";
import { collectErrors, inExtension, openPopup, readingStatusOf, readOverlay, useHarness, waitFor, waitUntilLooked } from "./harness.js";
import { openKit, send, typeReply } from "./kit-driver.js";
import { clickPart, pickerPart, startTeaching } from "./picker-parts.js";

// Each chat UI kit page (test/fixtures/kits/) taught by clicks alone, through the real picker, as an agent would teach
// it: then read by what was taught, on this deploy and the next one (?build=2: new generated class names).

const FRUSTRATED = "This is ridiculous, it's the second month in a row!";
const REPLY = "I'm really sorry about that, let me look into it right now.";
const FOLLOW_UP = "Ok. Can you refund the second charge today?";
const TAUGHT = "taught-127-0-0-1";

/**
 * Where an agent would click for the conversation pane (puppeteer's selector syntax, " >>> " into shadow roots): only
 * for the test to know where to point the mouse, not given to the picker.
 */
const PANES: Record<string, string> = {
  chatscope: ".cs-message-list",
  chatui: ".MessageContainer",
  "deep-chat": "deep-chat >>> #messages",
  minchat: "div:has(> [data-testid='incoming-message'])",
  // Paste tells inbound from outbound only by emotion classes (new on every build) and where they are drawn.
  "twilio-paste": "[data-paste-element='CHAT_LOG']",
  "vue-advanced-chat": "vue-advanced-chat >>> #messages-list",
};

/** The preview as the picker shows it: the opening conversation, labelled You / Customer. */
const PREVIEW = OPENING.map(({ speaker, text }) => `${speaker === "agent" ? "You" : "Customer"} ${text}`).join(" ");

const turnLine = (e: Received) => `${e.history ? "history " : ""}${e.speaker}: ${e.text}`;

/** Where an element is drawn, once it is. */
const box = (page: Page, selector: string) => waitFor(async () => (await (await page.$(selector))?.boundingBox()) ?? undefined, selector);

/** A click where an agent would click on an element: its middle. */
async function clickMiddle(page: Page, selector: string): Promise<void> {
  const { x, y, width, height } = await box(page, selector);
  await page.mouse.click(x + width / 2, y + height / 2);
}

/** A click on the pane's empty space: below its last message, above its bottom edge and the fold. */
async function clickPaneSpace(page: Page, pane: string, lastMessage: string): Promise<void> {
  const paneBox = await box(page, pane);
  const last = await box(page, lastMessage);
  const bottom = Math.min(paneBox.y + paneBox.height, page.viewport()?.height ?? Infinity);
  await page.mouse.click(paneBox.x + paneBox.width / 2, (last.y + last.height + bottom) / 2);
}

describe.each(kitIds())("a chat built with %s, taught by clicks", (kitId) => {
  const harness = useHarness();
  beforeAll(buildKits);
  const url = (query = "") => `${harness.origin}${kitPath(kitId)}${query}`;
  const pane = PANES[kitId];

  it("is taught through the picker and read on the next deploy", async () => {
    if (!pane) throw new Error(`Where an agent would click for ${kitId}'s pane is not known: add the kit to PANES`);
    const recorder = await recordEvents(harness);
    await recorder.clear();
    const taught = async () => (await recorder.events()).filter((e) => e.adapter === TAUGHT);
    const turns = async () => (await taught()).filter((e) => e.type === "turn").map(turnLine);
    const page = await harness.browser.newPage();
    const expectTurns = async (expected: string[]) => {
      await waitFor(async () => (await turns()).length >= expected.length, `${expected.length} turns read the taught way`).catch(() => undefined);
      // Wrong, what the reader last read says where it went wrong: the page read otherwise, or read but not sent.
      const read = await readingStatusOf(harness, page);
      expect(await turns(), `the page's reader: ${JSON.stringify(read)}; every event: ${JSON.stringify(await recorder.events())}`).toEqual(expected);
    };
    const errors = collectErrors(page);
    const kit = await openKit(page, url());

    const popup = await openPopup(harness.browser, page);
    await startTeaching(popup);
    await waitFor(() => pickerPart(page, "cancel"), "the picker");
    const [customerLine, agentLine] = OPENING.map(({ text }) => `::-p-text(${text})`) as [string, string];
    await clickPaneSpace(page, pane, agentLine);
    await clickMiddle(page, agentLine);
    await clickMiddle(page, customerLine);
    await clickMiddle(page, kit.replyBox);
    const preview = await waitFor(async () => (await pickerPart(page, "preview")) ?? (await pickerPart(page, "problem")), "what the picker reads");
    expect(preview.text).toBe(PREVIEW);
    await clickPart(page, "save");
    const saved = await waitFor(() => pickerPart(page, "saved"), "saved");
    expect(saved.text).toBe("Saved. Attune now reads this site.");
    await clickPart(page, "close");
    // No class in what was saved is a generated one: the next deploy would rename it.
    const [site] = (await inExtension(harness, (chrome) => chrome.runtime.sendMessage({ type: "list-taught-sites" }), null)) as Array<{ spec: Record<string, unknown> }>;
    const selectors = ["transcript", "message", "agent", "customer", "replyBox"].map((field) => site!.spec[field]).filter((value): value is string => typeof value === "string");
    const classes = selectors.flatMap((selector) => [...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((match) => match[1]!));
    expect(classes.filter(looksGenerated), selectors.join(" | ")).toEqual([]);

    // The page is read the taught way from then on: the history, a customer's frustration (nudged), the agent's reply.
    const history = OPENING.map(({ speaker, text }) => `history ${speaker}: ${text}`);
    await expectTurns(history);
    await page.evaluate((text) => window.chat!.receive(text), FRUSTRATED);
    await expectTurns([...history, `customer: ${FRUSTRATED}`]);
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "acknowledge-frustration"), "the frustration nudge");
    await typeReply(page, kit, REPLY);
    await waitFor(async () => (await taught()).some((e) => e.type === "draft" && e.text === REPLY), "a draft from the taught reply box");
    await send(page, kit);
    await expectTurns([...history, `customer: ${FRUSTRATED}`, `agent: ${REPLY}`]);

    // The next deploy, with new generated class names: what was taught still reads it.
    await recorder.clear();
    await page.goto(url("?build=2"));
    await page.waitForFunction(() => !!window.chat);
    await expectTurns(history);
    await page.evaluate((text) => window.chat!.receive(text), FOLLOW_UP);
    await expectTurns([...history, `customer: ${FOLLOW_UP}`]);

    // A chat that starts empty: the taught pane is read once messages appear in it, its first message live (written
    // once the content script has looked at the empty page, as in chat-kits.e2e).
    await recorder.clear();
    await page.goto(url("?start=empty"));
    await page.waitForFunction(() => !!window.chat);
    await waitUntilLooked(harness, page);
    await page.evaluate((text) => window.chat!.receive(text), FRUSTRATED);
    await expectTurns([`customer: ${FRUSTRATED}`]);
    await page.evaluate((text) => window.chat!.receive(text), FOLLOW_UP);
    await expectTurns([`customer: ${FRUSTRATED}`, `customer: ${FOLLOW_UP}`]);
    expect(errors).toEqual([]);
    await recorder.close();
  });
});
