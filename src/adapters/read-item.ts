import type { Speaker } from "../engine/conversation.js";
import type { Adapter } from "./adapter.js";
import { textLabel } from "./speaker.js";

/** What the caller knows besides the item: see SpeakerHints. */
export interface ReadOptions {
  /** Whether a text is what the agent just sent from the reply box. */
  sentByAgent?: (text: string) => boolean;
  swapped?: boolean;
}

/**
 * Who wrote an item and what, as an adapter reads them. A speaker's label at the start of the text ("Agent: …") is the
 * page's label, left out, only where the item was read as that speaker's: in the other side's message it is what they
 * wrote ("Agent: are you there?" from the customer), and it stays.
 */
export function readItem(adapter: Adapter, item: Element, options: ReadOptions = {}): { speaker: Speaker; text: string } | undefined {
  const text = adapter.text(item);
  const label = textLabel(text);
  const sent = options.sentByAgent;
  // The page may show the agent's reply with a label before it: the reply as typed is the text after the label.
  const sentByAgent = !!sent && (sent(text) || (label?.speaker === "agent" && sent(label.words)));
  const speaker = adapter.speaker(item, { sentByAgent, swapped: options.swapped });
  if (!speaker) return undefined;
  return { speaker, text: label?.speaker === speaker ? label.words : text };
}
