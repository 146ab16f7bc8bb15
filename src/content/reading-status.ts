import browser, { type Runtime } from "../shared/injected-api.js";
import type { ReadingStatus } from "../shared/messages.js";
import { READING_STATUS } from "../shared/ports.js";

/** Longer messages are cut: the popup shows enough of each to recognise it. */
const SHOWN_CHARACTERS = 300;

/**
 * Answers the popup's question "what are you reading here?" with the reader in use and the last messages read, so the
 * agent can see at a glance that it is the right conversation, with the sides the right way round. Only the
 * extension's own pages may ask: the answer holds the customer's words.
 */
export function answerReadingStatus(status: () => ReadingStatus): void {
  // Answered with sendResponse, which both browsers take from a content script (Chrome's promise answers are recent).
  browser.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (answer: unknown) => void) => {
    const fromOurPage = sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL(""));
    if (!fromOurPage || (message as { type?: unknown } | null)?.type !== READING_STATUS) return undefined;
    const answer = status();
    sendResponse({ ...answer, messages: answer.messages.map((m) => ({ ...m, text: m.text.slice(0, SHOWN_CHARACTERS) })) });
    return undefined;
  }) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}
