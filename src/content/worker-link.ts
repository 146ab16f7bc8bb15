import browser, { type Runtime } from "./extension-api.js";
import type { ConversationEvent } from "../engine/conversation.js";
import { MAX_BATCH } from "../shared/limits.js";
import type { ConversationEventsMessage, ConversationRef, EventAck, QueuedEvent, WorkerToContent } from "../shared/messages.js";
import { isEventAck, isWorkerMessage } from "./worker-message-check.js";

const RETRY_MS = [50, 200, 500, 1000, 2000];
/**
 * A worker stopped while it handles a batch may leave the request unanswered: after this long it is sent again (the
 * worker recognises what it already took).
 */
const ANSWER_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Sends a conversation's events to the worker in order. An event stays queued until the worker acknowledges it, so a
 * worker stopped mid-conversation loses nothing: the events it missed are sent again when it is back.
 */
export class WorkerLink {
  private readonly queue: QueuedEvent[] = [];
  private readonly session = crypto.randomUUID();
  /** Event times are seconds from here; the worker lines sessions up on one conversation clock. */
  readonly startedAt = Date.now();
  private seq = 0;
  private sending = false;
  private failures = 0;

  constructor(private readonly conversation: () => ConversationRef) {}

  send(event: ConversationEvent, history: boolean): void {
    const seq = this.seq++;
    this.queue.push({ seq, event, history });
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length) {
        // Everything waiting goes in one message: a page's history, or a burst, is one round trip, not hundreds.
        const batch: ConversationEventsMessage = {
          type: "conversation-events",
          conversation: this.conversation(),
          session: this.session,
          sessionStartedAt: this.startedAt,
          events: this.queue.slice(0, MAX_BATCH),
        };
        let ack: EventAck | undefined;
        try {
          const answer: unknown = await withTimeout(browser.runtime.sendMessage(batch), ANSWER_TIMEOUT_MS);
          ack = isEventAck(answer) ? answer : undefined;
        } catch {
          ack = undefined;
        }
        if (!ack?.ok) {
          const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
          setTimeout(() => void this.flush(), delay);
          return;
        }
        this.failures = 0;
        while (this.queue.length && this.queue[0]!.seq <= ack.acceptedThrough) this.queue.shift();
      }
    } finally {
      this.sending = false;
    }
  }
}

export function onWorkerMessage(listener: (message: WorkerToContent) => void): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only our own worker talks to this script; anything else is ignored.
    if (sender.id !== browser.runtime.id) return undefined;
    if (isWorkerMessage(message)) listener(message);
    return undefined;
  });
}
