import { defineAdapter } from "./adapter.js";
import { isShown } from "./deep-query.js";
import { inferSpeaker } from "../content/speaker.js";
import { messageText } from "../content/message-text.js";

/**
 * Live regions are how accessible chat widgets announce new messages, so most consoles have one; chat UI kits without
 * one name their list of messages so.
 */
const TRANSCRIPT_SELECTOR = [
  "[role='log']", "[aria-live='polite']", "[aria-live='assertive']",
  "[class*='message-list']", "[class*='messageList']", "[class*='message_list']", "[class*='chat-messages']",
].join(",");

/** How chat widgets show that the other side is typing. */
const TYPING_SELECTOR = "[class*='typing-indicator'], [class*='typingIndicator'], [class*='is-typing']";

/** Where a live region wraps its messages in one inner list, the messages are that list's children. */
function messageParent(container: Element): Element {
  let parent = container;
  while (parent.children.length === 1 && parent.firstElementChild && parent.firstElementChild.children.length > 0) {
    parent = parent.firstElementChild;
  }
  return parent;
}

/** The items that may be messages; those whose speaker cannot be told (notices, dividers) are skipped by the reader. */
function messageItems(container: Element): Element[] {
  return [...messageParent(container).children];
}

const countMessages = (container: Element) => messageItems(container).filter((item) => inferSpeaker(item) !== undefined).length;

export default defineAdapter({
  id: "generic",
  name: "Any chat with a live region (generic reader)",
  channel: "chat",
  matchesPage: () => true,
  findTranscript(root) {
    let best: Element | null = null;
    let bestCount = 0;
    for (const candidate of root.querySelectorAll(TRANSCRIPT_SELECTOR)) {
      const count = countMessages(candidate);
      if (count > bestCount) [best, bestCount] = [candidate, count];
    }
    // A chat log with no message yet is still the transcript: its first message must be read live, not as history.
    return best ?? root.querySelector("[role='log']");
  },
  messages: messageItems,
  speaker: inferSpeaker,
  text: messageText,
  messageId(item) {
    return item.getAttribute("data-message-id") ?? item.getAttribute("data-id") ?? (item.id || undefined);
  },
  // Kits keep an empty container for the indicator: only one with something in it counts.
  customerTyping: (root) =>
    [...root.querySelectorAll(TYPING_SELECTOR)].some((el) => el.childElementCount > 0 && isShown(el)),
  conversationKey: (root, transcript) =>
    (transcript.closest("[data-conversation-id]") ?? root.querySelector("[data-conversation-id]"))?.getAttribute("data-conversation-id") || "default",
});
