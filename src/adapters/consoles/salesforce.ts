import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/**
 * Salesforce Service Console (Lightning): the chat transcript is drawn by Lightning web components, in open shadow
 * roots, with SLDS chat classes (inbound: the customer; outbound: the agent).
 */
export default defineAdapter(selectorAdapter({
  id: "salesforce",
  name: "Salesforce Service Console",
  channel: "chat",
  hosts: ["*.lightning.force.com", "*.my.salesforce.com"],
  transcript: "lightning-conversation-transcript >>> .slds-chat-list",
  message: ".slds-chat-listitem",
  agent: ".slds-chat-listitem_outbound",
  customer: ".slds-chat-listitem_inbound",
  text: ".slds-chat-message__text",
  messageId: "data-entry-id",
  conversation: { selector: "lightning-conversation-transcript[data-record-id]", attribute: "data-record-id" },
  replyBox: "lightning-conversation-toolkit >>> textarea",
  typing: "lightning-conversation-transcript >>> .slds-chat-message__typing:not(.slds-hide)",
  customerName: "lightning-conversation-header >>> .slds-chat-header__name",
}));
