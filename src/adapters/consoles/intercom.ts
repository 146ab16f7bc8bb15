import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/** Intercom Inbox: conversation parts, admin ("o__admin") and user ("o__user") sides. */
export default defineAdapter(selectorAdapter({
  id: "intercom",
  name: "Intercom Inbox",
  channel: "chat",
  hosts: ["app.intercom.com"],
  transcript: ".conversation__stream",
  message: ".conversation__part",
  agent: ".o__admin",
  customer: ".o__user",
  text: ".conversation__text",
  messageId: "data-part-id",
  conversation: { selector: "[data-conversation-id]", attribute: "data-conversation-id" },
  replyBox: ".inbox__conversation-composer [contenteditable='true']",
  typing: ".conversation__typing-indicator",
  customerName: ".conversation__header .user-name",
}));
