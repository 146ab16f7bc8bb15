import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/** Front: conversation messages, inbound (the customer) or outbound (the teammate). */
export default defineAdapter(selectorAdapter({
  id: "front",
  name: "Front",
  channel: "chat",
  hosts: ["app.frontapp.com"],
  transcript: ".conversation-messages",
  message: ".message-item",
  agent: ".message-item--outbound",
  customer: ".message-item--inbound",
  text: ".message-item__body",
  messageId: "data-message-uid",
  conversation: { selector: "[data-conversation-uid]", attribute: "data-conversation-uid" },
  replyBox: ".composer [contenteditable='true']",
  typing: ".conversation-typing",
  customerName: ".conversation-header__contact",
}));
