import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/** LiveChat agent app: the chat feed, each message carrying its author's type. */
export default defineAdapter(selectorAdapter({
  id: "livechat",
  name: "LiveChat",
  channel: "chat",
  hosts: ["my.livechatinc.com"],
  transcript: "[data-testid='chat-feed']",
  message: "[data-testid='chat-feed-item']",
  agent: "[data-author-type='agent']",
  customer: "[data-author-type='customer']",
  text: ".lc-message-bubble__text",
  messageId: "data-event-id",
  conversation: { selector: "[data-chat-id]", attribute: "data-chat-id" },
  replyBox: "textarea[data-testid='message-box']",
  typing: "[data-testid='typing-indicator']",
  customerName: "[data-testid='customer-name']",
}));
