import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/** Twilio Flex agent desktop: the Twilio-prefixed message list of the selected task's chat channel. */
export default defineAdapter(selectorAdapter({
  id: "twilio-flex",
  name: "Twilio Flex",
  channel: "chat",
  hosts: ["flex.twilio.com"],
  transcript: ".Twilio-MessageList",
  message: ".Twilio-MessageListItem",
  agent: ".Twilio-MessageBubble-FromMe",
  customer: ".Twilio-MessageBubble-FromOthers",
  text: ".Twilio-MessageBubble-Body",
  messageId: "data-message-sid",
  conversation: { selector: ".Twilio-TaskCanvas[data-task-sid]", attribute: "data-task-sid" },
  replyBox: ".Twilio-MessageInput textarea",
  typing: ".Twilio-TypingIndicator",
  customerName: ".Twilio-TaskCanvasHeader-Name",
}));
