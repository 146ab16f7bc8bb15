import { describe, expect, it } from "vitest";
import { recordEvents } from "./event-recorder.js";
import type { TabStatus } from "../../src/shared/messages.js";
import { collectErrors, inExtension, readOverlay, tabIdOf, useHarness, waitFor } from "./harness.js";

describe("the demo console", () => {
  const harness = useHarness();

  it("shows the frustration nudge in the overlay, then confirms it when the agent acknowledges", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    const shown = await waitFor(async () => {
      const cards = await readOverlay(page);
      return cards.find((card) => card.rule === "acknowledge-frustration");
    }, "the acknowledge-frustration nudge");
    expect(shown.message).toMatch(/acknowledge/i);
    expect(shown.suggestion.length).toBeGreaterThan(0);
    expect(shown.outcome).toBe("open");

    const followed = await waitFor(async () => {
      const cards = await readOverlay(page);
      return cards.find((card) => card.rule === "acknowledge-frustration" && card.outcome === "followed");
    }, "the nudge to be marked as followed");
    // The card thanks the agent (a check mark and "Done" in its top line) and keeps its headline.
    expect(followed.message).toBe(shown.message);
    expect(errors).toEqual([]);
  });

  it("opens the second chat in the queue: coached on its own from its first message, and the first resumes as it was", async () => {
    const recorder = await recordEvents(harness);
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    const turns = async (chat: string) =>
      (await recorder.events()).filter((e) => e.type === "turn" && e.key === chat).map((e) => `${e.history ? "history " : ""}${e.speaker}: ${e.text}`);
    // Clicked where it is found: the queue is drawn again as messages come, and a handle to a button drawn over is stale.
    const openChat = (id: string) => page.$eval(`button[data-conversation-id='${id}']`, (button) => (button as HTMLButtonElement).click());
    await waitFor(async () => (await turns("chat-55120")).length >= 2, "the first chat going on");

    await openChat("chat-55187");
    expect(await page.$eval(".customer-name", (el) => el.textContent)).toBe("Tom Berg");
    const opener = "customer: You charged me twice for my desk and this is the third time I'm writing!!!";
    await waitFor(async () => (await turns("chat-55187")).includes(opener), "the second chat's first message");
    // The worker raised it on the second chat's opener, and a card for it is on screen.
    const tabId = await tabIdOf(harness, page);
    const nudgesOf = async (chat: string) => {
      const status = (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as TabStatus;
      return status.conversations.find((c) => c.key === chat)?.list.map(({ rule, event }) => `${event}:${rule}`) ?? [];
    };
    await waitFor(async () => (await nudgesOf("chat-55187")).includes("0:acknowledge-frustration"), "the second chat's opener coached");
    // Its card is on screen until the demo's agent answers (then its moment has passed): on a busy machine, the answer
    // may come before a look at the screen does.
    const answered = async () => {
      const status = (await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId)) as TabStatus;
      return status.conversations.find((c) => c.key === "chat-55187")?.list.some((n) => n.rule === "acknowledge-frustration" && n.outcome !== "open");
    };
    await waitFor(async () => (await readOverlay(page)).some((c) => c.rule === "acknowledge-frustration") || (await answered()), "its card, or its moment passed");
    expect((await turns("chat-55187"))[0]).toBe(opener);
    expect(new Set((await recorder.events()).filter((e) => e.key === "chat-55187").map((e) => e.customerName))).toEqual(new Set(["Tom Berg"]));

    // Back to the first chat: what it said meanwhile is there, and nothing it said before is taken again.
    const before = await turns("chat-55120");
    await openChat("chat-55120");
    await page.waitForFunction(() => document.querySelector(".customer-name")?.textContent === "Maria Rossi");
    await page.waitForSelector("body[data-demo-done]");
    const after = await turns("chat-55120");
    expect(after.slice(0, before.length)).toEqual(before);
    // Its six messages, each once.
    expect(new Set(after.map((t) => t.replace(/^history /, ""))).size, after.join("\n")).toBe(6);
    expect(after).toHaveLength(6);
    expect(errors).toEqual([]);
    await recorder.close();
  });

  it("keeps the reply box focused while nudges come and go", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    await page.focus("#reply-box");
    await page.keyboard.type("Let me check");
    await waitFor(async () => (await readOverlay(page)).length > 0, "a nudge");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("reply-box");
    await page.keyboard.type(" that for you.");
    expect(await page.$eval("#reply-box", (box) => (box as HTMLTextAreaElement).value)).toBe("Let me check that for you.");
  });
});
