import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/**
 * Salesforce Service Console (Lightning): the chat transcript is drawn by Lightning web components, in open shadow
 * roots, with the classes of the SLDS chat blueprint (inbound: the customer; outbound: the agent, or another agent).
 *
 * The blueprint's markup was checked in `@salesforce-ux/design-system` 2.264.1 (npm): a section[role=log].slds-chat
 * holding ul.slds-chat-list, one li.slds-chat-listitem per entry (_inbound, _outbound, or _event and _bookend for
 * notices), the words in .slds-chat-message__text. "Customer is typing" is an inbound list item of its own, holding the
 * typing dynamic icon (.slds-icon-typing) and, with sneak peek on, the words being typed: it is never a message. The
 * custom element names, the ids and the header's name are not in SLDS and could not be checked.
 */
export default defineAdapter(selectorAdapter({
  id: "salesforce",
  name: "Salesforce Service Console",
  channel: "chat",
  hosts: ["*.lightning.force.com", "*.my.salesforce.com"],
  transcript: "lightning-conversation-transcript >>> .slds-chat-list",
  message: ":is(.slds-chat-listitem_inbound, .slds-chat-listitem_outbound):not(:has(.slds-icon-typing))",
  agent: ".slds-chat-listitem_outbound",
  customer: ".slds-chat-listitem_inbound",
  text: ".slds-chat-message__text",
  messageId: "data-entry-id",
  conversation: { selector: "lightning-conversation-transcript[data-record-id]", attribute: "data-record-id" },
  replyBox: "lightning-conversation-toolkit >>> textarea",
  typing: "lightning-conversation-transcript >>> .slds-chat-listitem_inbound .slds-icon-typing",
  customerName: "lightning-conversation-header >>> .slds-chat-header__name",
}));
