import type { Speaker } from "../engine/conversation.js";

export interface ReadMessage {
  speaker: Speaker;
  text: string;
  /** The console's own id for the message, where its markup has one. */
  id?: string | undefined;
}

/**
 * Turns each message into exactly one turn, however often the page re-renders it. A message is known by the console's
 * id, or else by its speaker, text and how many identical messages precede it ("ok" said twice is two turns).
 */
export class TurnTracker {
  private readonly seen = new Set<string>();

  /** The messages of this reading that were not seen before, in page order. */
  newMessages(messages: readonly ReadMessage[]): ReadMessage[] {
    const occurrences = new Map<string, number>();
    const fresh: ReadMessage[] = [];
    for (const message of messages) {
      if (!message.text) continue;
      const content = `${message.speaker}\u0000${message.text}`;
      const n = (occurrences.get(content) ?? 0) + 1;
      occurrences.set(content, n);
      const key = message.id ? `id\u0000${message.id}` : `${content}\u0000${n}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      fresh.push(message);
    }
    return fresh;
  }
}
