import { defineAdapter } from "./adapter.js";
import { NameBook } from "./generic/customer-name.js";
import { findConversation, REPLY_BOX } from "./generic/find-conversation.js";
import { messageItems, newestMessageItems } from "./generic/message-items.js";
import { SpeakerModel } from "./generic/speaker-model.js";
import { isTypingIndicator, typingShown } from "./generic/typing.js";
import { readMessage } from "./message-text.js";

// The reader of last resort, and the one most chats are read with: it finds the conversation on a chat UI that no
// adapter describes (src/adapters/generic/), tells the two sides apart, and learns from what the page shows as it goes.
// One page has one chat UI: what it learns is kept for the page.

const model = new SpeakerModel();
const names = new NameBook();
/** Names read with each message, until its speaker is known. */
const pendingNames = new WeakMap<Element, string[]>();
let conversation: Element | undefined;

/** Which conversation the pane shows, where the markup says so. */
function conversationKeyOf(root: Document, transcript: Element): string {
  return (transcript.closest("[data-conversation-id]") ?? root.querySelector("[data-conversation-id]"))?.getAttribute("data-conversation-id") || "default";
}

/** The reply box nearest the conversation: in its own shadow root first, then in the page. */
function replyBox(doc: Document): Element | null {
  const root = conversation?.getRootNode();
  const near = root instanceof ShadowRoot ? root.querySelector(REPLY_BOX) : null;
  return near ?? doc.querySelector(REPLY_BOX);
}

export default defineAdapter({
  id: "generic",
  name: "Any chat UI (generic reader)",
  channel: "chat",
  guesses: true,
  matchesPage: () => true,
  findTranscript(root) {
    conversation = findConversation(root) ?? undefined;
    return conversation ?? null;
  },
  messages: messageItems,
  newestMessages: newestMessageItems,
  speaker(item, hints) {
    if (isTypingIndicator(item)) return undefined;
    const speaker = model.speaker(item, conversation ?? item.parentElement ?? item, hints);
    if (speaker === "customer" && conversation) names.note(conversationKeyOf(item.ownerDocument, conversation), pendingNames.get(item) ?? []);
    return speaker;
  },
  text(item) {
    const read = readMessage(item, names.labels);
    pendingNames.set(item, read.names);
    return read.text;
  },
  messageId(item) {
    return item.getAttribute("data-message-id") ?? item.getAttribute("data-id") ?? (item.id || undefined);
  },
  replyBox,
  customerTyping: (doc) => !!conversation?.isConnected && typingShown(conversation, replyBox(doc)),
  customerName: (doc) => names.customerName(doc, conversation, conversation ? conversationKeyOf(doc, conversation) : "default"),
  conversationKey: conversationKeyOf,
});
