import type { Channel, ConversationEvent, ConversationInput } from "../engine/conversation.js";
import type { CompiledPacks, Nudge } from "../engine/index.js";
import type { Outcome, Severity } from "../engine/nudge.js";
import { Replay } from "./replay.js";
import type { Scorecard } from "./scorecard.js";

/**
 * The scorecard a trainer hands out: one conversation (a replay's variant, or a trainee's practice) set against the
 * scenario's good agent, moment by moment and figure by figure, with three things to work on. Pure data: the pages
 * word it in the interface language, print it and export it.
 */

/** A line of the conversation a moment quotes: its event and time, and its words. */
export interface Quote {
  event: number;
  at: number;
  text: string;
}

/** How the good agent's words were found for a moment (see `goodAgentAt`). */
export type MatchedBy = "customer-line" | "agent-turn";

/** A nudge the engine raised, the words it was about and what the good agent said at the same point. */
export interface HandoutMoment {
  rule: string;
  severity: Severity;
  outcome: Outcome;
  /** The raising event and its time. */
  event: number;
  at: number;
  /** The rule's message and suggestion, in the interface language. */
  message: string;
  suggestion: string;
  /** The customer's line the moment answers: the last customer turn at or before the raising event. */
  customer?: Quote | undefined;
  /** The agent's words at that point: the raising turn or draft if the agent's, else the agent's next turn. */
  agent?: Quote | undefined;
  /** The good agent's words at the equivalent point, and how that point was found. */
  good?: (Quote & { matchedBy: MatchedBy }) | undefined;
}

export const FIGURES = ["openQuestions", "closedQuestions", "closedInARow", "acknowledgementDelay", "talkShare", "interruptions", "medianReply", "longestReply"] as const;
export type FigureId = (typeof FIGURES)[number];
export type Unit = "count" | "seconds" | "share";

/** A team's target for a figure, and the rule setting it was read from. Every target is a most ("or less"). */
export interface Target {
  most: number;
  pack: string;
  rule: string;
  /** The rule's setting, such as "seconds" or "threshold"; for an interruption, none (the rule nudges at any). */
  param?: string | undefined;
}

/**
 * A listening figure. `null`: nothing to measure (no question asked, no frustration shown, a call's reply times);
 * `never`: the customer's frustration was never acknowledged.
 */
export interface Figure {
  id: FigureId;
  unit: Unit;
  /** Which way is better, for the comparison with the good agent. */
  better: "higher" | "lower";
  value: number | null;
  good: number | null;
  never?: boolean | undefined;
  goodNever?: boolean | undefined;
  target?: Target | undefined;
  /** Against the target, where there is one and a value to judge. */
  met?: boolean | undefined;
}

/** A number and how to write it; or words from the conversation or the pack (the rule's message, a quote). */
export type CoachingArg = { n: number; unit: Unit } | { text: string };

/** One thing to work on, as a message key (`coach…`) and its substitutions, in order. */
export interface Coaching {
  key: string;
  /** The figure or rule it is about. */
  about: string;
  args: CoachingArg[];
}

export interface Handout {
  channel: Channel;
  moments: HandoutMoment[];
  figures: Figure[];
  coaching: Coaching[];
}

interface Played {
  events: ConversationEvent[];
  reads: Replay["reads"];
  nudges: Nudge[];
  /** The scorecard's reply times (chats). */
  responseTime: Scorecard["responseTime"];
}

function play(packs: CompiledPacks, input: ConversationInput, interfaceLanguage: string): Played {
  const replay = new Replay(packs, input, interfaceLanguage);
  replay.advanceTo(Infinity);
  const nudges = replay.nudges();
  const card = replay.scorecard({ shown: new Set(), used: new Set() });
  return { events: replay.conversation.events, reads: replay.reads, nudges, responseTime: card.responseTime };
}

const isAgentTurn = (e: ConversationEvent | undefined): e is Extract<ConversationEvent, { type: "turn" }> => e?.type === "turn" && e.speaker === "agent";
const isCustomerTurn = (e: ConversationEvent | undefined): e is Extract<ConversationEvent, { type: "turn" }> => e?.type === "turn" && e.speaker === "customer";
const quote = (events: ConversationEvent[], index: number): Quote => {
  const e = events[index] as { at: number; text: string };
  return { event: index, at: e.at, text: e.text };
};

/**
 * The good agent's words at the point of the conversation where `agentOrdinal` agent turns came before and the
 * customer had just said `customerText` (its `occurrence`-th time): the good agent's reply to the same customer line
 * where the good variant has that line (a practice plays the scenario's own lines, and variants open alike); else
 * the good agent's turn of the same number (the third reply for the third reply), or its last if it has fewer.
 */
export function goodAgentAt(good: ConversationEvent[], customerText: string | undefined, occurrence: number, agentOrdinal: number): (Quote & { matchedBy: MatchedBy }) | undefined {
  if (customerText !== undefined) {
    let seen = 0;
    for (let i = 0; i < good.length; i++) {
      const e = good[i];
      if (!isCustomerTurn(e) || e.text !== customerText || seen++ !== occurrence) continue;
      const reply = good.findIndex((r, j) => j > i && isAgentTurn(r));
      if (reply >= 0) return { ...quote(good, reply), matchedBy: "customer-line" };
    }
  }
  const agentTurns = good.flatMap((e, i) => (isAgentTurn(e) ? [i] : []));
  const index = agentTurns[Math.min(agentOrdinal, agentTurns.length - 1)];
  return index === undefined ? undefined : { ...quote(good, index), matchedBy: "agent-turn" };
}

function momentsOf(trainee: Played, good: Played): HandoutMoment[] {
  const { events } = trainee;
  return trainee.nudges.map((nudge) => {
    const raising = events[nudge.event];
    const agentIndex = raising?.type === "draft" || isAgentTurn(raising) ? nudge.event : events.findIndex((e, i) => i > nudge.event && isAgentTurn(e));
    let customerIndex = -1;
    for (let i = Math.min(nudge.event, events.length - 1); i >= 0; i--) {
      if (isCustomerTurn(events[i])) {
        customerIndex = i;
        break;
      }
    }
    const customer = customerIndex >= 0 ? quote(events, customerIndex) : undefined;
    const occurrence = customer ? events.slice(0, customerIndex).filter((e) => isCustomerTurn(e) && e.text === customer.text).length : 0;
    const before = agentIndex >= 0 ? agentIndex : events.length;
    const agentOrdinal = events.slice(0, before).filter(isAgentTurn).length;
    return {
      rule: nudge.rule,
      severity: nudge.severity,
      outcome: nudge.outcome,
      event: nudge.event,
      at: nudge.at,
      message: nudge.message,
      suggestion: nudge.suggestion,
      customer,
      agent: agentIndex >= 0 ? quote(events, agentIndex) : undefined,
      good: goodAgentAt(good.events, customer?.text, occurrence, agentOrdinal),
    };
  });
}

/** The active rules of a kind for the channel, with their settings as they apply there (a call's own, over the rest). */
function rulesOf(packs: CompiledPacks, kind: string, channel: Channel): Array<{ pack: string; rule: string; params: Record<string, unknown> }> {
  return packs.rules
    .filter((c) => c.rule.kind === kind && c.rule.enabled && c.rule.channels.includes(channel))
    .map((c) => {
      const call = channel === "call" && typeof c.rule.params.call === "object" && c.rule.params.call ? (c.rule.params.call as Record<string, unknown>) : {};
      return { pack: c.pack, rule: c.rule.id, params: { ...c.rule.params, ...call } };
    });
}
const signalsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : []);
const anyOf = (value: unknown): string[] => signalsOf((value as { anyOf?: unknown } | undefined)?.anyOf);

/** What the figures are measured by and held to, read from the active rule pack. */
interface Yardsticks {
  frustration: string[];
  acknowledgement: string[];
  targets: Partial<Record<FigureId, Target>>;
  interruptionRules: Set<string>;
  /** The figures each rule's nudges are about (by rule id). */
  measuredBy: Map<string, FigureId[]>;
}

/** When the pack has no rule naming them: the shipped pack's signals for a feeling shown and acknowledged. */
const DEFAULT_FRUSTRATION = ["emotion.frustration"];
const DEFAULT_ACKNOWLEDGEMENT = ["ack.feeling", "apology"];

function yardsticks(packs: CompiledPacks, channel: Channel): Yardsticks {
  const targets: Partial<Record<FigureId, Target>> = {};
  const acknowledge = rulesOf(packs, "expect-reply", channel).find((r) => anyOf(r.params.expect).includes("ack.feeling"));
  const wait = rulesOf(packs, "no-reply-within", channel).find((r) => r.params.speaker !== "agent" && typeof r.params.seconds === "number");
  if (wait) {
    const target = { most: wait.params.seconds as number, pack: wait.pack, rule: wait.rule, param: "seconds" };
    targets.medianReply = targets.longestReply = targets.acknowledgementDelay = target;
  }
  const closed = rulesOf(packs, "consecutive", channel).find((r) => r.params.signal === "question.closed" && typeof r.params.count === "number");
  if (closed) targets.closedInARow = { most: (closed.params.count as number) - 1, pack: closed.pack, rule: closed.rule, param: "count" };
  const share = rulesOf(packs, "metric", channel).find((r) => r.params.measure === "talk-share" && typeof r.params.threshold === "number");
  if (share) targets.talkShare = { most: share.params.threshold as number, pack: share.pack, rule: share.rule, param: "threshold" };
  const overlaps = rulesOf(packs, "overlap", channel);
  if (overlaps[0]) targets.interruptions = { most: 0, pack: overlaps[0].pack, rule: overlaps[0].rule };
  const measuredBy = new Map<string, FigureId[]>([
    ...(acknowledge ? [[acknowledge.rule, ["acknowledgementDelay"]] as const] : []),
    ...(wait ? [[wait.rule, ["medianReply", "longestReply"]] as const] : []),
    ...(closed ? [[closed.rule, ["closedInARow"]] as const] : []),
    ...(share ? [[share.rule, ["talkShare"]] as const] : []),
    ...overlaps.map((r) => [r.rule, ["interruptions"]] as const),
  ].map(([rule, ids]) => [rule, [...ids]]));
  return {
    measuredBy,
    frustration: acknowledge ? anyOf(acknowledge.params.when) : DEFAULT_FRUSTRATION,
    acknowledgement: acknowledge ? anyOf(acknowledge.params.expect) : DEFAULT_ACKNOWLEDGEMENT,
    targets,
    interruptionRules: new Set(overlaps.map((r) => r.rule)),
  };
}

interface Measured {
  value: number | null;
  never?: boolean;
}

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Seconds from the customer's frustration (the end of a spoken turn, the sending of a written one) to the agent's
 * next turn that acknowledges it; the longest such wait. `never`: a frustration the agent never acknowledged.
 */
function acknowledgementDelay(played: Played, sticks: Yardsticks): Measured {
  let since: number | undefined;
  let longest: number | null = null;
  played.events.forEach((e, i) => {
    const signals = played.reads[i]?.signals ?? [];
    if (isCustomerTurn(e) && since === undefined && signals.some((s) => sticks.frustration.includes(s))) since = e.end ?? e.at;
    else if (isAgentTurn(e) && since !== undefined && signals.some((s) => sticks.acknowledgement.includes(s))) {
      longest = Math.max(longest ?? 0, round(Math.max(0, e.at - since)));
      since = undefined;
    }
  });
  return since !== undefined ? { value: null, never: true } : { value: longest };
}

function measure(played: Played, sticks: Yardsticks): Record<FigureId, Measured> {
  const agentTurns = played.events.flatMap((e, i) => (isAgentTurn(e) ? [played.reads[i]?.signals ?? []] : []));
  const open = agentTurns.filter((s) => s.includes("question.open")).length;
  const closed = agentTurns.filter((s) => s.includes("question.closed")).length;
  let run = 0;
  let closedInARow = 0;
  for (const signals of agentTurns) {
    run = signals.includes("question.closed") && !signals.includes("question.open") ? run + 1 : 0;
    closedInARow = Math.max(closedInARow, run);
  }
  const words = { agent: 0, customer: 0 };
  played.events.forEach((e, i) => {
    if (e.type === "turn") words[e.speaker] += played.reads[i]?.words ?? 0;
  });
  const spoken = words.agent + words.customer;
  return {
    openQuestions: { value: open },
    closedQuestions: { value: closed },
    closedInARow: { value: closedInARow },
    acknowledgementDelay: acknowledgementDelay(played, sticks),
    talkShare: { value: spoken ? round(words.agent / spoken, 3) : null },
    // The engine's own verdict: each time an overlap rule caught the agent writing or speaking over the customer.
    interruptions: { value: sticks.interruptionRules.size ? played.nudges.filter((n) => sticks.interruptionRules.has(n.rule)).length : null },
    // As the scorecard measures them, in chats only: a call's turns are timed by their audio, not by a wait.
    medianReply: { value: played.responseTime?.median ?? null },
    longestReply: { value: played.responseTime?.longest ?? null },
  };
}

const UNITS: Record<FigureId, Unit> = {
  openQuestions: "count", closedQuestions: "count", closedInARow: "count", acknowledgementDelay: "seconds",
  talkShare: "share", interruptions: "count", medianReply: "seconds", longestReply: "seconds",
};

function figuresOf(trainee: Played, good: Played, sticks: Yardsticks): Figure[] {
  const mine = measure(trainee, sticks);
  const theirs = measure(good, sticks);
  return FIGURES.map((id) => {
    const target = sticks.targets[id];
    const { value, never } = mine[id];
    return {
      id,
      unit: UNITS[id],
      better: id === "openQuestions" ? "higher" : "lower",
      value,
      good: theirs[id].value,
      never,
      goodNever: theirs[id].never,
      target,
      met: !target ? undefined : never ? false : value === null ? undefined : value <= target.most,
    };
  });
}

function coachingOf(figures: Figure[], moments: HandoutMoment[], sticks: Yardsticks): Coaching[] {
  const candidates: Array<Coaching & { weight: number }> = [];
  // The good agent may have nothing to measure where the agent has (no frustration shown to it).
  const arg = (f: Figure, n: number | null): CoachingArg => (n === null ? { text: "—" } : { n, unit: f.unit });
  const covered = new Set<FigureId>();
  for (const f of figures) {
    if (f.never) {
      candidates.push({ key: "coachNeverAcknowledged", about: f.id, args: [], weight: 300 });
      covered.add(f.id);
    } else if (f.met === false && f.target && f.value !== null) {
      // How far over the target, as a share of it: the furthest off comes first.
      const over = (f.value - f.target.most) / Math.max(f.target.most, f.unit === "share" ? 0.01 : 1);
      candidates.push({ key: `coachTarget_${f.id}`, about: f.id, args: [arg(f, f.value), arg(f, f.target.most), arg(f, f.good)], weight: 200 + Math.min(99, over * 10) });
      covered.add(f.id);
    }
  }
  const notFollowed = new Map<string, HandoutMoment[]>();
  for (const m of moments) if (m.outcome !== "followed") notFollowed.set(m.rule, [...(notFollowed.get(m.rule) ?? []), m]);
  for (const [rule, list] of notFollowed) {
    // A rule whose figure is already coached is not coached twice.
    if (sticks.measuredBy.get(rule)?.some((id) => covered.has(id))) continue;
    const first = list[0]!;
    candidates.push({
      key: "coachMoment",
      about: rule,
      args: [{ text: first.message }, { n: list.length, unit: "count" }, { text: first.suggestion }],
      weight: 100 + list.length * 10 + (first.severity === "alert" ? 5 : first.severity === "warn" ? 3 : 0),
    });
  }
  for (const f of figures) {
    if (covered.has(f.id) || f.value === null || f.good === null || f.never) continue;
    const behind = f.better === "higher" ? f.good - f.value : f.value - f.good;
    // Behind the good agent by a whole question, turn or interruption, by 10 points of talk share or 10 s.
    const enough = f.unit === "share" ? 0.1 : f.unit === "seconds" ? 10 : 1;
    if (behind >= enough) candidates.push({ key: `coachBehind_${f.id}`, about: f.id, args: [arg(f, f.value), arg(f, f.good)], weight: 50 + behind / enough });
  }
  const picked = candidates.sort((a, b) => b.weight - a.weight).slice(0, 3);
  // Nothing left to work on: say what to keep doing, from the figures on target.
  if (!picked.length) {
    const kept = figures.filter((f) => f.met);
    picked.push({ key: "coachKeepGoing", about: "all", args: [{ n: kept.length, unit: "count" }], weight: 0 });
  }
  return picked.map(({ key, about, args }) => ({ key, about, args }));
}

/**
 * The handout for `conversation` against the scenario's `good` variant: both played through the engine with `packs`
 * (the trainer's active rule packs, whose thresholds are the team's targets).
 */
export function buildHandout(packs: CompiledPacks, conversation: ConversationInput, good: ConversationInput, interfaceLanguage = "en"): Handout {
  const trainee = play(packs, conversation, interfaceLanguage);
  const model = play(packs, good, interfaceLanguage);
  const channel = conversation.channel ?? "chat";
  const sticks = yardsticks(packs, channel);
  const moments = momentsOf(trainee, model);
  const figures = figuresOf(trainee, model, sticks);
  return { channel, moments, figures, coaching: coachingOf(figures, moments, sticks) };
}
