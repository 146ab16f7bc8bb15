import type { z } from "zod";
import type { Channel, Speaker } from "../conversation.js";

/** A turn or draft as rule kinds see it: its signals already detected, its place in the conversation known. */
export interface TurnView {
  index: number;
  kind: "turn" | "draft";
  speaker: Speaker;
  at: number;
  end: number | undefined;
  words: number;
  signals: ReadonlySet<string>;
  /** The agent reply being written: its drafts and its sent turn share this number. */
  reply: number;
  /** Sent agent turns so far, this one included when it is one. */
  agentTurns: number;
}

export interface TypingView {
  index: number;
  speaker: Speaker;
  at: number;
  until: number | undefined;
}

/** What the engine knows of the conversation as a whole, at the moment of the event. */
export interface Facts {
  channel: Channel;
  customerNameKnown: boolean;
  /** Words in sent customer turns before this event. */
  customerWords: number;
  /** Words in sent agent turns, this one included. */
  agentWords: number;
}

export interface Raise {
  /** The event the nudge is about (for a timer, the event the wait started from). */
  event: number;
  at: number;
}

export interface KindContext {
  facts: Facts;
  /** Would the engine raise this rule now (cooldown, cap, a draft of this reply already raised)? */
  canRaise(at: number, view?: TurnView): boolean;
}

/** One rule's behaviour over one conversation. State is plain JSON, so the engine can snapshot and restore it. */
export interface RuleBehaviour<S> {
  init(): S;
  onTurn?(state: S, view: TurnView, ctx: KindContext): Raise | undefined;
  onTyping?(state: S, view: TypingView, ctx: KindContext): void;
  /** When this rule's timer is due, if it has one running. */
  dueAt?(state: S): number | undefined;
  onDue?(state: S, ctx: KindContext): Raise | undefined;
}

export interface OutcomeSpec {
  speaker: Speaker;
  followedIf: string[];
  missedIf?: string[] | undefined;
}

export interface RuleKind<P> {
  /** The kind's id, as rules name it in `kind`; also its file name. */
  id: string;
  params: z.ZodType<P>;
  create(params: P): RuleBehaviour<unknown>;
  /** Kinds whose nudges are decided by the other party's reply say how. */
  outcome?(params: P): OutcomeSpec | undefined;
  /**
   * Kinds raised by what a turn says name the signals that raise them: their words in that turn are the card's
   * "because" line and fill the {issue} slot. Kinds raised by time, counts or overlap have none.
   */
  raisedBy?(params: P): readonly string[];
  /**
   * The kind judges a turn by its timing and word count only, so a turn heard without its words (a call's audio: empty
   * text, an estimated word count) is judged too. Every other kind skips such a turn: it would read a turn that said
   * nothing, and coach on the absence of words that were in fact spoken.
   */
  judgesUnreadTurns?: boolean;
}

const has = (signals: ReadonlySet<string>, names: readonly string[] | undefined) => !!names?.some((n) => signals.has(n));
export const signalHelpers = { has };
