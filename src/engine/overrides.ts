import { z } from "zod";
import { LocalizedSchema, RuleIdSchema, SeveritySchema, type Pack, type Rule } from "./pack-schema.js";
import { PhraseList, SignalNameSchema, withinSpellingBudget } from "./signals/lexicon-schema.js";
import { suggestionProblems } from "./suggestion-slots.js";

const kindOf = (input: unknown) => (input === null ? "null" : Array.isArray(input) ? "a list" : typeof input);

/**
 * A team lead's changes, kept apart from the shipped packs (Vale style): switch packs and rules off, change severity,
 * thresholds, cooldowns and messages, add phrases. The shipped packs are never edited.
 */
export const OverridesSchema = z.strictObject(
  {
    $schema: z.string().optional(),
    packs: z.record(RuleIdSchema, z.strictObject({ enabled: z.boolean().optional() })).default({}),
    rules: z
      .record(
        RuleIdSchema,
        z.strictObject({
          enabled: z.boolean().optional(),
          severity: SeveritySchema.optional(),
          cooldownSeconds: z.number().nonnegative().optional(),
          maxPerConversation: z.number().int().positive().optional(),
          priority: z.number().optional(),
          params: z.record(z.string(), z.unknown()).optional(),
          message: LocalizedSchema.optional(),
          suggestion: LocalizedSchema.optional(),
          suggestionFallback: LocalizedSchema.optional(),
        }),
      )
      .default({}),
    signals: z
      // Checked as a pack's phrases are: an override must not slip in what a pack would be refused for.
      .record(SignalNameSchema, z.record(z.string(), z.strictObject({ phrases: PhraseList.optional(), exceptions: PhraseList.optional() })))
      .check(withinSpellingBudget)
      .default({}),
  },
  // A file holding null or a list is no set of overrides: refused, never taken as none (which would wipe the saved ones).
  { error: (issue) => (issue.code === "invalid_type" ? `overrides are a JSON object ({"packs": …, "rules": …, "signals": …}), not ${kindOf(issue.input)}` : undefined) },
);
export type Overrides = z.infer<typeof OverridesSchema>;
export type OverridesInput = z.input<typeof OverridesSchema>;

/**
 * The packs as the team lead set them: disabled packs left out, rule settings replaced, messages merged. Problems name
 * the overrides as `name` (their file, where there is one).
 */
export function applyOverrides(packs: readonly Pack[], overrides: Overrides, name = "overrides"): { packs: Pack[]; problems: string[] } {
  const problems: string[] = [];
  const ruleIds = new Set(packs.flatMap((p) => p.rules.map((r) => r.id)));
  for (const id of Object.keys(overrides.rules)) if (!ruleIds.has(id)) problems.push(`${name}: $.rules.${id}: no loaded pack has a rule "${id}"`);
  const packIds = new Set(packs.map((p) => p.id));
  for (const id of Object.keys(overrides.packs)) if (!packIds.has(id)) problems.push(`${name}: $.packs.${id}: no pack "${id}" is loaded`);
  const result = packs
    .filter((pack) => overrides.packs[pack.id]?.enabled !== false)
    .map((pack) => ({
      ...pack,
      rules: pack.rules.map((rule): Rule => {
        const o = overrides.rules[rule.id];
        if (!o) return rule;
        return {
          ...rule,
          ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
          ...(o.severity ? { severity: o.severity } : {}),
          ...(o.cooldownSeconds !== undefined ? { cooldownSeconds: o.cooldownSeconds } : {}),
          ...(o.maxPerConversation !== undefined ? { maxPerConversation: o.maxPerConversation } : {}),
          ...(o.priority !== undefined ? { priority: o.priority } : {}),
          params: { ...rule.params, ...o.params },
          message: { ...rule.message, ...o.message },
          suggestion: { ...rule.suggestion, ...o.suggestion },
          ...(rule.suggestionFallback || o.suggestionFallback ? { suggestionFallback: { ...rule.suggestionFallback, ...o.suggestionFallback } } : {}),
        };
      }),
    }));
  // A suggestion changed to name a slot needs its fallback, from the pack or the overrides.
  for (const id of Object.keys(overrides.rules)) {
    const rule = result.flatMap((pack) => pack.rules).find((r) => r.id === id);
    if (!rule) continue;
    for (const { path, message } of suggestionProblems(rule.suggestion, rule.suggestionFallback)) problems.push(`${name}: $.rules.${id}.${path.join(".")}: ${message}`);
  }
  return { packs: result, problems };
}

/**
 * Two sets of overrides as one, `over` winning field by field (an administrator's over a team lead's): per rule its
 * settings, params and texts merged; per signal and language the phrase lists joined.
 */
export function mergeOverrides(base: Overrides, over: Overrides): Overrides {
  const rules: Overrides["rules"] = { ...base.rules };
  for (const [id, o] of Object.entries(over.rules)) {
    const b = rules[id] ?? {};
    rules[id] = {
      ...b,
      ...o,
      ...(b.params || o.params ? { params: { ...b.params, ...o.params } } : {}),
      ...(b.message || o.message ? { message: { ...b.message, ...o.message } } : {}),
      ...(b.suggestion || o.suggestion ? { suggestion: { ...b.suggestion, ...o.suggestion } } : {}),
      ...(b.suggestionFallback || o.suggestionFallback ? { suggestionFallback: { ...b.suggestionFallback, ...o.suggestionFallback } } : {}),
    };
  }
  const signals: Overrides["signals"] = structuredClone(base.signals);
  for (const [signal, byLanguage] of Object.entries(over.signals)) {
    const target = (signals[signal] ??= {});
    for (const [language, lists] of Object.entries(byLanguage)) {
      const into = (target[language] ??= {});
      for (const key of ["phrases", "exceptions"] as const) if (lists[key]) into[key] = [...(into[key] ?? []), ...lists[key]];
    }
  }
  const packs: Overrides["packs"] = { ...base.packs };
  for (const [id, o] of Object.entries(over.packs)) packs[id] = { ...packs[id], ...o };
  return { packs, rules, signals };
}
