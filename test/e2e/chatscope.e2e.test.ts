import { beforeAll, describe, expect, it } from "vitest";
import { buildChatscopeFixture } from "../../scripts/lib/build-chatscope.mjs";
import { recordEvents } from "./event-recorder.js";
import { collectErrors, readOverlay, useHarness, waitFor } from "./harness.js";

type Chat = { chat: { receive(text: string): void; typing(on: boolean): void } };

describe("a chat built with @chatscope/chat-ui-kit-react", () => {
  const harness = useHarness();
  beforeAll(buildChatscopeFixture);

  it("is read by the generic reader: history, typing, drafts, the agent's sent reply and the customer's messages", async () => {
    const recorder = await recordEvents(harness);
    await recorder.clear();
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${harness.origin}/fixtures/chatscope/index.html`);
    const seen = async () => (await recorder.events()).filter((e) => e.adapter === "generic");
    const turns = async () => (await seen()).filter((e) => e.type === "turn").map((e) => `${e.history ? "history " : ""}${e.speaker}: ${e.text}`);

    await waitFor(async () => (await turns()).length === 2, "the chat's first two messages");
    expect(await turns()).toEqual(["history customer: Hi, I was charged twice for my subscription.", "history agent: Hello Sam, thanks for reaching out."]);

    await page.evaluate(() => (window as unknown as Chat).chat.typing(true));
    await waitFor(async () => (await seen()).some((e) => e.type === "typing" && e.until === undefined), "typing started");
    await page.evaluate(() => (window as unknown as Chat).chat.typing(false));
    await page.evaluate(() => (window as unknown as Chat).chat.receive("This is ridiculous, it's the second month in a row!"));
    await waitFor(async () => (await turns()).length === 3, "the customer's message");
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "acknowledge-frustration"), "the frustration nudge");

    // The kit's own input: typing makes drafts, Enter sends, and the sent reply is read from the list.
    await page.click(".cs-message-input__content-editor");
    await page.keyboard.type("I'm really sorry about that", { delay: 15 });
    await waitFor(async () => (await seen()).some((e) => e.type === "draft" && e.text === "I'm really sorry about that"), "the draft");
    await page.keyboard.press("Enter");
    await waitFor(async () => (await turns()).length === 4, "the agent's reply");
    expect((await turns())[3]).toBe("agent: I'm really sorry about that");
    expect((await seen()).some((e) => e.type === "typing" && e.until !== undefined)).toBe(true);
    expect(errors).toEqual([]);
  });
});
