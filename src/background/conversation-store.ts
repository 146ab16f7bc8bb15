import type { ConversationEventsMessage, ConversationRef, ConversationSummary, EventAck } from "../shared/messages.js";
import type { ConversationEvent } from "../engine/conversation.js";
import type { EngineStep } from "../engine/nudge.js";
import { emptyTally, scorecardOf, tallyEvent, type Tally } from "../trainer/scorecard.js";
import type { Coach, CoachFactory } from "./coach.js";

/** The slice of `storage.session` the store needs; a Map stands in for it in unit tests. */
export interface SessionStorage {
  /** `null` reads everything. */
  get(key: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

interface Saved {
  ref: ConversationRef;
  /** The content-script session feeding the conversation, and the next event number expected from it. */
  session: string;
  nextSeq: number;
  /** Events the engine has taken in, over all sessions. */
  events: number;
  /** When the conversation's first session started (ms since the epoch): the engine's clock runs from here. */
  startedAt: number;
  /** Seconds from the conversation's start to the current session's. */
  offset: number;
  coach: unknown;
  /** What the scorecard is built from: counts, times and event indexes, no text. (Absent in states saved before it.) */
  tally?: Tally;
}

interface Live extends Omit<Saved, "coach" | "tally"> {
  coach: Coach;
  tally: Tally;
}

export interface Accepted {
  ack: EventAck;
  step: EngineStep;
}

/**
 * One conversation state per tab, frame and console conversation. Each state is saved to session storage after every
 * event, so the MV3 worker can be stopped at any moment and resume where it was: no nudge lost, none repeated.
 */
export class ConversationStore {
  private readonly live = new Map<string, Live>();
  /** Events of one conversation are handled one at a time, in order, even across awaits. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: SessionStorage,
    private readonly createCoach: CoachFactory,
    private readonly report: (problem: string) => void = () => undefined,
  ) {}

  /**
   * Takes a batch of events in; resolves once the conversation's state is saved, so the acknowledgement it carries is
   * safe to send. `beforeSaving` gets the engine's step as soon as it is known: the nudges need not wait for storage.
   * Should the worker stop in between, the unacknowledged events come again and raise the same nudges (same rule,
   * same event), which the content script recognises.
   */
  accept(tabId: number, frameId: number, message: ConversationEventsMessage, beforeSaving?: (step: EngineStep) => void): Promise<Accepted> {
    const key = storageKey(tabId, frameId, message.conversation);
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => this.handle(key, message, beforeSaving));
    this.queues.set(key, run.catch(() => undefined));
    return run;
  }

  /** What the popup shows for a tab: each conversation read in it and how its nudges went. */
  async summaries(tabId: number): Promise<ConversationSummary[]> {
    const prefix = `conversation:${tabId}:`;
    const stored = await this.storage.get(null);
    const keys = new Set([...this.live.keys(), ...Object.keys(stored)].filter((key) => key.startsWith(prefix)));
    const summaries: ConversationSummary[] = [];
    for (const key of keys) {
      const state = this.live.get(key) ?? this.revive(key, stored[key] as Saved);
      const nudges = state.coach.nudges();
      summaries.push({
        frameId: Number(key.split(":")[2]),
        adapter: state.ref.adapter,
        key: state.ref.key,
        channel: state.ref.channel,
        language: state.coach.language(),
        nudges: {
          raised: nudges.length,
          followed: nudges.filter((n) => n.outcome === "followed").length,
          missed: nudges.filter((n) => n.outcome === "missed").length,
          open: nudges.filter((n) => n.outcome === "open").length,
        },
        list: nudges.map(({ rule, event, at, severity, outcome }) => ({ rule, event, at, severity, outcome })),
        scorecard: scorecardOf(state.tally, nudges),
      });
    }
    return summaries;
  }

  async forgetTab(tabId: number): Promise<void> {
    const prefix = `conversation:${tabId}:`;
    const keys = [...this.live.keys()].filter((key) => key.startsWith(prefix));
    for (const key of keys) this.live.delete(key);
    const stored = Object.keys(await this.storage.get(null)).filter((key) => key.startsWith(prefix));
    await this.storage.remove([...new Set([...keys, ...stored])]);
  }

  private async handle(key: string, message: ConversationEventsMessage, beforeSaving?: (step: EngineStep) => void): Promise<Accepted> {
    const state = this.live.get(key) ?? (await this.load(key, message));
    const step: EngineStep = { raised: [], resolved: [] };
    let acceptedThrough = -1;
    let pushed = false;
    for (const { seq, event, history } of message.events) {
      acceptedThrough = seq;
      if (message.session !== state.session) {
        // The page was reloaded (or its transcript re-drawn): what it reads as history, the conversation already has.
        if (history && state.events > 0) continue;
        state.session = message.session;
        state.nextSeq = seq;
        state.offset = Math.max(0, message.sessionStartedAt - state.startedAt) / 1000;
      }
      // An event the worker already took (the content script resent it after a restart) is not pushed again.
      if (seq < state.nextSeq) continue;
      const onClock = onConversationClock(event, state.offset);
      const result = state.coach.push(onClock);
      tallyEvent(state.tally, state.events, onClock, result.read);
      state.nextSeq = seq + 1;
      state.events += 1;
      pushed = true;
      for (const failure of result.errors ?? []) this.report(`Rule ${failure.rule} failed: ${failure.message}`);
      if (!history) {
        step.raised.push(...result.raised);
        step.resolved.push(...result.resolved);
      }
    }
    try {
      beforeSaving?.(step);
    } catch (error) {
      // Showing the nudges failed: the state is saved all the same, or the conversation would lose its events.
      this.report(`Could not show nudges: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (pushed) {
      const { coach, ...rest } = state;
      const saved: Saved = { ...rest, coach: coach.snapshot() };
      // Storage full or failing: coaching goes on from memory, and the problem shows in the popup.
      await this.storage.set({ [key]: saved }).catch((error: unknown) => this.report(`Could not save the conversation state: ${error instanceof Error ? error.message : String(error)}`));
    }
    return { ack: { ok: true, acceptedThrough }, step };
  }

  private async load(key: string, message: ConversationEventsMessage): Promise<Live> {
    const ref = message.conversation;
    const saved = (await this.storage.get(key))[key] as Saved | undefined;
    if (saved) return this.revive(key, saved);
    const state: Live = { ref, coach: this.createCoach(ref), tally: emptyTally(ref.channel), session: "", nextSeq: 0, events: 0, startedAt: message.sessionStartedAt, offset: 0 };
    this.live.set(key, state);
    return state;
  }

  /** A conversation the worker had before it was stopped: back from its snapshot. */
  private revive(key: string, saved: Saved): Live {
    const state: Live = { ...saved, coach: this.createCoach(saved.ref, saved.coach), tally: saved.tally ?? emptyTally(saved.ref.channel) };
    this.live.set(key, state);
    return state;
  }
}

function storageKey(tabId: number, frameId: number, ref: ConversationRef): string {
  return `conversation:${tabId}:${frameId}:${ref.adapter}:${ref.key}`;
}

/** A session's event on the conversation's clock: a reloaded page's times carry on from where the last left off. */
function onConversationClock(event: ConversationEvent, offset: number): ConversationEvent {
  if (!offset) return event;
  const shifted = { ...event, at: event.at + offset };
  if (shifted.type === "turn" && shifted.end !== undefined) shifted.end += offset;
  if (shifted.type === "typing" && shifted.until !== undefined) shifted.until += offset;
  return shifted;
}
