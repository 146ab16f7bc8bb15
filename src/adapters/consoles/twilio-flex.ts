import { defineAdapter } from "../adapter.js";
import { layoutSide } from "../layout-side.js";
import { otherSpeaker } from "../speaker.js";
import { selectorAdapter } from "../selector-adapter.js";

/**
 * Twilio Flex agent desktop (Flex UI 1.x and 2.x): the Twilio-prefixed message list of the selected task's chat.
 *
 * Checked against the markup `@twilio/flex-ui` 2.17.1 renders (npm; 1.34.6 for the sides too): Flex names neither side
 * of a chat in a class or attribute. Whether a message is the agent's own is a prop of its styled components: the
 * default "Rounded" and "Squared" styles push the agent's bubble to the end of the line (margin-left: auto), and only
 * the other side's messages (the last of a run) draw an avatar. So the avatar marks the customer, and otherwise the side a bubble is
 * drawn on tells who wrote it. The markup carries no message or task id either: a conversation is told by the name in
 * the task canvas header.
 */
const spec = {
  id: "twilio-flex",
  name: "Twilio Flex",
  channel: "chat",
  hosts: ["flex.twilio.com"],
  transcript: ".Twilio-MessageList",
  message: ".Twilio-MessageListItem",
  // The default avatar icon or the picture Flex draws beside the other side's messages (never beside the agent's).
  customer: ".Twilio-MessageListItem-AvatarContainer .Twilio-ChatItem-Avatar > :is(img, .Twilio-Icon)",
  text: ".Twilio-MessageBubble-Body",
  conversation: { selector: ".Twilio-TaskCanvasHeader-Name" },
  // Flex 2.x has two composers: the textarea of MessageInput and the rich-text (Lexical) editor of MessageInputV2.
  replyBox: ".Twilio-MessageInputArea-TextArea textarea, .Twilio-MessageInputV2 [contenteditable='true']",
  typing: ".Twilio-TypingIndicator",
  customerName: ".Twilio-TaskCanvasHeader-Name",
} as const;

const base = selectorAdapter({ ...spec, hosts: [...spec.hosts], conversation: { ...spec.conversation } });

export default defineAdapter({
  ...base,
  speaker(item, hints) {
    if (hints?.sentByAgent && !item.querySelector(spec.customer)) return "agent";
    const list = item.closest(spec.transcript) ?? item.parentElement ?? item;
    const side = layoutSide(item.querySelector(".Twilio-MessageListItem-BubbleContainer") ?? item, list);
    const speaker = item.querySelector(spec.customer) ? "customer" : side === "end" ? "agent" : side === "start" ? "customer" : undefined;
    // The agent said the sides are the wrong way round here (a message style that draws them otherwise).
    return speaker && hints?.swapped ? otherSpeaker(speaker) : speaker;
  },
});
