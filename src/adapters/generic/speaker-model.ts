import type { Speaker } from "../../engine/conversation.js";
import type { SpeakerHints } from "../adapter.js";
import { layoutSide, type Side } from "../layout-side.js";
import { otherSpeaker, speakerFromMarkup, speakerFromText, weakSpeaker } from "../speaker.js";

// Who wrote a message on a chat UI that does not say it in words. The surest clue is the agent's own reply: text typed
// in the reply box that shows up as a message is the agent's, and the side it is drawn on and the markers it carries
// are the agent's from then on. Before that, the side: chat UIs draw the agent's own messages at the end of the line
// (the right in left-to-right pages), the other side's at the start.

/** Elements of a message whose classes and attributes are compared between the two sides. */
const MARKED_ELEMENTS = 24;

/** The classes and descriptive attributes of a message and the elements in it: what its side may be told by. */
function markers(item: Element): Set<string> {
  const found = new Set<string>();
  for (const el of [item, ...[...item.querySelectorAll("*")].slice(0, MARKED_ELEMENTS)]) {
    for (const token of el.classList) found.add(`.${token}`);
    for (const attr of el.attributes) {
      if ((attr.name.startsWith("data-") || attr.name === "role") && attr.value.length <= 40 && !/\d{2,}/.test(attr.value)) {
        found.add(`[${attr.name}=${attr.value}]`);
      }
    }
  }
  return found;
}

const minus = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));
const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length;

/** What one page's chat has shown of its two sides: learned as messages are read, kept while the page lives. */
export class SpeakerModel {
  #agentSide: Side | undefined;
  #agentExample: Set<string> | undefined;
  /** The latest customer message: its markers are taken when needed, not for each message read. */
  #customerExample: Element | undefined;

  /** @param conversation the pane the item is in, whose sides the item's words are drawn toward */
  speaker(item: Element, conversation: Element, hints: SpeakerHints = {}): Speaker | undefined {
    if (hints.sentByAgent) {
      this.#agentSide = layoutSide(item, conversation) ?? this.#agentSide;
      this.#agentExample = markers(item);
      return this.#remember(item, "agent");
    }
    // What the page says in its markup, and its layout before the agent has sent anything, are guesses that the agent
    // may have corrected ("these messages are mine"); the side the agent's own text was drawn on is known. A label in
    // the text ("Agent: …") is the last of the guesses: the customer can write one.
    const guessed = (speaker: Speaker | undefined) => this.#remember(item, speaker && hints.swapped ? otherSpeaker(speaker) : speaker);
    const marked = speakerFromMarkup(item);
    if (marked) return guessed(marked);
    const side = layoutSide(item, conversation);
    if (side && this.#agentSide) return this.#remember(item, side === this.#agentSide ? "agent" : "customer");
    if (side) return guessed(side === "end" ? "agent" : "customer");
    return guessed(this.#byMarkers(item) ?? weakSpeaker(item) ?? speakerFromText(item));
  }

  /** Where the layout says nothing (a hidden pane, a full-width message): the markers of each side's examples. */
  #byMarkers(item: Element): Speaker | undefined {
    if (!this.#agentExample || !this.#customerExample) return undefined;
    const own = markers(item);
    const customerExample = markers(this.#customerExample);
    const agent = overlap(own, minus(this.#agentExample, customerExample));
    const customer = overlap(own, minus(customerExample, this.#agentExample));
    return agent === customer ? undefined : agent > customer ? "agent" : "customer";
  }

  #remember(item: Element, speaker: Speaker | undefined): Speaker | undefined {
    if (speaker === "customer") this.#customerExample = item;
    return speaker;
  }
}
