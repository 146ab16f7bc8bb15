import browser, { type Runtime } from "./extension-api.js";
import type { ConversationEvent } from "../engine/conversation.js";
import { MAX_BATCH } from "../shared/limits.js";
import type { ConversationEventsMessage, ConversationRef, QueuedEvent, WorkerToContent } from "../shared/messages.js";
import { EVENTS_PORT } from "../shared/ports.js";
import { isEventsAccepted, isWorkerMessage } from "./worker-message-check.js";

const RETRY_MS = [50, 200, 500, 1000, 2000];
/**
 * A worker stopped while it handles a batch may leave it unanswered: after this long the connection is dropped and the
 * batch sent again on a new one (the worker recognises what it already took).
 */
const ANSWER_TIMEOUT_MS = 3000;

let onNudges: (message: WorkerToContent) => void = () => undefined;

// This frame's one connection to the worker, for every conversation it reads: opened with the first batch, and again
// after the worker stopped (the connection closes with it; opening one starts it again).
let port: Runtime.Port | undefined;
/** Per session (one conversation's link), the batch waiting for its acknowledgement. */
const waiting = new Map<string, (acceptedThrough: number | undefined) => void>();

/** The connection closed: the batches on it are unanswered, and the next one opens another. */
function closed(): void {
  port = undefined;
  for (const answer of waiting.values()) answer(undefined);
  waiting.clear();
}

function connect(): Runtime.Port {
  if (port) return port;
  const opened = browser.runtime.connect({ name: EVENTS_PORT });
  opened.onMessage.addListener((message: unknown) => {
    if (isEventsAccepted(message)) {
      waiting.get(message.session)?.(message.acceptedThrough);
      waiting.delete(message.session);
    } else if (isWorkerMessage(message)) {
      onNudges(message);
    }
  });
  opened.onDisconnect.addListener(() => {
    if (port === opened) closed();
  });
  return (port = opened);
}

/** Resolves with the last seq the worker took in and saved, or undefined when the batch must be sent again. */
function sendEvents(batch: ConversationEventsMessage): Promise<number | undefined> {
  return new Promise((resolve) => {
    // Unanswered: this connection may reach a worker that is gone while another context holds it open.
    const timer = setTimeout(() => {
      port?.disconnect();
      closed();
    }, ANSWER_TIMEOUT_MS);
    waiting.set(batch.session, (acceptedThrough) => {
      clearTimeout(timer);
      resolve(acceptedThrough);
    });
    try {
      connect().postMessage(batch);
    } catch {
      closed();
    }
  });
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
        const acceptedThrough = await sendEvents(batch);
        if (acceptedThrough === undefined) {
          const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
          setTimeout(() => void this.flush(), delay);
          return;
        }
        this.failures = 0;
        while (this.queue.length && this.queue[0]!.seq <= acceptedThrough) this.queue.shift();
      }
    } finally {
      this.sending = false;
    }
  }
}

/** Messages from the worker: nudges on the events port, and the rest (the dismiss shortcut) by sendMessage. */
export function onWorkerMessage(listener: (message: WorkerToContent) => void): void {
  onNudges = listener;
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only our own worker talks to this script; anything else is ignored.
    if (sender.id !== browser.runtime.id) return undefined;
    if (isWorkerMessage(message)) listener(message);
    return undefined;
  });
}
