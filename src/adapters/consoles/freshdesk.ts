import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/**
 * Freshdesk and Freshchat: the conversation is drawn inside the Freshchat frame (the content script runs in every
 * frame), each message marked with its actor type.
 */
export default defineAdapter(selectorAdapter({
  id: "freshdesk",
  name: "Freshdesk / Freshchat",
  channel: "chat",
  hosts: ["*.freshdesk.com", "*.freshchat.com"],
  transcript: ".fc-conversation-messages",
  message: ".fc-message",
  agent: "[data-actor-type='agent']",
  customer: "[data-actor-type='user']",
  text: ".fc-message-content",
  messageId: "data-message-id",
  conversation: { selector: "[data-conversation-uuid]", attribute: "data-conversation-uuid" },
  replyBox: ".fc-reply-editor [contenteditable='true']",
  typing: ".fc-typing-indicator",
  customerName: ".fc-user-name",
}));
