import type { Channel, Speaker } from "../engine/conversation.js";
import type { SelectorSpec } from "./selector-spec.js";

/** Times a console shows for a spoken turn, in seconds from the call's start. */
export interface ShownTimes {
  at?: number | undefined;
  end?: number | undefined;
}

/** What the reader knows of a message it is judging, besides the message itself. */
export interface SpeakerHints {
  /** The message's text is what the agent just sent from the reply box. */
  sentByAgent?: boolean;
  /**
   * The agent corrected this site's reader from the popup: the sides it tells apart are the other way round. What the
   * agent's own sent text shows stays the agent's.
   */
  swapped?: boolean;
}

/**
 * How Attune reads one console: data (selectors) plus a little code. One file per console under src/adapters/,
 * each making one `defineAdapter` call; the adapter's id is its file name.
 */
export interface Adapter {
  id: string;
  /** The console's name as people know it. */
  name: string;
  channel: Channel;
  /** The reader finds the conversation by judging the page, not from a description: it looks again while unsure. */
  guesses?: boolean;
  /** A cheap check, run once per page: could this page be this console? */
  matchesPage(location: Location): boolean;
  /** The element holding the live transcript, or null while the page shows none. */
  findTranscript(root: Document): Element | null;
  /** The items of the transcript that may be messages, oldest first (cheap: it runs on every change). */
  messages(transcript: Element): Element[];
  /**
   * The same items newest first, found one at a time: a reader that walks a long list from its end is spared copying
   * all of it on each change (a flood of messages is read every frame).
   */
  newestMessages?(transcript: Element): IterableIterator<Element>;
  /** Who wrote the item; undefined for items that are not messages. */
  speaker(item: Element, hints?: SpeakerHints): Speaker | undefined;
  text(item: Element): string;
  /** A stable id for the message where the console's markup carries one. */
  messageId(item: Element): string | undefined;
  /** The console's id for the conversation on screen, so several conversations in one tab are kept apart. */
  conversationKey(root: Document, transcript: Element): string;
  /** Where the agent types the reply (a textarea or a contenteditable element). */
  replyBox?(root: Document): Element | null;
  /** Whether the console shows that the customer is typing right now. */
  customerTyping?(root: Document): boolean;
  customerName?(root: Document): string | undefined;
  /** Live call transcripts: whether the console still marks this item's speech as being recognised. */
  interim?(item: Element): boolean;
  /** Live call transcripts: the times the console shows for the item. */
  shownTimes?(item: Element): ShownTimes;
  /** Where the adapter is made from a selector spec (built-in consoles, taught sites): the spec itself. */
  spec?: SelectorSpec;
}

const registry = new Map<string, Adapter>();

export function defineAdapter(adapter: Adapter): Adapter {
  if (registry.has(adapter.id)) throw new Error(`Adapter "${adapter.id}" is registered twice`);
  registry.set(adapter.id, adapter);
  return adapter;
}

/** Registered adapters, console-specific ones first and the generic reader last, as the fallback. */
export function registeredAdapters(): Adapter[] {
  return [...registry.values()].sort((a, b) => Number(a.id === "generic") - Number(b.id === "generic"));
}
