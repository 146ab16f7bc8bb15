import type { ConversationEventMessage, ConversationRef, ConversationSummary, EventAck } from "../shared/messages.js";
import type { EngineStep } from "../engine/nudge.js";
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
  nextSeq: number;
  coach: unknown;
}

interface Live {
  ref: ConversationRef;
  coach: Coach;
  nextSeq: number;
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
  ) {}

  accept(tabId: number, frameId: number, message: ConversationEventMessage): Promise<Accepted> {
    const key = storageKey(tabId, frameId, message.conversation);
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => this.handle(key, message));
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

  private async handle(key: string, message: ConversationEventMessage): Promise<Accepted> {
    const state = this.live.get(key) ?? (await this.load(key, message.conversation));
    const empty: EngineStep = { raised: [], resolved: [] };
    // An event the worker already took (the content script resent it after a restart) is acknowledged, not pushed again.
    if (message.seq < state.nextSeq) return { ack: { ok: true, acceptedThrough: state.nextSeq - 1 }, step: empty };
    const step = state.coach.push(message.event);
    state.nextSeq = message.seq + 1;
    const saved: Saved = { ref: state.ref, nextSeq: state.nextSeq, coach: state.coach.snapshot() };
    await this.storage.set({ [key]: saved });
    return {
      ack: { ok: true, acceptedThrough: message.seq },
      step: message.history ? empty : step,
    };
  }

  private async load(key: string, ref: ConversationRef): Promise<Live> {
    const saved = (await this.storage.get(key))[key] as Saved | undefined;
    if (saved) return this.revive(key, saved);
    const state: Live = { ref, coach: this.createCoach(ref), nextSeq: 0 };
    this.live.set(key, state);
    return state;
  }

  /** A conversation the worker had before it was stopped: back from its snapshot. */
  private revive(key: string, saved: Saved): Live {
    const state: Live = { ref: saved.ref, coach: this.createCoach(saved.ref, saved.coach), nextSeq: saved.nextSeq };
    this.live.set(key, state);
    return state;
  }
}

function storageKey(tabId: number, frameId: number, ref: ConversationRef): string {
  return `conversation:${tabId}:${frameId}:${ref.adapter}:${ref.key}`;
}
