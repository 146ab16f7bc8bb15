import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/** HubSpot Conversations inbox: thread messages marked incoming (the visitor) or outgoing (the agent). */
export default defineAdapter(selectorAdapter({
  id: "hubspot",
  name: "HubSpot Conversations",
  channel: "chat",
  hosts: ["app.hubspot.com"],
  transcript: "[data-test-id='thread-history']",
  message: "[data-test-id='thread-message']",
  agent: "[data-message-direction='OUTGOING']",
  customer: "[data-message-direction='INCOMING']",
  text: "[data-test-id='message-text']",
  messageId: "data-message-id",
  conversation: { selector: "[data-thread-id]", attribute: "data-thread-id" },
  replyBox: "[data-test-id='composer-editor'] [contenteditable='true']",
  typing: "[data-test-id='typing-indicator']",
  customerName: "[data-test-id='contact-name']",
}));
