import browser, { type Runtime } from "./injected-api.js";
import type { ConversationEvent } from "../engine/conversation.js";
import { MAX_BATCH, MAX_BATCH_CHARACTERS, MAX_CUSTOMER_NAME } from "./limits.js";
import type { ConversationEventsMessage, ConversationRef, QueuedEvent, WorkerToContent } from "./messages.js";
import { EVENTS_PORT } from "./ports.js";
import { boundedEvent, boundedKey, cut } from "./bounds.js";
import { isEventsAccepted, isEventsRefused, isWorkerMessage } from "./worker-message-check.js";

const RETRY_MS = [50, 200, 500, 1000, 2000];
/**
 * A worker stopped while it handles a batch may leave it unanswered: after this long the connection is dropped and the
 * batch sent again on a new one (the worker recognises what it already took).
 */
const ANSWER_TIMEOUT_MS = 3000;
/**
 * Sends of one batch, unanswered every time, before it is dropped and said so: a worker restarting is answered at the
 * next try or the one after; one that never answers a batch (too big for the browser to carry) must not stop the rest.
 */
const MAX_TRIES = 10;

/**
 * How an event was read: as it happened, or already on the page when the conversation was first read — history, or
 * the customer's turns after the agent's last reply there, which still wait for the agent (see QueuedEvent).
 */
export type Reading = "live" | "history" | "unanswered";

/** The worker's answer to a batch: taken in and saved through a seq, refused, or none (send it again). */
type Answer = { acceptedThrough: number } | { refused: string } | undefined;

let onNudges: (message: WorkerToContent) => void = () => undefined;

// This frame's one connection to the worker, for every conversation it reads: opened with the first batch, and again
// after the worker stopped (the connection closes with it; opening one starts it again).
let port: Runtime.Port | undefined;
/** Per session (one conversation's link), the batch waiting for its answer. */
const waiting = new Map<string, (answer: Answer) => void>();

/** The connection closed: the batches on it are unanswered, and the next one opens another. */
function closed(): void {
  port = undefined;
  for (const answer of waiting.values()) answer(undefined);
  waiting.clear();
}

function answered(session: string, answer: Answer): void {
  waiting.get(session)?.(answer);
  waiting.delete(session);
}

/**
 * A stopped worker takes about a second to start and answer on a busy machine (a new process, its script, the
 * conversation's state): it is woken this long before its timer is due, and then keeps its own clock for it.
 */
const WAKE_AHEAD_MS = 2000;
let wakeTimers: Array<ReturnType<typeof setTimeout>> = [];

/**
 * The worker said when its next timer is due ("the customer has waited 30 s"): the page keeps that clock too, and
 * wakes the worker shortly before, and at, that time. The worker's own timer goes when the browser stops it, and the
 * alarm that stands in for it comes a second or more late. Firing twice is harmless: a timer fires once.
 */
function wakeWorkerAt(when: number | undefined): void {
  for (const timer of wakeTimers) clearTimeout(timer);
  if (when === undefined) {
    wakeTimers = [];
    return;
  }
  const wake = () => void browser.runtime.sendMessage({ type: "timers-due" }).catch(() => undefined);
  wakeTimers = [when - WAKE_AHEAD_MS, when].filter((at) => at > Date.now()).map((at) => setTimeout(wake, at - Date.now()));
}

function connect(): Runtime.Port {
  if (port) return port;
  const opened = browser.runtime.connect({ name: EVENTS_PORT });
  opened.onMessage.addListener((message: unknown) => {
    if (isEventsAccepted(message)) {
      answered(message.session, { acceptedThrough: message.acceptedThrough });
      wakeWorkerAt(message.wakeAt);
    }
    else if (isEventsRefused(message)) answered(message.session, { refused: message.reason });
    else if (isWorkerMessage(message)) {
      onNudges(message);
      acknowledge(message, opened);
    }
  });
  opened.onDisconnect.addListener(() => {
    if (port === opened) closed();
  });
  return (port = opened);
}

/** Received: the worker keeps a delivery, and sends it again on the next connection, until it hears this. */
function acknowledge(message: WorkerToContent, via: Runtime.Port): void {
  if (message.type !== "nudges") return;
  const { adapter, conversationKey, delivery } = message;
  try {
    via.postMessage({ type: "nudges-received", adapter, conversationKey, delivery });
  } catch {
    // Gone with the worker: it sends the delivery again, and the page recognises it.
  }
}

function sendEvents(batch: ConversationEventsMessage): Promise<Answer> {
  return new Promise((resolve) => {
    // Unanswered: this connection may reach a worker that is gone while another context holds it open.
    const timer = setTimeout(() => {
      port?.disconnect();
      closed();
    }, ANSWER_TIMEOUT_MS);
    waiting.set(batch.session, (answer) => {
      clearTimeout(timer);
      resolve(answer);
    });
    try {
      connect().postMessage(batch);
    } catch {
      // The connection gone, or (were a batch ever over the browser's message limit) refused: unanswered.
      closed();
    }
  });
}

/** How many of the queue's first events go in one message: at most MAX_BATCH, and MAX_BATCH_CHARACTERS of text. */
function batchLength(queue: readonly QueuedEvent[]): number {
  let characters = 0;
  let length = 0;
  for (const { event } of queue.slice(0, MAX_BATCH)) {
    characters += event.type === "typing" ? 0 : event.text.length;
    if (length && characters > MAX_BATCH_CHARACTERS) break;
    length++;
  }
  return length;
}

/**
 * Sends a conversation's events to the worker in order, bounded (bounds.ts). An event stays queued until the worker
 * acknowledges it, so a worker stopped mid-conversation loses nothing: the events it missed are sent again when it is
 * back. A batch the worker refuses, or never answers, is dropped, and the rest goes on.
 */
export class WorkerLink {
  private readonly queue: QueuedEvent[] = [];
  private readonly session = crypto.randomUUID();
  /** Event times are seconds from here; the worker lines sessions up on one conversation clock. */
  readonly startedAt = Date.now();
  private seq = 0;
  private sending = false;
  private failures = 0;
  private answered: Array<{ seq: number; then: () => void }> = [];

  constructor(private readonly conversation: () => ConversationRef) {}

  /** Returns the event's number in this session. */
  send(event: ConversationEvent, reading: Reading): number {
    const seq = this.seq++;
    const history = reading !== "live";
    this.queue.push({ seq, history, ...(reading === "unanswered" ? { unanswered: true as const } : {}), ...boundedEvent(event) });
    void this.flush();
    return seq;
  }

  /**
   * Runs `then` once the worker has answered the batch holding event `seq` (or it was dropped): the nudges and outcomes
   * that event brought came on the same connection before the answer, so they have been received by then.
   */
  afterAnswer(seq: number, then: () => void): void {
    this.answered.push({ seq, then });
  }

  private async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length) {
        // Everything waiting goes in one message: a page's history, or a burst, is one round trip, not hundreds.
        const events = this.queue.slice(0, batchLength(this.queue));
        const answer = await sendEvents({ type: "conversation-events", ...this.ref(), session: this.session, sessionStartedAt: this.startedAt, events });
        if (!answer && ++this.failures < MAX_TRIES) {
          const delay = RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)];
          setTimeout(() => void this.flush(), delay);
          return;
        }
        if (!answer) void browser.runtime.sendMessage({ type: "events-undelivered", events: events.length }).catch(() => undefined);
        this.failures = 0;
        // Refused or never answered: sending it again would fare no better. Taken: what the worker saved goes.
        const through = answer && "acceptedThrough" in answer ? answer.acceptedThrough : events.at(-1)!.seq;
        while (this.queue.length && this.queue[0]!.seq <= through) this.queue.shift();
        const due = this.answered.filter(({ seq }) => seq <= through);
        this.answered = this.answered.filter(({ seq }) => seq > through);
        for (const { then } of due) then();
      }
    } finally {
      this.sending = false;
    }
  }

  /** The conversation as the worker takes it: a long id shortened, said so, and a long customer name cut. */
  private ref(): Pick<ConversationEventsMessage, "conversation" | "keyCutFrom"> {
    const ref = this.conversation();
    const key = boundedKey(ref.key);
    const conversation = { ...ref, key, ...(ref.customerName ? { customerName: cut(ref.customerName, MAX_CUSTOMER_NAME) } : {}) };
    return key === ref.key ? { conversation } : { conversation, keyCutFrom: ref.key.length };
  }
}

/**
 * Messages from the worker: nudges on the events port, and the rest by sendMessage — the dismiss shortcut, and nudges
 * a timer raised in a worker started again since the page last connected (acknowledged on a new connection).
 */
export function onWorkerMessage(listener: (message: WorkerToContent) => void): void {
  onNudges = listener;
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only our own worker talks to this script; anything else is ignored.
    if (sender.id !== browser.runtime.id) return undefined;
    if (isWorkerMessage(message)) {
      listener(message);
      acknowledge(message, connect());
    }
    return undefined;
  });
}
