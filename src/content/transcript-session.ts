import type { Adapter } from "../adapters/adapter.js";
import { readItem } from "../adapters/read-item.js";
import type { ConversationEvent, Speaker } from "../engine/conversation.js";
import { MAX_HISTORY } from "../shared/limits.js";
import type { TurnTracker } from "./turn-tracker.js";
import type { Reading } from "../shared/worker-link.js";

/** A spoken turn whose text has not changed for this long is final, when the console does not say so itself. */
export const STABLE_SPEECH_MS = 1500;

/** The conversation a session reads into: kept by the content script across switches between conversations. */
export interface ConversationContext {
  readonly key: string;
  readonly tracker: TurnTracker;
  /** Seconds on this conversation's clock. */
  now(): number;
  send(event: ConversationEvent, reading: Reading): void;
}

interface Read {
  speaker: Speaker;
  text: string;
  id: string | undefined;
  element: Element;
}

/** What the session is told besides the page. */
export interface SessionOptions {
  /**
   * The pane appeared after the page was first looked at (a chat that starts empty shows its list with the first
   * message): a lone message in it is the conversation starting, not history.
   */
  late: boolean;
  /** Whether a message's text is what the agent just sent from the reply box. */
  sentByAgent(text: string): boolean;
  /** The agent said this site's reader has the two sides the wrong way round. */
  swapped: boolean;
  /**
   * What the customer said after the agent's last reply, on the page when the conversation is first read, is coached
   * as live: not when it was coached already (the conversation read again after the site's setup changed).
   */
  coachWaiting: boolean;
}

/** A frame at 60 Hz: messages closer together than this are a flood. */
const FRAME_MS = 1000 / 60;
/** A reading waiting for a frame that a tab hidden meanwhile will not draw is done by then. */
const HIDDEN_TAB_MS = 100;
/**
 * In a flood, readings are spaced this many times their own cost apart (up to MAX_SPACING_MS): a flood into a long
 * pane, where each reading costs a layout of the whole page, gets about a tenth of the page's time.
 */
const SPACING_PER_COST = 9;
const MAX_SPACING_MS = 100;

/** How many of the last messages read the session keeps for the popup. */
const RECENT_MESSAGES = 3;

/** When a spoken item was first seen and last changed (seconds on the conversation's clock). */
interface Speech {
  firstSeen: number;
  lastChange: number;
  text: string;
}

/**
 * Watches one transcript element of one conversation and reports each new message once. Messages already on the page
 * when a conversation is first read are reported as history: context for the engine, not moments to coach. In calls,
 * a turn is reported once final: when the console marks it so, when someone else speaks, or when its text settles.
 */
export class TranscriptSession {
  readonly #observer: MutationObserver;
  #scheduled = false;
  /** When the pane was last read (performance.now()), and how to call off a reading held back for the next frame. */
  #lastReadAt = -Infinity;
  /** How long the last reading took (ms). */
  #readCost = 0;
  /**
   * Messages are coming faster than a frame apart (the last reading found several, or found one within a frame of the
   * one before): readings are spaced. Otherwise every change is read at once, in its own state: an edit read apart
   * from the re-render after it is known as an edit.
   */
  #flooded = false;
  #lastAddedAt = -Infinity;
  #cancelWait: (() => void) | undefined;
  #stableTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Each message element read once: a pane of thousands of messages costs a walk over its items per change, not a
   * re-reading of every message. Null marks an item that is not a message (a date divider, a notice).
   */
  readonly #cache = new WeakMap<Element, Read | null>();
  readonly #speech = new WeakMap<Element, Speech>();
  /** Message elements the tracker has taken in: read with text (an item still empty is read again once it changes). */
  readonly #known = new WeakSet<Element>();
  /** Page times to conversation times, fixed by the first live turn that shows a time. */
  #shownOffset: number | undefined;
  readonly #adapter: Adapter;
  /** The page now shows another conversation than this session's. */
  readonly #onSwitch: () => void;
  readonly #options: SessionOptions;
  #messagesRead = 0;
  #recent: Read[] = [];

  constructor(
    adapter: Adapter,
    readonly transcript: Element,
    readonly context: ConversationContext,
    onSwitch: () => void,
    options: SessionOptions,
  ) {
    this.#adapter = adapter;
    this.#onSwitch = onSwitch;
    this.#options = options;
    this.#read(context.tracker.isEmpty);
    this.#observer = new MutationObserver((records) => {
      let changed = false;
      for (const record of records) {
        // In a call an attribute may mark a turn final. In a chat, attributes change all the time (the pointer, times
        // ago, animations) and matter only to an item read as no message yet: a message drawn hidden, or marked with
        // its side a moment after it is drawn, is read once the change comes.
        if (record.type === "attributes" && adapter.channel !== "call") {
          changed = this.#invalidateUnread(record.target) || changed;
        } else {
          this.#invalidate(record.target);
          changed = true;
        }
      }
      if (changed) this.#schedule();
    });
    this.#observer.observe(transcript, { childList: true, subtree: true, characterData: true, attributes: true });
  }

  /** How many messages have been read from this pane, each once (0: an empty chat, or a pane that holds something else). */
  get messagesRead(): number {
    return this.#messagesRead;
  }

  /** The last messages read, oldest first: what the popup shows so the agent can see the right thing is read. */
  get recent(): Array<{ speaker: Speaker; text: string }> {
    return this.#recent.map(({ speaker, text }) => ({ speaker, text }));
  }

  stop(): void {
    this.#observer.disconnect();
    clearTimeout(this.#stableTimer);
    this.#cancelWait?.();
  }

  /**
   * Mutations come in bursts while a console renders a message: read once per burst, before the next paint, so that a
   * nudge can be drawn with the message. In a flood (messages each in a task of their own, faster than frames) the
   * bursts are read together, at the next frame or later: each reading has the browser lay the page out, and one a
   * message would cost more than the page's own work. A hidden tab draws no frames: there, a timer.
   */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const read = () => {
      this.#cancelWait?.();
      this.#scheduled = false;
      this.#cancelWait = undefined;
      const started = performance.now();
      this.#read(false);
      this.#readCost = performance.now() - started;
    };
    const spacing = Math.min(MAX_SPACING_MS, Math.max(FRAME_MS, SPACING_PER_COST * this.#readCost));
    const wait = this.#flooded ? this.#lastReadAt + spacing - performance.now() : 0;
    // Another conversation shown is looked at at once: what is added to it next is its live conversation.
    if (wait <= 0 || this.#switched()) {
      queueMicrotask(read);
    } else {
      // Within a frame, the next frame; a hidden tab draws no frames (and one hidden while waiting stops drawing), and
      // a reading spaced further than a frame waits longer: the timer reads it all the same.
      const nextFrame = wait <= FRAME_MS && !document.hidden;
      const frame = nextFrame ? requestAnimationFrame(read) : 0;
      const timer = setTimeout(read, nextFrame ? HIDDEN_TAB_MS : wait);
      this.#cancelWait = () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    }
  }

  /** The page shows another conversation than this session's. */
  #switched(): boolean {
    return this.#adapter.conversationKey(document, this.transcript) !== this.context.key;
  }

  /** The item read that holds `target`, if any. */
  #cachedItem(target: Node): Element | undefined {
    for (let node: Node | null = target; node && node !== this.transcript; node = node.parentNode) {
      if (node instanceof Element && this.#cache.has(node)) return node;
    }
    return undefined;
  }

  /** A change inside a message (an edit, a late-rendered body) makes that message be read again. */
  #invalidate(target: Node): void {
    const item = this.#cachedItem(target);
    if (item) this.#cache.delete(item);
  }

  /** Whether `target` is inside an item read as no message, now to be read again. */
  #invalidateUnread(target: Node): boolean {
    const item = this.#cachedItem(target);
    return !!item && this.#cache.get(item) === null && this.#cache.delete(item);
  }

  #readItem(item: Element): Read | null {
    let message = this.#cache.get(item);
    if (message === undefined) {
      const read = readItem(this.#adapter, item, this.#options);
      message = read ? { ...read, id: this.#adapter.messageId(item), element: item } : null;
      this.#cache.set(item, message);
    }
    return message;
  }

  #read(history: boolean): void {
    this.#lastReadAt = performance.now();
    if (this.#switched()) {
      this.#onSwitch();
      return;
    }
    const messages: Read[] = [];
    const newest = this.#adapter.newestMessages?.(this.transcript) ?? this.#adapter.messages(this.transcript).reverse().values();
    // From the newest back: a message already known marks where the past starts, and a first reading needs no more
    // than the history worth sending. A pane of thousands costs the new messages, not a reading of every one.
    for (const item of newest) {
      const known = this.#known.has(item) && this.#cache.has(item);
      const message = this.#readItem(item);
      if (!message) continue;
      messages.push(message);
      if (known) break;
      if (history && messages.length >= MAX_HISTORY) {
        // The older history is not read, only known by id, so that a virtualised list scrolled up is not taken as new.
        this.context.tracker.markSeen(Array.from(newest).flatMap((older) => this.#adapter.messageId(older) ?? []));
        break;
      }
    }
    messages.reverse();
    const fresh = messages.filter((message) => message.text && !this.#known.has(message.element));
    if (history && this.#options.late && fresh.length <= 1 && this.#messagesRead + fresh.length <= 1) history = false;
    if (this.#adapter.channel === "call" && !history) this.#holdBackOpenSpeech(messages);
    const { added } = this.context.tracker.read(messages);
    const now = performance.now();
    this.#flooded = added.length > 1 || (added.length === 1 && now - this.#lastAddedAt < FRAME_MS);
    if (added.length) this.#lastAddedAt = now;
    const withText = messages.filter((message) => message.text);
    for (const message of withText) {
      if (this.#known.has(message.element)) continue;
      this.#known.add(message.element);
      this.#messagesRead++;
    }
    if (withText.length) this.#recent = [...this.#recent.filter((old) => !withText.some((m) => m.element === old.element)), ...withText].slice(-RECENT_MESSAGES);
    if (!history) {
      for (const message of added) this.context.send(this.#liveTurn(message as Read), "live");
      return;
    }
    // Every message is known (so none comes back as new), but only the recent past is worth the engine's time. What
    // the customer said after the agent's last reply is waiting for the agent now: coached as it would have been live.
    const waiting = this.#adapter.channel === "chat" && this.#options.coachWaiting ? unansweredFrom(added) : added.length;
    added.forEach((message, i) => {
      if (i >= waiting) this.context.send(this.#liveTurn(message as Read), "unanswered");
      else if (i >= waiting - MAX_HISTORY) this.context.send(this.#historyTurn(message), "history");
    });
  }

  #historyTurn({ speaker, text }: { speaker: Speaker; text: string }): ConversationEvent {
    return { type: "turn", speaker, text, at: 0 };
  }

  #liveTurn(message: Read): ConversationEvent {
    const now = this.context.now();
    if (this.#adapter.channel !== "call") return { type: "turn", speaker: message.speaker, text: message.text, at: now };
    const speech = this.#speech.get(message.element) ?? { firstSeen: now, lastChange: now, text: message.text };
    const shown = this.#adapter.shownTimes?.(message.element);
    if (shown?.at !== undefined) {
      this.#shownOffset ??= speech.firstSeen - shown.at;
      const at = Math.max(0, shown.at + this.#shownOffset);
      const end = shown.end !== undefined ? Math.max(at, shown.end + this.#shownOffset) : speech.lastChange;
      return { type: "turn", speaker: message.speaker, text: message.text, at, end };
    }
    return { type: "turn", speaker: message.speaker, text: message.text, at: speech.firstSeen, end: Math.max(speech.firstSeen, speech.lastChange) };
  }

  /** Speech still being recognised is not a turn yet: the last item waits until it is final. */
  #holdBackOpenSpeech(messages: Read[]): void {
    const now = this.context.now();
    for (const message of messages) {
      const speech = this.#speech.get(message.element);
      if (!speech) this.#speech.set(message.element, { firstSeen: now, lastChange: now, text: message.text });
      else if (speech.text !== message.text) Object.assign(speech, { lastChange: now, text: message.text });
    }
    const last = messages.at(-1);
    if (!last) return;
    const interim = this.#adapter.interim?.(last.element);
    const settled = now - this.#speech.get(last.element)!.lastChange >= STABLE_SPEECH_MS / 1000;
    if (interim === false || (interim === undefined && settled)) return;
    messages.pop();
    // Nothing may change again on the page: look once more when the text would count as settled.
    clearTimeout(this.#stableTimer);
    if (interim === undefined) this.#stableTimer = setTimeout(() => this.#read(false), STABLE_SPEECH_MS);
  }
}

/** Where the customer's turns after the agent's last reply start (the length: none are waiting). */
function unansweredFrom(messages: readonly { speaker: Speaker }[]): number {
  let start = messages.length;
  while (start > 0 && messages[start - 1]!.speaker === "customer") start--;
  return start;
}
