import type { Speaker } from "../engine/conversation.js";

export interface ReadMessage {
  speaker: Speaker;
  text: string;
  /** The console's own id for the message, where its markup has one. */
  id?: string | undefined;
  /** The element the message was read from: a message edited in place is the same element with new text. */
  element?: Element | undefined;
}

export interface Reading {
  /** Messages never seen before that came after the last known one: the conversation moving on. */
  added: ReadMessage[];
  /** Known messages whose text changed: the console edited them. */
  edited: ReadMessage[];
  /** New messages above the last known one: older history loaded, or a scrolled list drawing rows it had dropped. */
  older: ReadMessage[];
}

/**
 * Two elements of one message: the same, or one inside the other (a reader that first took a message's inner part for
 * the message reads the whole of it once it sees the list's shape).
 */
const sameMessage = (a: Element, b: Element) => a === b || a.contains(b) || b.contains(a);

/** The count in a content key: 3 for "ok" the third time. */
const keyNumber = (key: string) => Number(key.slice(key.lastIndexOf("\u0000") + 1));

/** How many message texts are remembered for edits; keys alone are kept for the whole conversation. */
const MAX_REMEMBERED_TEXTS = 1000;

/**
 * Turns each message into exactly one turn, however the page re-renders it, virtualises it (drops rows and draws them
 * again), edits it or loads older history above it. A message is known by the console's id, else by the element it
 * was read from, else by its speaker, text and how many identical messages precede it ("ok" said twice is two turns).
 */
export class TurnTracker {
  private readonly texts = new Map<string, string>();
  private readonly seen = new Set<string>();
  private readonly keyOf = new WeakMap<Element, string>();
  /** The element a content key was last read from: a second such element still on the page is another message. */
  private readonly ownerOf = new Map<string, WeakRef<Element>>();
  /** The highest number each content has been counted to. */
  private readonly latestNumber = new Map<string, number>();

  get isEmpty(): boolean {
    return this.seen.size === 0;
  }

  read(messages: readonly ReadMessage[]): Reading {
    const occurrences = new Map<string, number>();
    /** The number of the last message of each content in this reading: the next identical one counts on from it. */
    const numbered = new Map<string, number>();
    const keyed = messages.filter((m) => m.text).map((message) => {
      const content = `${message.speaker}\u0000${message.text}`;
      const n = (occurrences.get(content) ?? 0) + 1;
      occurrences.set(content, n);
      const known = message.element && this.keyOf.get(message.element);
      let key: string;
      if (message.id) key = `id\u0000${message.id}`;
      else if (known) key = known;
      else key = this.contentKey(content, numbered.has(content) ? numbered.get(content)! + 1 : n, message.element);
      if (key.startsWith(`${content}\u0000`)) numbered.set(content, keyNumber(key));
      return { message, content: `${content}\u0000${n}`, key };
    });
    let lastKnown = -1;
    keyed.forEach(({ key }, i) => {
      if (this.seen.has(key)) lastKnown = i;
    });
    const reading: Reading = { added: [], edited: [], older: [] };
    keyed.forEach(({ message, content, key }, i) => {
      if (message.element) this.keyOf.set(message.element, key);
      if (this.seen.has(key)) {
        if (this.texts.has(key) && this.texts.get(key) !== message.text) {
          reading.edited.push(message);
          // Known by its element only, an edited message drawn again (a re-render, a scrolled list) is known by its
          // new words.
          if (!message.id) this.seen.add(content);
        }
      } else {
        this.seen.add(key);
        (i > lastKnown ? reading.added : reading.older).push(message);
      }
      this.remember(key, message.text);
    });
    return reading;
  }

  /**
   * "ok" said again: a reading may start part-way down the list, so its count of identical messages can be short. A
   * key whose element is another one still on the page belongs to an earlier message: count on, from after the latest
   * identical message where that is still on the page (new messages come after it), so that a chat of thousands of
   * identical messages costs a few looks per message, not one per earlier message.
   */
  private contentKey(content: string, n: number, element: Element | undefined): string {
    const latest = this.latestNumber.get(content) ?? 0;
    if (element && latest > n && this.isAnother(`${content}\u0000${n}`, element) && this.isAnother(`${content}\u0000${latest}`, element)) n = latest + 1;
    while (element && this.isAnother(`${content}\u0000${n}`, element)) n++;
    const key = `${content}\u0000${n}`;
    if (element) this.ownerOf.set(key, new WeakRef(element));
    if (n > latest) this.latestNumber.set(content, n);
    return key;
  }

  /** Whether the key was last read from another message's element that is still on the page. */
  private isAnother(key: string, element: Element): boolean {
    const owner = this.ownerOf.get(key)?.deref();
    return !!owner && !sameMessage(owner, element) && owner.isConnected;
  }

  /** Messages on the page that were not read (a long history beyond what is worth sending), known by their ids. */
  markSeen(ids: readonly string[]): void {
    for (const id of ids) this.seen.add(`id\u0000${id}`);
  }

  private remember(key: string, text: string): void {
    this.texts.delete(key);
    this.texts.set(key, text);
    if (this.texts.size > MAX_REMEMBERED_TEXTS) this.texts.delete(this.texts.keys().next().value!);
  }
}
