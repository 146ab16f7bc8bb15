import { z } from "zod";
import { ChannelSchema, type Channel, type ConversationEvent } from "../engine/conversation.js";
import type { EngineStep, Nudge } from "../engine/nudge.js";

/** A place in the conversation a figure points at: the event's index and its time (seconds from the start). */
export const MomentSchema = z.object({ event: z.number(), at: z.number() });
export type Moment = z.infer<typeof MomentSchema>;

/** A count and every moment it counted. */
export const CountSchema = z.object({ value: z.number(), moments: z.array(MomentSchema) });
export type Count = z.infer<typeof CountSchema>;

/** What a scorecard shows (it travels from the worker to the popup: a schema, so the popup can check it). */
export const ScorecardSchema = z.object({
  channel: ChannelSchema,
  /** Agent turns carrying an open / a closed question. */
  openQuestions: CountSchema,
  closedQuestions: CountSchema,
  feelingAcknowledgements: CountSchema,
  apologies: CountSchema,
  thanks: CountSchema,
  /** Agent turns that use the customer's name. */
  nameUsed: CountSchema,
  /** Chat: seconds from a customer's first unanswered turn to the agent's reply, for each reply. */
  responseTime: z
    .object({ median: z.number(), longest: z.number(), longestAt: MomentSchema, replies: z.array(MomentSchema.extend({ seconds: z.number() })) })
    .optional(),
  /** Call: the agent's share of the words spoken, 0–1. */
  talkShare: z.object({ agent: z.number(), agentWords: z.number(), customerWords: z.number() }).optional(),
  /** Call: the agent's words a minute over the turns with a known end, and the fastest such turn (5+ words). */
  speechRate: z.object({ wordsPerMinute: z.number(), fastest: MomentSchema.extend({ wordsPerMinute: z.number() }) }).optional(),
  /** The longest run of agent turns with no customer turn between (chat: by words, call: by seconds). */
  longestMonologue: MomentSchema.extend({ words: z.number(), seconds: z.number(), turns: z.number() }).optional(),
  /**
   * `raised` by the engine; `shown`: their cards drawn on the agent's screen; `followed`, `missed` and still `open`: of
   * those shown; `used`: those whose suggested reply the agent inserted. The popup and the statistics count the same.
   */
  nudges: z.object({ raised: CountSchema, shown: CountSchema, followed: CountSchema, missed: CountSchema, open: CountSchema, used: CountSchema }),
});
export type Scorecard = z.infer<typeof ScorecardSchema>;

/** Signals counted on agent turns, and the figure each feeds. */
const COUNTED = {
  "question.open": "openQuestions",
  "question.closed": "closedQuestions",
  "ack.feeling": "feelingAcknowledgements",
  apology: "apologies",
  gratitude: "thanks",
  "name.customer": "nameUsed",
} as const;
type Counted = (typeof COUNTED)[keyof typeof COUNTED];

const MIN_RATE_WORDS = 5;

/** A nudge's identity in its conversation: its rule and the event that raised it. */
export const nudgeId = (nudge: Pick<Nudge, "rule" | "event">): string => `${nudge.rule}\u0000${nudge.event}`;

/** What the agent did with the nudges (by `nudgeId`): whose card was drawn, whose suggested reply was inserted. */
export interface Seen {
  shown: ReadonlySet<string>;
  used: ReadonlySet<string>;
}

interface Run extends Moment {
  words: number;
  seconds: number;
  turns: number;
}

/**
 * What a scorecard needs of a conversation so far, as small JSON: the worker keeps it beside the engine's snapshot
 * (no conversation text), and a replay keeps one per pane. Built one event at a time by `tallyEvent`.
 */
export interface Tally {
  channel: Channel;
  counts: Record<Counted, Moment[]>;
  replies: Array<Moment & { seconds: number }>;
  /** When the customer's first turn still unanswered was sent. */
  waitingSince?: number | undefined;
  words: { agent: number; customer: number };
  speech: { words: number; seconds: number };
  fastest?: (Moment & { wordsPerMinute: number }) | undefined;
  run?: Run | undefined;
  longest?: Run | undefined;
}

export function emptyTally(channel: Channel): Tally {
  return {
    channel,
    counts: Object.fromEntries(Object.values(COUNTED).map((figure) => [figure, []])) as unknown as Record<Counted, Moment[]>,
    replies: [],
    words: { agent: 0, customer: 0 },
    speech: { words: 0, seconds: 0 },
  };
}

/** Takes in one event (the `index`-th) with the engine's reading of it (the step `push` returned). Drafts are not counted. */
export function tallyEvent(tally: Tally, index: number, event: ConversationEvent, read: EngineStep["read"]): void {
  if (event.type !== "turn" || !read) return;
  const moment = { event: index, at: event.at };
  if (event.speaker === "customer") {
    tally.words.customer += read.words;
    tally.waitingSince ??= event.at;
    tally.run = undefined;
    return;
  }
  tally.words.agent += read.words;
  for (const [signal, figure] of Object.entries(COUNTED)) if (read.signals.includes(signal)) tally.counts[figure].push(moment);
  if (tally.waitingSince !== undefined) {
    tally.replies.push({ ...moment, seconds: round(event.at - tally.waitingSince) });
    tally.waitingSince = undefined;
  }
  const spoken = event.end !== undefined && event.end > event.at ? event.end - event.at : undefined;
  if (spoken !== undefined) {
    tally.speech.words += read.words;
    tally.speech.seconds += spoken;
    const wordsPerMinute = round((read.words / spoken) * 60);
    if (read.words >= MIN_RATE_WORDS && wordsPerMinute > (tally.fastest?.wordsPerMinute ?? -1)) tally.fastest = { ...moment, wordsPerMinute };
  }
  const run = tally.run ?? { ...moment, words: 0, seconds: 0, turns: 0 };
  run.words += read.words;
  run.turns += 1;
  run.seconds = round((event.end ?? event.at) - run.at);
  tally.run = run;
  const measure = (r: Run) => (tally.channel === "call" ? r.seconds : r.words);
  if (!tally.longest || measure(run) > measure(tally.longest)) tally.longest = { ...run };
}

const count = (moments: Moment[]): Count => ({ value: moments.length, moments });
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/**
 * The scorecard of what the tally has taken in, with the conversation's nudges (their outcomes as they stand) and what
 * the agent saw of them: outcomes are counted over the cards shown, as the agent knows them.
 */
export function scorecardOf(tally: Tally, nudges: readonly Nudge[], seen: Seen): Scorecard {
  const { counts, channel } = tally;
  const nudgeCount = (list: readonly Nudge[]) => count(list.map((n) => ({ event: n.event, at: n.at })));
  const shown = nudges.filter((n) => seen.shown.has(nudgeId(n)));
  const shownWith = (outcome: Nudge["outcome"]) => nudgeCount(shown.filter((n) => n.outcome === outcome));
  const longestReply = tally.replies.reduce<(Moment & { seconds: number }) | undefined>((best, r) => (!best || r.seconds > best.seconds ? r : best), undefined);
  const spokenWords = tally.words.agent + tally.words.customer;
  return {
    channel,
    openQuestions: count(counts.openQuestions),
    closedQuestions: count(counts.closedQuestions),
    feelingAcknowledgements: count(counts.feelingAcknowledgements),
    apologies: count(counts.apologies),
    thanks: count(counts.thanks),
    nameUsed: count(counts.nameUsed),
    responseTime:
      channel === "chat" && longestReply
        ? { median: median(tally.replies.map((r) => r.seconds)), longest: longestReply.seconds, longestAt: { event: longestReply.event, at: longestReply.at }, replies: tally.replies }
        : undefined,
    talkShare: channel === "call" && spokenWords ? { agent: round(tally.words.agent / spokenWords, 3), agentWords: tally.words.agent, customerWords: tally.words.customer } : undefined,
    speechRate:
      channel === "call" && tally.speech.seconds && tally.fastest
        ? { wordsPerMinute: round((tally.speech.words / tally.speech.seconds) * 60), fastest: tally.fastest }
        : undefined,
    longestMonologue: tally.longest,
    nudges: {
      raised: nudgeCount(nudges),
      shown: nudgeCount(shown),
      followed: shownWith("followed"),
      missed: shownWith("missed"),
      open: shownWith("open"),
      used: nudgeCount(shown.filter((n) => seen.used.has(nudgeId(n)))),
    },
  };
}
