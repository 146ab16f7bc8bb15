import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { recordEvents, type Received } from "./event-recorder.js";
import { collectErrors, readOverlay, useHarness, waitFor, type Harness } from "./harness.js";

/**
 * Each built-in console's fixture, and where its reply box is (puppeteer's "pierce/" reaches into shadow roots). A
 * console whose markup names a conversation only by its customer (Twilio Flex) is keyed by that name.
 */
const CHAT_CONSOLES: Array<{ id: string; replyBox: string; frame?: string; keys?: Record<string, string> }> = [
  { id: "zendesk", replyBox: "[data-test-id='omnicomposer-rich-text-ckeditor']" },
  { id: "intercom", replyBox: ".inbox__conversation-composer [contenteditable]" },
  { id: "salesforce", replyBox: "pierce/textarea.slds-textarea" },
  { id: "freshdesk", replyBox: ".fc-reply-editor [contenteditable]", frame: "#freshchat" },
  { id: "hubspot", replyBox: "[data-test-id='composer-editor'] [contenteditable]" },
  { id: "livechat", replyBox: "textarea[data-testid='message-box']" },
  { id: "front", replyBox: ".composer [contenteditable]" },
  { id: "helpscout", replyBox: ".c-reply-editor [contenteditable]" },
  { id: "twilio-flex", replyBox: ".Twilio-MessageInputArea-TextArea textarea", keys: { "conv-1": "Maria Rossi", "conv-2": "Luca Bianchi" } },
];

/**
 * Where the fixture's driver lives: the page, or (Freshdesk) the chat frame inside it, reached through the page's own
 * DOM (same origin) so that it works alike over the DevTools protocol and WebDriver BiDi.
 */
interface Fixture {
  page: Page;
  frame?: string | undefined;
}

const call = ({ page, frame }: Fixture, method: string, ...args: unknown[]) =>
  page.evaluate((m, a, inFrame) => {
    const w = (inFrame ? (document.querySelector(inFrame) as HTMLIFrameElement).contentWindow : window) as unknown as { fixture: Record<string, (...x: unknown[]) => unknown> };
    return w.fixture[m]!(...a);
  }, method, args, frame ?? null);

/** Types into the console's reply box as the agent would. */
async function typeReply({ page, frame }: Fixture, selector: string, text: string): Promise<void> {
  if (!frame) {
    const box = await page.waitForSelector(selector);
    await box!.click();
    await box!.type(text, { delay: 20 });
    return;
  }
  await page.evaluate((inFrame, s) => {
    const doc = (document.querySelector(inFrame) as HTMLIFrameElement).contentDocument!;
    (doc.querySelector(s) as HTMLElement).focus();
  }, frame, selector);
  await page.keyboard.type(text, { delay: 20 });
}

async function openFixture(harness: Harness, file: string, frame?: string): Promise<{ page: Page; f: Fixture; errors: string[] }> {
  const page = await harness.browser.newPage();
  const errors = collectErrors(page);
  await page.goto(`${harness.origin}/fixtures/consoles/${file}.html`);
  const f = { page, frame };
  if (frame) await waitFor(() => page.evaluate((inFrame) => !!(document.querySelector(inFrame) as HTMLIFrameElement).contentWindow && "fixture" in (document.querySelector(inFrame) as HTMLIFrameElement).contentWindow!, frame), "the console's frame");
  return { page, f, errors };
}

const turns = (events: Received[]) => events.filter((e) => e.type === "turn");
const brief = (e: Received, keys: Record<string, string> = {}) => {
  const key = Object.entries(keys).find(([, shown]) => shown === e.key)?.[0] ?? e.key;
  return `${e.history ? "history " : ""}${key} ${e.speaker}: ${e.text}`;
};

describe("built-in console adapters (fixtures)", () => {
  const harness = useHarness();

  for (const console_ of CHAT_CONSOLES) {
    it(`${console_.id}: history, turns, speakers, typing, drafts, edits, re-renders, virtualisation, older history and switching`, async () => {
      const recorder = await recordEvents(harness);
      await recorder.clear();
      const { page, f, errors } = await openFixture(harness, console_.id, console_.frame);
      const seen = async () => (await recorder.events()).filter((e) => e.adapter === console_.id);

      // History on the page is read as context, with the console's conversation id and the customer's name.
      await waitFor(async () => turns(await seen()).length === 2, "the two messages already on the page");
      expect(turns(await seen()).map((e) => brief(e, console_.keys))).toEqual([
        "history conv-1 customer: Hi, my order 4411 still hasn't arrived.",
        "history conv-1 agent: Hello! Let me check that for you.",
      ]);
      expect((await seen())[0]!.customerName).toBe("Maria Rossi");

      // The customer types, then writes.
      await call(f, "typing", true);
      await waitFor(async () => (await seen()).some((e) => e.type === "typing" && e.until === undefined), "typing started");
      await call(f, "typing", false);
      await waitFor(async () => (await seen()).some((e) => e.type === "typing" && e.until !== undefined), "typing ended");
      await call(f, "say", "customer", "This is the third time I'm asking, I'm really fed up.");
      await waitFor(async () => turns(await seen()).length === 3, "the customer's new message");

      // The agent drafts a reply (debounced: one draft for a burst of keys), then sends it.
      await typeReply(f, console_.replyBox, "I'm so sorry");
      await waitFor(async () => (await seen()).some((e) => e.type === "draft" && e.text === "I'm so sorry"), "the draft");
      // Debounced: drafts as the typing pauses, not one per key (a busy machine may pause it midway), the last one whole.
      const drafts = (await seen()).filter((e) => e.type === "draft").map((e) => e.text!);
      expect(drafts.length).toBeLessThan("I'm so sorry".length);
      for (const draft of drafts) expect("I'm so sorry".startsWith(draft), draft).toBe(true);
      expect(drafts.at(-1)).toBe("I'm so sorry");
      const sent = (await call(f, "say", "agent", "I'm so sorry, I understand how frustrating this is.")) as string;
      await waitFor(async () => turns(await seen()).length === 4, "the agent's reply");
      expect(turns(await seen()).slice(2).map((e) => brief(e, console_.keys))).toEqual([
        "conv-1 customer: This is the third time I'm asking, I'm really fed up.",
        "conv-1 agent: I'm so sorry, I understand how frustrating this is.",
      ]);

      // An edit, a full re-render, virtualised scrolling and older history add no turn.
      await call(f, "edit", sent, "I'm so sorry, I understand how frustrating this must be.");
      await call(f, "rerender");
      await call(f, "showRows", 0, 2);
      await call(f, "showRows", 1, 4);
      await call(f, "showAll");
      await call(f, "loadOlder", [["customer", "Hello?"], ["agent", "Hi, how can I help?"]]);
      // A conversation's events arrive in order: once the next message is in, anything all that raised would be too.
      await call(f, "say", "customer", "Thanks, I appreciate it.");
      await waitFor(async () => turns(await seen()).some((e) => e.text === "Thanks, I appreciate it."), "the next message after all that");
      expect(turns(await seen()).slice(4).map((e) => brief(e, console_.keys))).toEqual(["conv-1 customer: Thanks, I appreciate it."]);

      // Another conversation in the same tab is its own state (its customer writing twice in a row); coming back
      // resumes the first.
      await call(f, "open", "conv-2", [["customer", "Hi again."], ["customer", "I need to change my delivery address."]]);
      await call(f, "say", "agent", "Sure, what is the new address?");
      await waitFor(async () => turns(await seen()).length === 8, "the second conversation");
      await call(f, "open", "conv-1");
      await call(f, "say", "customer", "Are you still there?");
      // Coming back is read before the customer's next message, on the same conversation's events: any turn it added
      // would come first.
      await waitFor(async () => turns(await seen()).some((e) => e.text === "Are you still there?"), "back in the first conversation");
      expect(turns(await seen()).slice(5).map((e) => brief(e, console_.keys))).toEqual([
        "history conv-2 customer: Hi again.",
        "history conv-2 customer: I need to change my delivery address.",
        "conv-2 agent: Sure, what is the new address?",
        "conv-1 customer: Are you still there?",
      ]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it("genesys: a live call transcript becomes turns when final, with times from the page", async () => {
    const recorder = await recordEvents(harness);
    await recorder.clear();
    const { page, f, errors } = await openFixture(harness, "genesys");
    const seen = async () => turns((await recorder.events()).filter((e) => e.adapter === "genesys"));
    await waitFor(async () => (await seen()).length === 2, "the call's history");
    expect((await seen())[0]).toMatchObject({ channel: "call", key: "call-1", history: true });

    // Partial words are not turns; the final line is one turn, with the recogniser's correction, timed by the page.
    await call(f, "speak", "customer", "I have been waiting for forty minutes and nobody helps me", { stepMs: 80, correct: "my" });
    await waitFor(async () => (await seen()).length === 3, "the customer's final line");
    const customer = (await seen())[2]!;
    expect(customer.text).toBe("I have been waiting for forty minutes and nobody helps me");
    expect(customer.end! - customer.at).toBeGreaterThan(0.5);

    // A line the console never marks final becomes a turn when the other side speaks.
    const agentLine = "okay so what you need to do is go to settings then billing then click on the update card button and then confirm";
    await call(f, "speak", "agent", agentLine, { stepMs: 15, final: false });
    await call(f, "speak", "customer", "wait", { stepMs: 10 });
    await waitFor(async () => (await seen()).length === 5, "the agent's line and the customer's");
    // 23 words in well under two seconds: far over 170 words a minute.
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "slow-down"), "the slow-down nudge");
    // Nothing more came of those lines: the next one is the next turn.
    await call(f, "speak", "agent", "sorry, go on", { stepMs: 10 });
    await waitFor(async () => (await seen()).length >= 6, "the agent's next line");
    expect((await seen()).slice(3).map((e) => `${e.speaker}: ${e.text}`)).toEqual([`agent: ${agentLine}`, "customer: wait", "agent: sorry, go on"]);
    expect(errors).toEqual([]);
  });
});
