import type { Adapter } from "../adapters/adapter.js";
import type { ConversationEvent } from "../engine/conversation.js";
import { TurnTracker, type ReadMessage } from "./turn-tracker.js";

/**
 * Watches one transcript element and reports each new message once. Messages already on the page when watching starts
 * are reported as history: context for the engine, not moments to coach.
 */
export class TranscriptSession {
  private readonly tracker = new TurnTracker();
  private readonly observer: MutationObserver;
  private scheduled = false;

  constructor(
    private readonly adapter: Adapter,
    readonly transcript: Element,
    private readonly emit: (event: ConversationEvent, history: boolean) => void,
    /** When the session's clock started (ms since the epoch). */
    private readonly startedAt: number,
  ) {
    this.read(true);
    this.observer = new MutationObserver(() => this.schedule());
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

  private read(history: boolean): void {
    const messages: ReadMessage[] = [];
    for (const item of this.adapter.messages(this.transcript)) {
      const speaker = this.adapter.speaker(item);
      if (!speaker) continue;
      messages.push({ speaker, text: this.adapter.text(item), id: this.adapter.messageId(item) });
    }
    const at = history ? 0 : Math.max(0, Date.now() - this.startedAt) / 1000;
    for (const message of this.tracker.newMessages(messages)) {
      this.emit({ type: "turn", speaker: message.speaker, text: message.text, at }, history);
    }
  }
}
