import { ConversationSchema, createEngine, type CompiledPacks, type Conversation, type ConversationEvent, type ConversationInput, type Engine, type EngineStep, type Nudge } from "../engine/index.js";
import { emptyTally, nudgeId, scorecardOf, tallyEvent, type Scorecard, type Seen, type Tally } from "./scorecard.js";

/** What moving the clock forward did: the events now shown (with their index) and the nudges raised or resolved. */
export interface ReplayStep {
  events: Array<{ index: number; event: ConversationEvent }>;
  raised: Nudge[];
  resolved: Nudge[];
}

/**
 * A conversation played on a clock: events are pushed into the engine when the clock reaches their time, and timers
 * (no reply within 30 s…) fire as it passes. The trainer drives one per pane; the same code scores whole files.
 */
export class Replay {
  readonly conversation: Conversation;
  /** Seconds from the start. */
  time = 0;
  /** Index of the next event to show. */
  next = 0;
  /** The engine's reading of each event shown so far (by index): its signals and words; none for typing. */
  readonly reads: Array<EngineStep["read"]> = [];
  private engine: Engine;
  private tally: Tally;
  /** Closed by the trainee (a practice's Finish): nothing more is said, and what is still open was missed. */
  private closed = false;

  constructor(
    /** The packs it coaches with: the pane names their rules. */
    readonly packs: CompiledPacks,
    input: ConversationInput,
    private readonly interfaceLanguage = "en",
    /** A practice: no end, events appended as the trainee sends them. */
    private readonly live = false,
  ) {
    this.conversation = ConversationSchema.parse(input);
    this.engine = this.start();
    this.tally = emptyTally(this.conversation.channel);
  }

  private start(): Engine {
    const { language, channel, customerName } = this.conversation;
    return createEngine(this.packs, { language, channel, customerName, interfaceLanguage: this.interfaceLanguage });
  }

  /** When the conversation is over: its `endAt`, else its last event. */
  get end(): number {
    if (this.live) return Infinity;
    return this.conversation.endAt ?? this.conversation.events.at(-1)?.at ?? 0;
  }

  get done(): boolean {
    return this.next >= this.conversation.events.length && this.time >= this.end;
  }

  /** The time of the next event, or the end once every event is shown. */
  nextAt(): number | undefined {
    return this.conversation.events[this.next]?.at ?? (this.time < this.end ? this.end : undefined);
  }

  /** Moves the clock to `time` (never back): shows every event due by then, firing timers on the way. */
  advanceTo(time: number): ReplayStep {
    const step: ReplayStep = { events: [], raised: [], resolved: [] };
    const events = this.conversation.events;
    while (this.next < events.length && events[this.next]!.at <= time) {
      const index = this.next++;
      const event = events[index]!;
      const result = this.engine.push(event);
      tallyEvent(this.tally, index, event, result.read);
      this.reads[index] = result.read;
      step.events.push({ index, event });
      step.raised.push(...result.raised);
      step.resolved.push(...result.resolved);
    }
    this.time = Math.max(this.time, Math.min(time, Math.max(this.end, this.time)));
    const timers = this.engine.tick(this.time);
    step.raised.push(...timers.raised);
    step.resolved.push(...timers.resolved);
    return step;
  }

  /** A live event (practice): appended to the conversation and shown at once, the clock moved to its time. */
  append(event: ConversationEvent): ReplayStep {
    const at = Math.max(event.at, this.time);
    this.conversation.events.push({ ...event, at });
    return this.advanceTo(at);
  }

  /**
   * Ends a live conversation (a practice finished): every nudge still open is missed, as the agent's chance to follow
   * it has gone. The step resolves them.
   */
  close(): ReplayStep {
    const open = this.nudges().filter((nudge) => nudge.outcome === "open");
    this.closed = true;
    return { events: [], raised: [], resolved: open.map((nudge) => ({ ...nudge, outcome: "missed" })) };
  }

  /** Back to the start (to jump backwards, restart and advance). */
  reset(): void {
    this.closed = false;
    this.engine = this.start();
    this.tally = emptyTally(this.conversation.channel);
    this.reads.length = 0;
    this.time = 0;
    this.next = 0;
  }

  nudges(): Nudge[] {
    const nudges = this.engine.nudges();
    return this.closed ? nudges.map((nudge) => (nudge.outcome === "open" ? { ...nudge, outcome: "missed" } : nudge)) : nudges;
  }

  /** `seen`: what the screen showing the replay drew of its nudges (the trainer's pane), and what was inserted. */
  scorecard(seen: Seen): Scorecard {
    return scorecardOf(this.tally, this.nudges(), seen);
  }
}

/**
 * A whole conversation, played to its end: its nudges and its scorecard. Scored with no screen and no limit, every
 * nudge counts as shown; none as used.
 */
export function scoreConversation(packs: CompiledPacks, input: ConversationInput, interfaceLanguage = "en"): { nudges: Nudge[]; scorecard: Scorecard } {
  const replay = new Replay(packs, input, interfaceLanguage);
  replay.advanceTo(Infinity);
  const nudges = replay.nudges();
  return { nudges, scorecard: replay.scorecard({ shown: new Set(nudges.map(nudgeId)), used: new Set() }) };
}
