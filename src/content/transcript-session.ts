import type { Adapter } from "../adapters/adapter.js";
import type { ConversationEvent } from "../engine/conversation.js";
import { MAX_HISTORY } from "../shared/limits.js";
import { TurnTracker, type ReadMessage } from "./turn-tracker.js";

/**
 * Watches one transcript element and reports each new message once. Messages already on the page when watching starts
 * are reported as history: context for the engine, not moments to coach.
 */
export class TranscriptSession {
  private readonly tracker = new TurnTracker();
  private readonly observer: MutationObserver;
  private scheduled = false;
  /**
   * Each message element read once: a pane of thousands of messages costs a walk over its items per change, not a
   * re-reading of every message. Null marks an item that is not a message (a date divider, a notice).
   */
  private readonly cache = new WeakMap<Element, ReadMessage | null>();

  constructor(
    private readonly adapter: Adapter,
    readonly transcript: Element,
    private readonly emit: (event: ConversationEvent, history: boolean) => void,
    /** When the session's clock started (ms since the epoch). */
    private readonly startedAt: number,
  ) {
    this.read(true);
    this.observer = new MutationObserver((records) => {
      for (const record of records) this.invalidate(record.target);
      this.schedule();
    });
    this.observer.observe(transcript, { childList: true, subtree: true, characterData: true });
  }

  stop(): void {
    this.observer.disconnect();
  }

  /** Mutations come in bursts while a console renders a message: read once per burst, before the next paint. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.read(false);
    });
  }

  /** A change inside a message (an edit, a late-rendered body) makes that message be read again. */
  private invalidate(target: Node): void {
    for (let node: Node | null = target; node && node !== this.transcript; node = node.parentNode) {
      if (node instanceof Element && this.cache.has(node)) {
        this.cache.delete(node);
        return;
      }
    }
  }

  private readItem(item: Element): ReadMessage | null {
    let message = this.cache.get(item);
    if (message === undefined) {
      const speaker = this.adapter.speaker(item);
      message = speaker ? { speaker, text: this.adapter.text(item), id: this.adapter.messageId(item) } : null;
      this.cache.set(item, message);
    }
    return message;
  }

  private read(history: boolean): void {
    const messages: ReadMessage[] = [];
    for (const item of this.adapter.messages(this.transcript)) {
      const message = this.readItem(item);
      if (message) messages.push(message);
    }
    const at = history ? 0 : Math.max(0, Date.now() - this.startedAt) / 1000;
    const fresh = this.tracker.newMessages(messages);
    // Every message is known (so none comes back as new), but only the recent past is worth the engine's time.
    for (const message of history ? fresh.slice(-MAX_HISTORY) : fresh) {
      this.emit({ type: "turn", speaker: message.speaker, text: message.text, at }, history);
    }
  }
}
