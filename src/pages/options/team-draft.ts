import { compilePacks, mergeLexicons, mergeOverrides, OverridesSchema, suggestPhrases, ValidationError, type CompiledPacks, type Overrides, type Rule, type SuggestUtterance, type Suggestions } from "../../engine/index.js";
import { transcriptUtterances } from "../../shared/transcript-file.js";

// The team lead's unsaved overrides, edited field by field on the options page. A field set back to the shipped value
// is dropped, so that the overrides file holds only real changes.

export type RuleOverride = Overrides["rules"][string];

export const emptyOverrides = (): Overrides => OverridesSchema.parse({});

/** Copies overrides, read from the worker or a file, into an editable draft (an invalid file gives an empty draft). */
export function draftFrom(value: unknown): Overrides {
  const parsed = OverridesSchema.safeParse(value ?? {});
  return parsed.success ? structuredClone(parsed.data) : emptyOverrides();
}

/** Numbers and switches in a rule's params, by path ("threshold", "call.threshold"): what a team lead tunes. */
export function tunableParams(params: Record<string, unknown>, prefix = ""): Array<{ path: string; value: number | boolean }> {
  return Object.entries(params).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "number" || typeof value === "boolean") return [{ path, value }];
    if (value && typeof value === "object" && !Array.isArray(value)) return tunableParams(value as Record<string, unknown>, path);
    return [];
  });
}

export function readPath(params: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), params);
}

/** Params are merged one top-level key at a time over the rule's: a nested change carries its whole top-level value. */
function withParam(params: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (!rest.length) return { ...params, [head!]: value };
  const inner = (params[head!] && typeof params[head!] === "object" ? params[head!] : {}) as Record<string, unknown>;
  return { ...params, [head!]: withParam(inner, rest.join("."), value) };
}

function tidy(draft: Overrides, ruleId: string): void {
  const o = draft.rules[ruleId];
  if (!o) return;
  for (const key of ["params", "message", "suggestion"] as const) if (o[key] && !Object.keys(o[key]).length) delete o[key];
  if (!Object.keys(o).length) delete draft.rules[ruleId];
}

/** A field of a rule set on the options page: `enabled`, `severity`, `cooldownSeconds`, `maxPerConversation`, `param:<path>`, `message:<lang>`, `suggestion:<lang>`. */
export function setRuleField(draft: Overrides, shipped: Rule, field: string, value: unknown): void {
  const o: RuleOverride = (draft.rules[shipped.id] ??= {});
  const [kind, key] = field.split(":") as [string, string | undefined];
  if (kind === "param" && key) {
    const current = { ...shipped.params, ...o.params };
    const next = withParam(current, key, value);
    const top = key.split(".")[0]!;
    o.params = { ...o.params, [top]: next[top] };
    if (JSON.stringify(next[top]) === JSON.stringify(shipped.params[top])) delete o.params[top];
  } else if ((kind === "message" || kind === "suggestion") && key) {
    const texts = { ...o[kind] };
    if (typeof value !== "string" || !value.trim() || value === shipped[kind][key]) delete texts[key];
    else texts[key] = value;
    o[kind] = texts;
  } else if (kind === "enabled" || kind === "severity" || kind === "cooldownSeconds" || kind === "maxPerConversation") {
    const record = o as Record<string, unknown>;
    if (value === undefined || value === shipped[kind]) delete record[kind];
    else record[kind] = value;
  }
  tidy(draft, shipped.id);
}

/** A rule as the draft makes it: the shipped rule with the draft's changes. */
export function ruleWithDraft(shipped: Rule, draft: Overrides): Rule {
  const o = draft.rules[shipped.id] ?? {};
  return {
    ...shipped,
    ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
    ...(o.severity ? { severity: o.severity } : {}),
    ...(o.cooldownSeconds !== undefined ? { cooldownSeconds: o.cooldownSeconds } : {}),
    ...(o.maxPerConversation !== undefined ? { maxPerConversation: o.maxPerConversation } : {}),
    params: { ...shipped.params, ...o.params },
    message: { ...shipped.message, ...o.message },
    suggestion: { ...shipped.suggestion, ...o.suggestion },
  };
}

export function setPackEnabled(draft: Overrides, packId: string, enabled: boolean): void {
  if (enabled) delete draft.packs[packId];
  else draft.packs[packId] = { enabled: false };
}

/** The extra and exception phrases of a signal in a language, one per line; empty lists dropped. */
export function setSignalPhrases(draft: Overrides, signal: string, language: string, list: "phrases" | "exceptions", lines: string): void {
  const phrases = lines.split("\n").map((line) => line.trim()).filter(Boolean);
  const byLanguage = (draft.signals[signal] ??= {});
  const lists = (byLanguage[language] ??= {});
  if (phrases.length) lists[list] = phrases;
  else delete lists[list];
  if (!Object.keys(lists).length) delete byLanguage[language];
  if (!Object.keys(byLanguage).length) delete draft.signals[signal];
}

/** Adds one phrase to a signal's extra phrases in a language, unless it is there already: whether it was added. */
export function addSignalPhrase(draft: Overrides, signal: string, language: string, phrase: string): boolean {
  const phrases = draft.signals[signal]?.[language]?.phrases ?? [];
  if (phrases.includes(phrase)) return false;
  setSignalPhrases(draft, signal, language, "phrases", [...phrases, phrase].join("\n"));
  return true;
}

/** The lexicons as the draft makes them (the packs as compiled, with the draft's phrases): what a suggestion must not repeat. */
const draftLexicons = (compiled: CompiledPacks, draft: Overrides) => mergeLexicons(...compiled.packs.map((p) => p.signals), draft.signals);

/**
 * Phrases proposed for a signal from the transcripts chosen (see `attune suggest`), against the lexicons as the draft
 * makes them, so that a phrase already added is not proposed again. A file that cannot be read is left out and named;
 * with nothing read there are only the problems. An unknown language throws UnknownSignalError.
 */
export function suggestForDraft(
  compiled: CompiledPacks,
  draft: Overrides,
  request: { signal: string; language: string; files: ReadonlyArray<{ name: string; text: string }>; top?: number },
): { suggestions?: Suggestions; problems: string[] } {
  const problems: string[] = [];
  const utterances: SuggestUtterance[] = [];
  for (const file of request.files) {
    const read = transcriptUtterances(file.name, file.text, request.signal);
    if ("problems" in read) problems.push(...read.problems);
    else utterances.push(...read.utterances);
  }
  if (!utterances.length) return { problems };
  return { problems, suggestions: suggestPhrases({ signal: request.signal, language: request.language, lexicons: draftLexicons(compiled, draft), utterances, top: request.top ?? 20 }) };
}

/** The packs compiled with the draft (and the administrator's overrides over it), or every problem. */
export function compileDraft(packs: readonly unknown[], names: readonly string[], draft: Overrides, managed: unknown): { compiled: CompiledPacks } | { problems: string[] } {
  const policy = OverridesSchema.safeParse(managed ?? {});
  try {
    return { compiled: compilePacks(packs, policy.success ? mergeOverrides(draft, policy.data) : draft, names) };
  } catch (error) {
    if (error instanceof ValidationError) return { problems: error.problems };
    throw error;
  }
}

/** One change the draft makes to the packs as installed: a line of the "changes from the defaults" list. */
export type DraftChange =
  | { kind: "pack"; pack: string }
  | { kind: "rule"; rule: Rule; field: string; from: unknown; to: unknown }
  | { kind: "phrases"; signal: string; language: string; list: "phrases" | "exceptions"; phrases: readonly string[] };

const RULE_SETTINGS = ["enabled", "severity", "cooldownSeconds", "maxPerConversation"] as const;

/**
 * Every change the draft makes, field by field (a param by its path, a text by its language), in the order the page
 * lists rules; a rule the draft names but no pack has is left to the compiler's problems.
 */
export function draftChanges(draft: Overrides, rules: readonly Rule[]): DraftChange[] {
  const packs: DraftChange[] = Object.entries(draft.packs).filter(([, o]) => o.enabled === false).map(([pack]) => ({ kind: "pack", pack }));
  const ruleChanges = rules.filter((rule) => draft.rules[rule.id]).flatMap((shipped): DraftChange[] => {
    const edited = ruleWithDraft(shipped, draft);
    const o = draft.rules[shipped.id]!;
    const change = (field: string, from: unknown, to: unknown): DraftChange => ({ kind: "rule", rule: shipped, field, from, to });
    return [
      ...RULE_SETTINGS.filter((key) => o[key] !== undefined && o[key] !== shipped[key]).map((key) => change(key, shipped[key], edited[key])),
      ...tunableParams(edited.params)
        .filter(({ path, value }) => readPath(shipped.params, path) !== value)
        .map(({ path, value }) => change(`param:${path}`, readPath(shipped.params, path), value)),
      ...(["message", "suggestion"] as const).flatMap((kind) =>
        Object.entries(o[kind] ?? {}).map(([language, text]) => change(`${kind}:${language}`, shipped[kind][language], text)),
      ),
    ];
  });
  const phrases = Object.entries(draft.signals).flatMap(([signal, byLanguage]) =>
    Object.entries(byLanguage).flatMap(([language, lists]) =>
      (["phrases", "exceptions"] as const).flatMap((list): DraftChange[] => (lists[list]?.length ? [{ kind: "phrases", signal, language, list, phrases: lists[list]! }] : [])),
    ),
  );
  return [...packs, ...ruleChanges, ...phrases];
}

/** Puts back what shipped for one change, and only that. */
export function resetChange(draft: Overrides, change: DraftChange): void {
  if (change.kind === "pack") setPackEnabled(draft, change.pack, true);
  else if (change.kind === "phrases") setSignalPhrases(draft, change.signal, change.language, change.list, "");
  else setRuleField(draft, change.rule, change.field, change.from);
}
