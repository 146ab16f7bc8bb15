import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/**
 * Help Scout: in its markup a "user" is a member of the support team and a "customer" the person writing in, so the
 * generic reader (which takes "user" for the customer) would read it backwards.
 */
export default defineAdapter(selectorAdapter({
  id: "helpscout",
  name: "Help Scout",
  channel: "chat",
  hosts: ["secure.helpscout.net"],
  transcript: ".c-conversation-thread",
  message: ".c-thread-item",
  agent: ".is-user",
  customer: ".is-customer",
  text: ".c-thread-item__body",
  messageId: "data-thread-id",
  conversation: { selector: "[data-conversation-id]", attribute: "data-conversation-id" },
  replyBox: ".c-reply-editor [contenteditable='true']",
  typing: ".c-typing-indicator",
  customerName: ".c-customer-profile__name",
}));
