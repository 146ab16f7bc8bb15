import { z } from "zod";
import type { CompiledPacks } from "./engine.js";
import { RuleSchema, SeveritySchema, type Pack } from "./pack-schema.js";
import { describeRaises, runRuleExamples } from "./rule-examples.js";
import { runSignalExamples } from "./signal-examples.js";

// What a team lead sees before a pack is installed (what it is and what it changes), and the check that refuses a pack
// whose own examples fail among the packs it would join.

/** At most this many of a lexicon's phrases are shown as a sample; the count says how many there are. */
const SAMPLE_PHRASES = 5;
/** An example's conversation, quoted in a problem, is cut at this length. */
const QUOTED_CHARS = 120;

export const PackChangesSchema = z.object({
  id: z.string(),
  version: z.string(),
  description: z.string(),
  languages: z.array(z.string()),
  /** The rules it adds, with their texts as the pack gives them: the page shows them in its own language. */
  rules: z.array(z.object({ id: z.string(), severity: SeveritySchema, name: RuleSchema.shape.name, description: RuleSchema.shape.description })),
  /** Per language and signal: how many phrases, exceptions and English patterns the pack adds, a few of its phrases. */
  signals: z.array(z.object({
    language: z.string(),
    signal: z.string(),
    /** The signal is already known to an installed pack: the pack adds words to it rather than a new signal. */
    extends: z.boolean(),
    phrases: z.number(),
    exceptions: z.number(),
    patterns: z.number(),
    sample: z.array(z.string()),
  })),
  /** The imported version it replaces, and that version's rules it no longer has. */
  replaces: z.object({ version: z.string(), dropsRules: z.array(z.string()) }).optional(),
});
export type PackChanges = z.infer<typeof PackChangesSchema>;

/** -1, 0 or 1 as version `a` ("1.2.0") is older than, the same as or newer than `b`. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < Math.max(x!.length, y!.length); i++) {
    const d = (x![i] ?? 0) - (y![i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

/**
 * What installing `pack` changes: its rules, the signals' words it adds per language (new signals, or words added to
 * one the other packs know), and, where it replaces an imported version, that version and the rules it drops.
 */
export function packChanges(pack: Pack, others: readonly Pack[], replaced?: Pack): PackChanges {
  const known = new Set(others.filter((p) => p.id !== pack.id).flatMap((p) => Object.keys(p.signals)));
  const signals = Object.entries(pack.signals)
    .flatMap(([signal, byLanguage]) => Object.entries(byLanguage).map(([language, lexicon]) => ({
      language,
      signal,
      extends: known.has(signal),
      phrases: lexicon.phrases?.length ?? 0,
      exceptions: lexicon.exceptions?.length ?? 0,
      patterns: lexicon.patterns?.length ?? 0,
      sample: (lexicon.phrases ?? []).slice(0, SAMPLE_PHRASES),
    })))
    .sort((a, b) => a.language.localeCompare(b.language) || a.signal.localeCompare(b.signal));
  const ids = new Set(pack.rules.map((r) => r.id));
  return {
    id: pack.id,
    version: pack.version,
    description: pack.description,
    languages: [...pack.languages],
    rules: pack.rules.map(({ id, severity, name, description }) => ({ id, severity, ...(name ? { name } : {}), description })),
    signals,
    ...(replaced ? { replaces: { version: replaced.version, dropsRules: replaced.rules.map((r) => r.id).filter((id) => !ids.has(id)) } } : {}),
  };
}

const quote = (lines: ReadonlyArray<string | object>) => {
  const text = lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join(" / ");
  return JSON.stringify(text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS - 1)}…` : text);
};

/**
 * Every example of pack `id` that fails with the packs as compiled (the pack among the others it is installed with,
 * the overrides applied), each in words: the pack, the rule (or signal), the example's number and language, what was
 * expected and what happened. A rule switched off raises nothing, so its examples are not run.
 */
export function failingPackExamples(compiled: CompiledPacks, id: string, file: string): string[] {
  const rules = runRuleExamples(compiled, id)
    .filter((r) => !r.ok && compiled.packs.find((p) => p.id === id)?.rules.find((rule) => rule.id === r.rule)?.enabled !== false)
    .map(({ rule, index, example, got }) =>
      `${file}: pack "${id}", rule "${rule}", example ${index + 1} (${example.language}${example.name ? `, "${example.name}"` : ""}) ${quote(example.events)}: expected ${describeRaises(example.raises)}; raised ${describeRaises(got)}`);
  const signals = runSignalExamples(compiled, id)
    .filter((r) => !r.ok)
    .map(({ signal, language, text, expected }) =>
      `${file}: pack "${id}", signal "${signal}" (${language}): ${JSON.stringify(text)} ${expected ? "must carry the signal, and does not" : "must not carry the signal, and does"}`);
  return [...rules, ...signals];
}
