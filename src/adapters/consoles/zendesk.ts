import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/** Zendesk Agent Workspace: messaging conversations in the ticket's omnichannel log, marked by data-test-id. */
export default defineAdapter(selectorAdapter({
  id: "zendesk",
  name: "Zendesk Agent Workspace",
  channel: "chat",
  hosts: ["*.zendesk.com"],
  transcript: "[data-test-id='omni-log-container']",
  message: "[data-test-id='omni-log-message-item']",
  agent: "[data-sender-type='agent']",
  customer: "[data-sender-type='end-user']",
  text: "[data-test-id='omni-log-message-content']",
  messageId: "data-message-id",
  conversation: { selector: "[data-test-id='ticket-pane'][data-ticket-id]", attribute: "data-ticket-id" },
  replyBox: "[data-test-id='omnicomposer-rich-text-ckeditor']",
  typing: "[data-test-id='omni-log-typing-indicator']",
  customerName: "[data-test-id='tooltip-requester-name']",
}));
