import { z } from "zod";
import { PREFIX_KEY } from "./phrase-matcher.js";

/** Bounds that keep a pack from making detection slow: phrases are short token sequences, never regular expressions. */
export const MAX_PHRASE_CHARS = 200;
export const MAX_PHRASE_TOKENS = 12;
export const MAX_PHRASES_PER_LIST = 5000;

/**
 * What is wrong with a phrase, if anything (its length is checked by zod, and so shows in the JSON Schema). One check
 * per phrase rather than one zod refinement per rule: packs hold thousands of phrases, and the worker validates them as
 * it starts.
 */
function phraseProblem(phrase: string, anchored: boolean): string | undefined {
  const trimmed = phrase.trim();
  const words = trimmed.split(/\s+/);
  if (words.length > MAX_PHRASE_TOKENS) return `at most ${MAX_PHRASE_TOKENS} words`;
  if (!/[\p{L}\p{N}]/u.test(phrase)) return "a phrase needs at least one letter or digit";
  // Phrases are indexed by their first word: it must be a word or alternatives, or a prefix of 3+ letters.
  const first = anchored ? words[0]!.replace(/^\^/, "") : words[0]!;
  if (!first.split("|").every((alt) => alt !== "*" && (!alt.endsWith("*") || alt.length > PREFIX_KEY))) return "a phrase must start with a word, or a prefix of at least 3 letters, not \"*\"";
  if (anchored && (/.\^/.test(trimmed) || /\$./.test(trimmed))) return "\"^\" goes only before a phrase's first word and \"$\" only after its last";
  return undefined;
}

/** A lexicon phrase: `^` may open it (the match must start a sentence) and `$` close it (the match must end one). */
const phrase = (anchored: boolean) =>
  z.string().min(1).max(MAX_PHRASE_CHARS).check((ctx) => {
    const problem = phraseProblem(ctx.value, anchored);
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
  });

const PhraseList = z.array(phrase(true)).max(MAX_PHRASES_PER_LIST);
const PatternList = z.array(phrase(false)).max(MAX_PHRASES_PER_LIST);

export const SignalLexiconSchema = z.strictObject({
  /**
   * Token sequences (see docs: `word*` prefix, `*` any word, `a|b` alternatives, `^` opening and `$` closing a
   * sentence), matched after normalisation.
   */
  phrases: PhraseList.optional(),
  /** Phrases that veto the signal where they overlap a match ("not angry", "non sono arrabbiato"). */
  exceptions: PhraseList.optional(),
  /** English only: compromise match syntax, compiled once into a net (loading compromise costs the worker's start). */
  patterns: PatternList.optional(),
});
export type SignalLexicon = z.infer<typeof SignalLexiconSchema>;

export const SignalNameSchema = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, "a signal name such as \"emotion.frustration\"");

/** signal name → language → lexicon */
export const SignalLexiconsSchema = z.record(SignalNameSchema, z.record(z.string().regex(/^[a-z]{2,3}$/, "a language code such as \"it\""), SignalLexiconSchema));
export type SignalLexicons = z.infer<typeof SignalLexiconsSchema>;

/** Several packs' lexicons as one: phrase lists of the same signal and language are concatenated. */
export function mergeLexicons(...all: SignalLexicons[]): SignalLexicons {
  const merged: SignalLexicons = {};
  for (const lexicons of all) {
    for (const [signal, byLanguage] of Object.entries(lexicons)) {
      const target = (merged[signal] ??= {});
      for (const [language, lexicon] of Object.entries(byLanguage)) {
        const into = (target[language] ??= {});
        for (const key of ["phrases", "exceptions", "patterns"] as const) {
          if (lexicon[key]?.length) into[key] = [...(into[key] ?? []), ...lexicon[key]];
        }
      }
    }
  }
  return merged;
}
