import { ConversationEventSchema, ConversationSchema, type Channel, type ConversationEvent, type ConversationInput } from "./conversation.js";
import { MAX_BECAUSE, MAX_BECAUSE_CHARS, type EngineStep, type Nudge } from "./nudge.js";
import { applyOverrides, OverridesSchema, type OverridesInput } from "./overrides.js";
import { isValidatedAtBuild, PackSchema, type Pack, type Rule } from "./pack-schema.js";
import { ruleKind, type OutcomeSpec, type RuleBehaviour, type TurnView } from "./rule-kinds/index.js";
import type { Facts, KindContext } from "./rule-kinds/rule-kind.js";
import { createLanguageTracker } from "./signals/language-detect.js";
import { MAX_SPELLINGS_COMPILED, mergeLexicons, spellingBudgetProblems } from "./signals/lexicon-schema.js";
import { detectName, mentionsName } from "./signals/name.js";
import { countWords } from "./signals/normalize.js";
import { compileSignalDetector, type SignalDetector } from "./signals/signal-detector.js";
import { fillSlots, slotsIn, type SlotValues } from "./suggestion-slots.js";
import { formatIssues, ValidationError } from "./validation-errors.js";

interface CompiledRule {
  rule: Rule;
  /** The rule's messages by language, with its parameters' values in place of their names ("{seconds}"). */
  messages: Record<string, string>;
  pack: string;
  behaviour: RuleBehaviour<unknown>;
  outcome: OutcomeSpec | undefined;
  /** The signals whose words in the raising turn raised it. */
  raisedBy: readonly string[];
  /** Judges turns heard without their words (see RuleKind.judgesUnreadTurns). */
  judgesUnreadTurns: boolean;
}

/** Packs validated and compiled once (the expensive part), shared by every conversation. */
export interface CompiledPacks {
  readonly packs: readonly Pack[];
  readonly rules: readonly CompiledRule[];
  readonly detector: SignalDetector;
}

/**
 * Validates packs (and a team lead's overrides) and compiles their rules and lexicons. Every problem is reported at
 * once, each naming the pack (or the overrides, by `overridesName`), the JSON path and what was expected.
 */
export function compilePacks(
  inputs: readonly unknown[],
  overridesInput?: OverridesInput | unknown,
  names: readonly string[] = [],
  overridesName = "overrides",
): CompiledPacks {
  const problems: string[] = [];
  const packs: Pack[] = [];
  inputs.forEach((input, i) => {
    const name = names[i] ?? `pack ${(input as { id?: unknown })?.id ?? i}`;
    const parsed = isValidatedAtBuild(input) ? { success: true as const, data: input } : PackSchema.safeParse(input);
    if (parsed.success) packs.push(parsed.data);
    else problems.push(...formatIssues(name, parsed.error));
  });
  // No overrides is none; `null` is a file that holds something else, and is refused like any other.
  const overrides = OverridesSchema.safeParse(overridesInput === undefined ? {} : overridesInput);
  if (!overrides.success) problems.push(...formatIssues(overridesName, overrides.error));
  if (problems.length) throw new ValidationError(problems);

  const ownOverrides = overrides.success ? overrides.data : OverridesSchema.parse({});
  const applied = applyOverrides(packs, ownOverrides, overridesName);
  problems.push(...applied.problems);
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  for (const pack of applied.packs) {
    const original = packs.find((p) => p.id === pack.id)!;
    pack.rules.forEach((rule, r) => {
      const where = `${names[packs.indexOf(original)] ?? `pack ${pack.id}`}: $.rules[${r}]`;
      if (seen.has(rule.id)) problems.push(`${where}.id: rule "${rule.id}" is defined by more than one pack`);
      seen.add(rule.id);
      const kind = ruleKind(rule.kind);
      if (!kind) {
        problems.push(`${where}.kind: unknown rule kind "${rule.kind}"`);
        return;
      }
      const params = kind.params.safeParse(rule.params);
      if (!params.success) {
        // Params the pack's own rule takes are made wrong by the overrides' params: the overrides are to blame.
        const blameOverrides = !!ownOverrides.rules[rule.id]?.params && kind.params.safeParse(original.rules[r]!.params).success;
        const at = blameOverrides ? `${overridesName}: $.rules.${rule.id}` : where;
        problems.push(...formatIssues(at, params.error).map((line) => line.replace(`${at}: $`, `${at}.params`)));
        return;
      }
      const filled = fillParams(rule.message, params.data as Record<string, unknown>);
      problems.push(...filled.unknown.map(({ language, name }) => `${where}.message.${language}: {${name}} is not a parameter of this rule (it has: ${Object.keys(params.data as object).join(", ")})`));
      const raisedBy = kind.raisedBy?.(params.data) ?? [];
      for (const [language, text] of Object.entries(rule.suggestion)) {
        if (!raisedBy.length && slotsIn(text).includes("issue")) {
          problems.push(`${where}.suggestion.${language}: {issue} is never known for a "${rule.kind}" rule: no words of a turn raise it`);
        }
      }
      rules.push({ rule, messages: filled.messages, pack: pack.id, behaviour: kind.create(params.data), outcome: rule.outcome ?? kind.outcome?.(params.data), raisedBy, judgesUnreadTurns: !!kind.judgesUnreadTurns });
    });
  }
  if (problems.length) throw new ValidationError(problems);
  const lexicons = mergeLexicons(...applied.packs.map((p) => p.signals), ownOverrides.signals);
  // Each pack and the overrides are within their budget; so many of them together must be too.
  const tooMany = spellingBudgetProblems(lexicons, MAX_SPELLINGS_COMPILED);
  if (tooMany.length) throw new ValidationError(tooMany.map(({ message }) => `packs and ${overridesName}: $.signals: ${message}`));
  const detector = compileSignalDetector(lexicons);
  return { packs: applied.packs, rules, detector };
}

/**
 * A message names the figures it depends on ("waited {seconds} s"), so that a team lead who changes a figure does not
 * leave the old one in the text. Numbers are written in the message's own language (Persian digits in Persian).
 */
function fillParams(messages: Record<string, string>, params: Record<string, unknown>): { messages: Record<string, string>; unknown: Array<{ language: string; name: string }> } {
  const unknown: Array<{ language: string; name: string }> = [];
  const filled = Object.fromEntries(
    Object.entries(messages).map(([language, text]) => [
      language,
      text.replace(/\{([A-Za-z][\w.]*)\}/g, (whole, name: string) => {
        const value = params[name];
        if (typeof value === "number") return new Intl.NumberFormat(language).format(value);
        if (typeof value === "string") return value;
        unknown.push({ language, name });
        return whole;
      }),
    ]),
  );
  return { messages: filled, unknown };
}

export interface EngineOptions {
  /** The conversation's language; detected from the text when not given. */
  language?: string | undefined;
  channel?: Channel | undefined;
  customerName?: string | undefined;
  /** The language nudge messages are shown in (falls back to English). */
  interfaceLanguage?: string | undefined;
  overrides?: OverridesInput | undefined;
  /** Replaces the packs' compiled detector (tests of rule logic). */
  detector?: SignalDetector | undefined;
}

interface RuleState {
  kind: unknown;
  lastRaisedAt?: number;
  raised: number;
  /** The agent reply on whose draft this rule was raised. */
  draftReply?: number;
}

/** A raised nudge as the snapshot keeps it: ids and moments only; texts come from the rule when asked for. */
interface RaisedRecord {
  rule: string;
  event: number;
  at: number;
  outcome: Nudge["outcome"];
  /** The language the raising utterance was read in: the suggestion's. */
  language: string;
}

export interface EngineSnapshot {
  version: 1;
  index: number;
  reply: number;
  agentTurns: number;
  agentWords: number;
  customerWords: number;
  customerName?: string | undefined;
  /** As the agent gave it in a self-introduction. */
  agentName?: string | undefined;
  language: { current: string; sticky: boolean };
  rules: Record<string, RuleState>;
  nudges: RaisedRecord[];
  /** Indexes in `nudges` of those whose outcome waits for the other party's reply. */
  pending: number[];
}

/** How an event is taken in. */
export interface PushOptions {
  /**
   * The event is history (already on the page when it was first read): it tells the rules what happened, but it is no
   * moment to coach, so nothing is raised on it, and no timer it starts or passes raises anything either.
   */
  context?: boolean | undefined;
  /**
   * The conversation's timing is judged from a better source (a call's audio, heard beside this transcript): the rules
   * that judge timing (`judgesUnreadTurns`) follow the event, so that they carry on from it once that source is gone,
   * but raise nothing on it. The rules that need words are judged as usual.
   */
  timingJudgedElsewhere?: boolean | undefined;
}

export interface Engine {
  /** One event: fires timers due before it, then evaluates every rule. Throws on a malformed event. */
  push(event: ConversationEvent, options?: PushOptions): EngineStep;
  /** Fires timers due up to `now` (seconds). */
  tick(now: number): EngineStep;
  /** When the next timer is due (seconds), if one is running: when to `tick` for a nudge that comes while nobody writes. */
  nextDue(): number | undefined;
  nudges(): Nudge[];
  /** The language the conversation is read in. */
  language(): string;
  setCustomerName(name: string): void;
  /** Small JSON state: restore it with `restoreEngine` to carry on exactly where this left off. */
  snapshot(): EngineSnapshot;
}

const emptyStep = (): EngineStep => ({ raised: [], resolved: [] });

export function createEngine(packs: readonly unknown[] | CompiledPacks, options: EngineOptions = {}): Engine {
  return restoreEngine(packs, options, undefined);
}

export function restoreEngine(packsInput: readonly unknown[] | CompiledPacks, options: EngineOptions, snapshot: EngineSnapshot | undefined): Engine {
  const compiled = "rules" in packsInput && "detector" in packsInput && !Array.isArray(packsInput)
    ? (packsInput as CompiledPacks)
    : compilePacks(packsInput as unknown[], options.overrides);
  const detector = options.detector ?? compiled.detector;
  const channel = options.channel ?? "chat";
  const ui = options.interfaceLanguage ?? "en";
  const tracker = createLanguageTracker({ declared: options.language });
  const state: EngineSnapshot = snapshot
    ? structuredClone(snapshot)
    : {
        version: 1,
        index: 0,
        reply: 0,
        agentTurns: 0,
        agentWords: 0,
        customerWords: 0,
        customerName: options.customerName,
        language: tracker.snapshot(),
        rules: Object.fromEntries(compiled.rules.map((c) => [c.rule.id, { kind: c.behaviour.init(), raised: 0 }])),
        nudges: [],
        pending: [],
      };
  tracker.restore(state.language);
  const active = compiled.rules.filter((c) => c.rule.enabled && c.rule.channels.includes(channel) && state.rules[c.rule.id]);
  const byId = new Map(compiled.rules.map((c) => [c.rule.id, c]));

  /** `said`: the words of the raising turn, known only as it is raised (the record keeps none). */
  function toNudge(record: RaisedRecord, said?: { because: string[]; issue?: string | undefined }): Nudge | undefined {
    const c = byId.get(record.rule);
    if (!c) return undefined;
    // The suggestion is something to say to the customer: in their language where the pack has it.
    const language = [record.language, ui, "en"].find((l) => c.rule.suggestion[l] !== undefined)!;
    const slots: SlotValues = { customerName: state.customerName, agentName: state.agentName, issue: said?.issue };
    return {
      rule: record.rule,
      pack: c.pack,
      event: record.event,
      at: record.at,
      severity: c.rule.severity,
      priority: c.rule.priority,
      message: c.messages[ui] ?? c.messages.en!,
      suggestion: fillSlots(c.rule.suggestion[language]!, c.rule.suggestionFallback?.[language], slots),
      ...(said?.because.length ? { because: said.because } : {}),
      outcome: record.outcome,
    };
  }

  /**
   * What the raising turn said that raised the rule: its words, each cut short, and the customer's first matched
   * phrase as the {issue}.
   */
  function wordsThatRaised(c: CompiledRule, view: TurnView, text: string, language: string): { because: string[]; issue?: string | undefined } {
    if (!c.raisedBy.length || !detector.explain) return { because: [] };
    const found = detector.explain(text, language, c.raisedBy);
    const cut = (words: string) => (words.length > MAX_BECAUSE_CHARS ? `${words.slice(0, MAX_BECAUSE_CHARS - 1).trimEnd()}…` : words);
    const because = [...new Set(found.map((f) => cut(f.text)))].slice(0, MAX_BECAUSE);
    const issue = view.speaker === "customer" ? found.find((f) => f.from === "phrase")?.text : undefined;
    return { because, issue: issue && cut(issue) };
  }

  const facts = (): Facts => ({
    channel,
    customerNameKnown: !!state.customerName,
    customerWords: state.customerWords,
    agentWords: state.agentWords,
  });

  function canRaise(c: CompiledRule, at: number, view?: TurnView): boolean {
    const rs = state.rules[c.rule.id]!;
    if (c.rule.maxPerConversation !== undefined && rs.raised >= c.rule.maxPerConversation) return false;
    if (rs.lastRaisedAt !== undefined && at - rs.lastRaisedAt < c.rule.cooldownSeconds) return false;
    if (view?.speaker === "agent" && rs.draftReply === view.reply) return false;
    return true;
  }

  const context = (c: CompiledRule): KindContext => ({ facts: facts(), canRaise: (at, view) => canRaise(c, at, view) });

  /** The event being pushed is history: nothing is raised on it (PushOptions.context). */
  let readingHistory = false;
  /** The event being pushed raises no timing rule (PushOptions.timingJudgedElsewhere). */
  let timingElsewhere = false;

  /**
   * `language`: the language the raising utterance was read in (for timers, the conversation's); `text`: what the
   * turn or draft in `view` said.
   */
  function raise(c: CompiledRule, event: number, at: number, view: TurnView | undefined, step: EngineStep, language = tracker.language, text?: string): void {
    if (readingHistory || (timingElsewhere && c.judgesUnreadTurns) || !canRaise(c, at, view)) return;
    const rs = state.rules[c.rule.id]!;
    rs.raised += 1;
    rs.lastRaisedAt = at;
    if (view?.kind === "draft") rs.draftReply = view.reply;
    const record: RaisedRecord = { rule: c.rule.id, event, at, outcome: "open", language };
    state.nudges.push(record);
    if (c.outcome) state.pending.push(state.nudges.length - 1);
    const said = view && text !== undefined && event === view.index ? wordsThatRaised(c, view, text, language) : undefined;
    step.raised.push(toNudge(record, said)!);
  }

  /** Each rule's failure is its own: recorded in the step, the other rules go on. */
  function guarded(c: CompiledRule, step: EngineStep, run: () => void): void {
    try {
      run();
    } catch (error) {
      (step.errors ??= []).push({ rule: c.rule.id, message: error instanceof Error ? error.message : String(error) });
    }
  }

  function fireTimers(until: number, inclusive: boolean, step: EngineStep): void {
    for (;;) {
      let next: { c: CompiledRule; due: number } | undefined;
      for (const c of active) {
        const due = c.behaviour.dueAt?.(state.rules[c.rule.id]!.kind);
        if (due !== undefined && (inclusive ? due <= until : due < until) && (!next || due < next.due)) next = { c, due };
      }
      if (!next) return;
      const { c } = next;
      let fired = false;
      guarded(c, step, () => {
        const r = c.behaviour.onDue!(state.rules[c.rule.id]!.kind, context(c));
        fired = true;
        if (r) raise(c, r.event, r.at, undefined, step);
      });
      if (!fired) return;
    }
  }

  function resolveOutcomes(view: TurnView, step: EngineStep): void {
    state.pending = state.pending.filter((index) => {
      const record = state.nudges[index]!;
      const spec = byId.get(record.rule)?.outcome;
      if (!spec) return false;
      if (spec.speaker !== view.speaker) return true;
      const followed = spec.followedIf.some((s) => view.signals.has(s));
      const missed = !followed && (spec.missedIf ? spec.missedIf.some((s) => view.signals.has(s)) : true);
      if (!followed && !missed) return true;
      record.outcome = followed ? "followed" : "missed";
      step.resolved.push(toNudge(record)!);
      return false;
    });
  }

  return {
    push(input, options) {
      const event = ConversationEventSchema.parse(input);
      readingHistory = options?.context ?? false;
      timingElsewhere = options?.timingJudgedElsewhere ?? false;
      try {
        return take(event);
      } finally {
        readingHistory = false;
        timingElsewhere = false;
      }
    },
    tick(now) {
      const step = emptyStep();
      fireTimers(now, true, step);
      return step;
    },
    nextDue() {
      const due = active.flatMap((c) => c.behaviour.dueAt?.(state.rules[c.rule.id]!.kind) ?? []);
      return due.length ? Math.min(...due) : undefined;
    },
    nudges: () => state.nudges.flatMap((record) => toNudge(record) ?? []),
    language: () => tracker.language,
    setCustomerName(name) {
      state.customerName = name;
    },
    snapshot: () => structuredClone(state),
  };

  function take(event: ConversationEvent): EngineStep {
    const step = emptyStep();
    fireTimers(event.at, false, step);
    const index = state.index++;
    if (event.type === "typing") {
      for (const c of active) guarded(c, step, () => c.behaviour.onTyping?.(state.rules[c.rule.id]!.kind, { index, speaker: event.speaker, at: event.at, until: event.until }, context(c)));
      return step;
    }
    const speaker = event.type === "draft" ? "agent" : event.speaker;
    const language = tracker.observe(event.text);
    state.language = tracker.snapshot();
    const signals = new Set(detector.detect(event.text, language));
    if (speaker === "customer" && event.type === "turn" && signals.has("self-introduction") && !state.customerName) {
      state.customerName = detectName(event.text, language);
    }
    if (speaker === "agent" && event.type === "turn" && signals.has("self-introduction") && !state.agentName) {
      state.agentName = detectName(event.text, language);
    }
    if (speaker === "agent" && state.customerName && mentionsName(event.text, state.customerName, language)) signals.add("name.customer");
    const words = event.type === "turn" && event.words !== undefined ? event.words : countWords(event.text, language);
    const sent = event.type === "turn";
    if (sent && speaker === "agent") {
      state.agentTurns += 1;
      state.agentWords += words;
    }
    const view: TurnView = {
      index,
      kind: event.type,
      speaker,
      at: event.at,
      end: event.type === "turn" ? event.end : undefined,
      words,
      signals,
      reply: state.reply,
      agentTurns: state.agentTurns,
    };
    // Heard, not read: a call turn from its audio. Only its timing and word count are known, so the outcomes that wait
    // for words in a reply keep waiting, and only the rules that judge timing see it.
    const unread = event.type === "turn" && event.text === "" && event.words !== undefined;
    if (sent && !unread) resolveOutcomes(view, step);
    for (const c of active) {
      if (unread && !c.judgesUnreadTurns) continue;
      guarded(c, step, () => {
        const r = c.behaviour.onTurn?.(state.rules[c.rule.id]!.kind, view, context(c));
        if (r) raise(c, r.event, r.at, view, step, language, event.text);
      });
    }
    if (sent && speaker === "customer") state.customerWords += words;
    if (sent && speaker === "agent") state.reply += 1;
    step.read = { signals: [...signals], words };
    return step;
  }
}

/** Runs a whole conversation file through the engine: every event, then the timers up to its end. */
export function runConversation(packs: readonly unknown[] | CompiledPacks, input: ConversationInput, options: Omit<EngineOptions, "language" | "channel" | "customerName"> & { language?: string } = {}): Nudge[] {
  const conversation = ConversationSchema.parse(input);
  const engine = createEngine(packs, {
    ...options,
    language: options.language ?? conversation.language,
    channel: conversation.channel,
    customerName: conversation.customerName,
  });
  // The nudges as raised carry the words that raised them, which the engine's own list does not keep.
  const raised = new Map<string, Nudge>();
  const take = (step: EngineStep) => {
    for (const nudge of step.raised) raised.set(`${nudge.rule}\u0000${nudge.event}`, nudge);
    for (const nudge of step.resolved) raised.get(`${nudge.rule}\u0000${nudge.event}`)!.outcome = nudge.outcome;
  };
  for (const event of conversation.events) take(engine.push(event));
  take(engine.tick(conversation.endAt ?? conversation.events.at(-1)?.at ?? 0));
  return engine.nudges().map((nudge) => raised.get(`${nudge.rule}\u0000${nudge.event}`) ?? nudge);
}
