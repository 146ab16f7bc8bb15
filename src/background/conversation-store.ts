import type { ConversationEventMessage, ConversationRef, EventAck } from "../shared/messages.js";
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
  nextSeq: number;
  coach: unknown;
}

interface Live {
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
    const saved: Saved = { nextSeq: state.nextSeq, coach: state.coach.snapshot() };
    await this.storage.set({ [key]: saved });
    return {
      ack: { ok: true, acceptedThrough: message.seq },
      step: message.history ? empty : step,
    };
  }

  private async load(key: string, ref: ConversationRef): Promise<Live> {
    const saved = (await this.storage.get(key))[key] as Saved | undefined;
    const state: Live = saved
      ? { coach: this.createCoach(ref, saved.coach), nextSeq: saved.nextSeq }
      : { coach: this.createCoach(ref), nextSeq: 0 };
    this.live.set(key, state);
    return state;
  }
}

function storageKey(tabId: number, frameId: number, ref: ConversationRef): string {
  return `conversation:${tabId}:${frameId}:${ref.adapter}:${ref.key}`;
}
