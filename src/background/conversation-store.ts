import type { ConversationEventsMessage, ConversationRef, ConversationSummary, EventAck } from "../shared/messages.js";
import type { ConversationEvent } from "../engine/conversation.js";
import type { PushOptions } from "../engine/engine.js";
import type { EngineStep, Nudge } from "../engine/nudge.js";
import { emptyTally, nudgeId, scorecardOf, tallyEvent, type Tally } from "../trainer/scorecard.js";
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
  /** The number the conversation's next delivery of nudges gets. (Absent in states saved before the outbox.) */
  nextDelivery?: number;
  /** The nudges whose card the agent saw (`nudgeId`). (Absent in states saved before it.) */
  shown?: string[];
  /** The nudges whose suggested reply the agent inserted (`nudgeId`). (Absent in states saved before it.) */
  used?: string[];
  /** The agent's answers to nudges: "rated" or "snoozed", and the `nudgeId`. (Absent in states saved before them.) */
  answered?: string[];
}

/** A conversation whose timers fired: where it is, and what its page is to receive. */
export interface Ticked {
  tabId: number;
  frameId: number;
  ref: ConversationRef;
  step: EngineStep;
  /** The raised nudges let through to the page. */
  admitted: Nudge[];
  /** The resolved nudges whose card the agent saw: the outcomes the statistics count. */
  resolvedShown: Nudge[];
  outbox: Delivery[];
}

/** Nudges raised and resolved by one batch, as the page is to receive them. */
export interface Delivery {
  delivery: number;
  raised: Nudge[];
  resolved: Nudge[];
}

/**
 * What a batch's step gives the page (the raised nudges the density gate let through, the resolved ones), and what is
 * to be saved in the same write as the conversation state (the gate's window), or nothing to deliver.
 */
export interface Outgoing {
  raised: Nudge[];
  resolved: Nudge[];
  alsoSave?: Record<string, unknown>;
}

interface Live extends Omit<Saved, "coach" | "tally" | "nextDelivery" | "shown" | "used" | "answered"> {
  coach: Coach;
  tally: Tally;
  nextDelivery: number;
  shown: string[];
  used: string[];
  answered: string[];
  /** Deliveries the page has not acknowledged, oldest first: saved under the outbox key, beside the state. */
  outbox: Delivery[];
}

export interface Accepted {
  ack: EventAck;
  step: EngineStep;
  /** The resolved nudges whose card the agent saw: the outcomes the statistics count. */
  resolvedShown: Nudge[];
  /** Every delivery the page has not acknowledged yet, this batch's included: each saved before it is sent. */
  outbox: Delivery[];
}

/**
 * One conversation state per tab, frame and console conversation. Each state is saved to session storage after every
 * batch, with its outbox: the nudges it gave the page are kept until the page says it received them. The MV3 worker
 * can be stopped at any moment and resume where it was, and send again what the page may not have received: no nudge
 * lost, none repeated (the page recognises one it has, and each delivery has its number).
 */
export class ConversationStore {
  private readonly live = new Map<string, Live>();
  /** When each conversation's next timer is due (ms since the epoch), by state key; saved under DUE_KEY. */
  private due: Map<string, number> | undefined;
  /** Events of one conversation are handled one at a time, in order, even across awaits. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: SessionStorage,
    private readonly createCoach: CoachFactory,
    private readonly report: (problem: string) => void = () => undefined,
  ) {}

  /**
   * Takes a batch of events in; resolves once the conversation's state is saved, with its outbox, so that the
   * acknowledgement and the deliveries are safe to send: nothing the page is given is lost if the worker stops after.
   * `outgoing` turns the engine's step into what the page is to receive (or nothing), before the save; `judging`: how
   * the batch's events are pushed (a call's timing judged from its audio instead).
   */
  accept(tabId: number, frameId: number, message: ConversationEventsMessage, outgoing?: (step: EngineStep) => Outgoing | undefined, judging: Pick<PushOptions, "timingJudgedElsewhere"> = {}): Promise<Accepted> {
    return this.queued(storageKey(tabId, frameId, message.conversation), (key) => this.handle(key, message, outgoing, judging));
  }

  /** The page received a delivery: it leaves the outbox. */
  acknowledge(tabId: number, frameId: number, conversation: Pick<ConversationRef, "adapter" | "key">, delivery: number): Promise<void> {
    return this.queued(storageKey(tabId, frameId, conversation), async (key) => {
      const state = this.live.get(key) ?? (await this.load(key));
      const index = state?.outbox.findIndex((sent) => sent.delivery === delivery) ?? -1;
      if (!state || index < 0) return;
      state.outbox.splice(index, 1);
      await this.storage.set({ [outboxKey(key)]: state.outbox }).catch((error: unknown) => this.report(`Could not save the conversation state: ${errorText(error)}`));
    });
  }

  private queued<T>(key: string, task: (key: string) => Promise<T>): Promise<T> {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => task(key));
    this.queues.set(key, run.catch(() => undefined));
    return run;
  }

  /**
   * The agent saw a nudge's card: what the popup counts as shown. Resolves with the nudge the first time (its outcome
   * may be decided already, the page's report coming after the agent's reply), undefined for a card seen before.
   */
  markShown(tabId: number, frameId: number, conversation: Pick<ConversationRef, "adapter" | "key">, nudge: Pick<Nudge, "rule" | "event">): Promise<Nudge | undefined> {
    return this.queued(storageKey(tabId, frameId, conversation), async (key) => {
      const state = this.live.get(key) ?? (await this.load(key));
      const id = nudgeId(nudge);
      const known = state?.coach.nudges().find((n) => nudgeId(n) === id);
      if (!state || !known || state.shown.includes(id)) return undefined;
      state.shown.push(id);
      await this.saveState(key, state);
      return known;
    });
  }

  /** The agent inserted the suggested reply of a card shown (Insert). Resolves true the first time that nudge is used. */
  markUsed(tabId: number, frameId: number, conversation: Pick<ConversationRef, "adapter" | "key">, nudge: Pick<Nudge, "rule" | "event">): Promise<boolean> {
    return this.queued(storageKey(tabId, frameId, conversation), async (key) => {
      const state = this.live.get(key) ?? (await this.load(key));
      const id = nudgeId(nudge);
      if (!state || !state.shown.includes(id) || state.used.includes(id)) return false;
      state.used.push(id);
      await this.saveState(key, state);
      return true;
    });
  }

  /**
   * The agent answered a nudge (rated it, or snoozed its rule from it), on a card or in the call window, where a call's
   * nudge shows as well: true the first time that answer is given to that nudge, or, `undo`, when one given is taken
   * back. A conversation the worker does not hold: true, counted as an answer naming no nudge is.
   */
  answer(tabId: number, frameId: number, conversation: Pick<ConversationRef, "adapter" | "key">, nudge: Pick<Nudge, "rule" | "event">, answer: "rated" | "snoozed", undo = false): Promise<boolean> {
    return this.queued(storageKey(tabId, frameId, conversation), async (key) => {
      const state = this.live.get(key) ?? (await this.load(key));
      if (!state) return true;
      const id = `${answer}\u0000${nudgeId(nudge)}`;
      if (state.answered.includes(id) !== undo) return false;
      state.answered = undo ? state.answered.filter((given) => given !== id) : [...state.answered, id];
      await this.saveState(key, state);
      return true;
    });
  }

  private async saveState(key: string, state: Live): Promise<void> {
    const { coach, outbox: _outbox, ...rest } = state;
    await this.storage.set({ [key]: { ...rest, coach: coach.snapshot() } satisfies Saved }).catch((error: unknown) => this.report(`Could not save the conversation state: ${errorText(error)}`));
  }

  /** Every conversation whose state key starts with `prefix`, in memory or back from session storage. */
  private async states(prefix: string): Promise<Array<[string, Live]>> {
    const stored = await this.storage.get(null);
    const keys = new Set([...this.live.keys(), ...Object.keys(stored)].filter((key) => key.startsWith(prefix)));
    return [...keys].map((key) => [key, this.live.get(key) ?? this.revive(key, stored[key] as Saved, stored[outboxKey(key)])]);
  }

  /** What the popup shows for a tab: each conversation read in it and how its nudges went. */
  async summaries(tabId: number): Promise<ConversationSummary[]> {
    return (await this.states(`conversation:${tabId}:`)).map(([key, state]) => {
      const nudges = state.coach.nudges();
      const seen = { shown: new Set(state.shown), used: new Set(state.used) };
      // The figures are the scorecard's: the popup and the scorecard cannot disagree.
      const scorecard = scorecardOf(state.tally, nudges, seen);
      const figures = Object.fromEntries(Object.entries(scorecard.nudges).map(([figure, count]) => [figure, count.value])) as Record<keyof typeof scorecard.nudges, number>;
      return {
        frameId: placeOf(key).frameId,
        adapter: state.ref.adapter,
        key: state.ref.key,
        channel: state.ref.channel,
        language: state.coach.language(),
        startedAt: state.startedAt,
        nudges: figures,
        list: nudges.map(({ rule, event, at, severity, outcome, message }) => ({
          rule, event, at, severity, outcome, message, shown: seen.shown.has(nudgeId({ rule, event })), used: seen.used.has(nudgeId({ rule, event })),
        })),
        scorecard,
      };
    });
  }

  /** The frames of a tab that read a call from its page (a voice console's live transcript). */
  async callFrames(tabId: number): Promise<number[]> {
    const calls = (await this.states(`conversation:${tabId}:`)).filter(([, state]) => state.ref.channel === "call");
    return [...new Set(calls.map(([key]) => placeOf(key).frameId))];
  }

  async forgetTab(tabId: number): Promise<void> {
    const prefix = `conversation:${tabId}:`;
    const keys = [...this.live.keys()].filter((key) => key.startsWith(prefix));
    for (const key of keys) this.live.delete(key);
    const stored = Object.keys(await this.storage.get(null)).filter((key) => key.startsWith(prefix));
    const states = [...new Set([...keys, ...stored])];
    await this.storage.remove([...states, ...states.map(outboxKey)]);
    const due = await this.dueIndex();
    if (states.some((key) => due.delete(key))) await this.storage.set({ [DUE_KEY]: Object.fromEntries(due) });
  }

  private async handle(key: string, message: ConversationEventsMessage, outgoing: ((step: EngineStep) => Outgoing | undefined) | undefined, judging: Pick<PushOptions, "timingJudgedElsewhere">): Promise<Accepted> {
    const state = this.live.get(key) ?? (await this.load(key)) ?? this.start(key, message);
    const step: EngineStep = { raised: [], resolved: [] };
    let acceptedThrough = -1;
    let pushed = false;
    for (const { seq, event, history, unanswered } of message.events) {
      acceptedThrough = seq;
      if (message.session !== state.session) {
        // The page was reloaded (or its transcript re-drawn): what it reads as history, the conversation already has,
        // and the moments in it were coached when they were first read.
        if (history && state.events > 0) continue;
        state.session = message.session;
        state.nextSeq = seq;
        // What the page before did not acknowledge was about its moments, now past: the new page is not shown it.
        state.outbox = [];
        state.offset = Math.max(0, message.sessionStartedAt - state.startedAt) / 1000;
      }
      // An event the worker already took (the content script resent it after a restart) is not pushed again.
      if (seq < state.nextSeq) continue;
      const onClock = onConversationClock(event, state.offset);
      // History is context; what in it still waits for the agent is a moment, the first time the conversation is read.
      const moment = !history || !!unanswered;
      const result = state.coach.push(onClock, { ...judging, context: !moment });
      tallyEvent(state.tally, state.events, onClock, result.read);
      state.nextSeq = seq + 1;
      state.events += 1;
      pushed = true;
      for (const failure of result.errors ?? []) this.report(`Rule ${failure.rule} failed: ${failure.message}`);
      if (moment) {
        step.raised.push(...result.raised);
        step.resolved.push(...result.resolved);
      }
    }
    if (pushed && !(await this.settle(key, state, step, outgoing))) {
      // Not saved: nothing of this batch is handed over, and the page keeps its events, which it sends again at once. A
      // worker being stopped (whose storage calls fail) is then gone, and the next one takes the batch from the last
      // saved state, numbering its deliveries on from there; storage full, the resent batch finds the state in memory,
      // and its deliveries go out from there: coaching goes on, and the problem shows in the popup.
      return { ack: { ok: true, acceptedThrough: message.events[0]!.seq - 1 }, step, resolvedShown: [], outbox: [] };
    }
    // A reloaded page's history batches come before its session takes over: the outbox is not theirs.
    return { ack: { ok: true, acceptedThrough }, step, resolvedShown: shownOf(state, step.resolved), outbox: message.session === state.session ? [...state.outbox] : [] };
  }

  /**
   * Fires the timers due by `now` (ms since the epoch) in every conversation: the nudges that come while nobody writes
   * ("the customer has waited 30 s"). Returns each conversation's outbox to send, as `accept` does.
   */
  async tickDue(now: number, outgoing: (tabId: number, conversation: ConversationRef, step: EngineStep) => Promise<Outgoing | undefined>): Promise<Ticked[]> {
    const due = await this.dueIndex();
    const ticked: Ticked[] = [];
    for (const [key, at] of [...due]) {
      if (at > now) continue;
      const result = await this.queued(key, async () => {
        const state = this.live.get(key) ?? (await this.load(key));
        if (!state) {
          due.delete(key);
          return undefined;
        }
        const step = state.coach.tick((now - state.startedAt) / 1000);
        const { tabId, frameId } = placeOf(key);
        let admitted: Nudge[] = [];
        const settled = await this.settle(key, state, step, async (s) => {
          const out = await outgoing(tabId, state.ref, s);
          admitted = out?.raised ?? [];
          return out;
        });
        if (!settled) return undefined;
        return { tabId, frameId, ref: state.ref, step, admitted, resolvedShown: shownOf(state, step.resolved), outbox: [...state.outbox] };
      });
      if (result) ticked.push(result);
    }
    return ticked;
  }

  /** When the next timer of any conversation is due (ms since the epoch). */
  async nextDue(): Promise<number | undefined> {
    const due = [...(await this.dueIndex()).values()];
    return due.length ? Math.min(...due) : undefined;
  }

  private async dueIndex(): Promise<Map<string, number>> {
    if (!this.due) {
      const saved = (await this.storage.get(DUE_KEY))[DUE_KEY];
      const entries = saved && typeof saved === "object" ? Object.entries(saved as Record<string, unknown>) : [];
      this.due ??= new Map(entries.filter((entry): entry is [string, number] => Number.isFinite(entry[1])));
    }
    return this.due;
  }

  /**
   * What a step gives the page goes into the outbox, and the state is saved with it, the gate's window and the
   * conversation's next timer, in one write. False: not saved (reported); memory holds it, and nothing is to be handed
   * over yet.
   */
  private async settle(key: string, state: Live, step: EngineStep, outgoing?: (step: EngineStep) => Outgoing | undefined | Promise<Outgoing | undefined>): Promise<boolean> {
    let delivery: Outgoing | undefined;
    try {
      if (step.raised.length || step.resolved.length) delivery = await outgoing?.(step);
    } catch (error) {
      // Deciding what to show failed: the state is saved all the same, or the conversation would lose its events.
      this.report(`Could not show nudges: ${errorText(error)}`);
    }
    if (delivery && (delivery.raised.length || delivery.resolved.length)) {
      state.outbox.push({ delivery: state.nextDelivery++, raised: delivery.raised, resolved: delivery.resolved });
    }
    const due = await this.dueIndex();
    const next = state.coach.nextDue();
    if (next === undefined) due.delete(key);
    else due.set(key, state.startedAt + next * 1000);
    const { coach, outbox, ...rest } = state;
    const saved: Saved = { ...rest, coach: coach.snapshot() };
    // One write: the state, what it gave the page, and what else decided it (the gate's window, the next timer) stand or
    // fall together.
    const written = await this.storage.set({ [key]: saved, [outboxKey(key)]: outbox, [DUE_KEY]: Object.fromEntries(due), ...delivery?.alsoSave }).then(
      () => true,
      (error: unknown) => {
        this.report(`Could not save the conversation state: ${errorText(error)}`);
        return false;
      },
    );
    return written;
  }

  /** The conversation as the worker left it, from session storage (undefined: not seen before). */
  private async load(key: string): Promise<Live | undefined> {
    const stored = await this.storage.get(key);
    const saved = stored[key] as Saved | undefined;
    if (!saved) return undefined;
    const outbox = (await this.storage.get(outboxKey(key)))[outboxKey(key)];
    // Another task of the conversation cannot have loaded it meanwhile: they run one at a time.
    return this.revive(key, saved, outbox);
  }

  private start(key: string, message: ConversationEventsMessage): Live {
    const ref = message.conversation;
    const state: Live = { ref, coach: this.createCoach(ref), tally: emptyTally(ref.channel), session: "", nextSeq: 0, events: 0, startedAt: message.sessionStartedAt, offset: 0, nextDelivery: 0, outbox: [], shown: [], used: [], answered: [] };
    this.live.set(key, state);
    return state;
  }

  /** A conversation the worker had before it was stopped: back from its snapshot. */
  private revive(key: string, saved: Saved, outbox: unknown): Live {
    const state: Live = {
      ...saved,
      coach: this.createCoach(saved.ref, saved.coach),
      tally: saved.tally ?? emptyTally(saved.ref.channel),
      nextDelivery: saved.nextDelivery ?? 0,
      shown: Array.isArray(saved.shown) ? saved.shown : [],
      used: Array.isArray(saved.used) ? saved.used : [],
      answered: Array.isArray(saved.answered) ? saved.answered : [],
      outbox: Array.isArray(outbox) ? (outbox as Delivery[]) : [],
    };
    this.live.set(key, state);
    return state;
  }
}

/** Of these nudges, those whose card the agent saw. */
const shownOf = (state: Live, nudges: readonly Nudge[]) => nudges.filter((n) => state.shown.includes(nudgeId(n)));

/** Where the conversations' next timers are kept: one small record, read when a stopped worker starts again. */
const DUE_KEY = "due";

/** The tab and frame a state key names. */
function placeOf(stateKey: string): { tabId: number; frameId: number } {
  const [, tabId, frameId] = stateKey.split(":");
  return { tabId: Number(tabId), frameId: Number(frameId) };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function storageKey(tabId: number, frameId: number, ref: Pick<ConversationRef, "adapter" | "key">): string {
  return `conversation:${tabId}:${frameId}:${ref.adapter}:${ref.key}`;
}

/** Where a conversation's undelivered nudges are kept: apart from its state, so that an acknowledgement writes little. */
const outboxKey = (stateKey: string) => `outbox:${stateKey.slice("conversation:".length)}`;

/** A session's event on the conversation's clock: a reloaded page's times carry on from where the last left off. */
function onConversationClock(event: ConversationEvent, offset: number): ConversationEvent {
  if (!offset) return event;
  const shifted = { ...event, at: event.at + offset };
  if (shifted.type === "turn" && shifted.end !== undefined) shifted.end += offset;
  if (shifted.type === "typing" && shifted.until !== undefined) shifted.until += offset;
  return shifted;
}
