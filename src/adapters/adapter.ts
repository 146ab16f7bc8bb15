import type { Channel, Speaker } from "../engine/conversation.js";

/**
 * How Attune reads one console: data (selectors) plus a little code. One file per console under src/adapters/,
 * each making one `defineAdapter` call; the adapter's id is its file name.
 */
export interface Adapter {
  id: string;
  channel: Channel;
  /** A cheap check, run once per page: could this page be this console? */
  matchesPage(location: Location): boolean;
  /** The element holding the live transcript, or null while the page shows none. */
  findTranscript(root: ParentNode): Element | null;
  /** The items of the transcript that may be messages, oldest first (cheap: it runs on every change). */
  messages(transcript: Element): Element[];
  /** Who wrote the item; undefined for items that are not messages. */
  speaker(item: Element): Speaker | undefined;
  text(item: Element): string;
  /** A stable id for the message where the console's markup carries one. */
  messageId(item: Element): string | undefined;
  /** The console's id for the conversation on screen, so several conversations in one tab are kept apart. */
  conversationKey(root: Document): string;
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
