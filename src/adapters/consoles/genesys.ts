import { defineAdapter } from "../adapter.js";
import { selectorAdapter } from "../selector-adapter.js";

/**
 * Genesys Cloud agent desktop, voice interactions: the live speech-to-text transcript, corrected in place while a
 * line is partial, with each line's start and end in seconds from the call's start.
 */
export default defineAdapter(selectorAdapter({
  id: "genesys",
  name: "Genesys Cloud (voice transcript)",
  channel: "call",
  hosts: ["*.mypurecloud.com", "*.mypurecloud.de", "*.mypurecloud.ie", "*.mypurecloud.jp", "*.pure.cloud"],
  transcript: "[data-testid='transcript-lines']",
  message: ".transcript-line",
  agent: "[data-participant-purpose='agent']",
  customer: "[data-participant-purpose='customer'], [data-participant-purpose='external']",
  text: ".transcript-line__text",
  messageId: "data-utterance-id",
  conversation: { selector: "[data-conversation-id]", attribute: "data-conversation-id" },
  customerName: ".interaction-header__name",
  interim: ".transcript-line--partial",
  times: { at: "data-start-offset", end: "data-end-offset" },
}));
