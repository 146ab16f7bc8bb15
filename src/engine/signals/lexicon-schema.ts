import { z } from "zod";
import { PREFIX_KEY } from "./phrase-matcher.js";

/** Bounds that keep a pack from making detection slow: phrases are short token sequences, never regular expressions. */
export const MAX_PHRASE_CHARS = 200;
export const MAX_PHRASE_TOKENS = 12;
export const MAX_PHRASES_PER_LIST = 5000;

const Phrase = z
  .string()
  .min(1)
  .max(MAX_PHRASE_CHARS)
  .refine((p) => p.trim().split(/\s+/).length <= MAX_PHRASE_TOKENS, `at most ${MAX_PHRASE_TOKENS} words`)
  .refine((p) => /[\p{L}\p{N}]/u.test(p), "a phrase needs at least one letter or digit")
  // Phrases are indexed by their first word: it must be a word or alternatives, or a prefix of 3+ letters.
  .refine((p) => p.trim().replace(/^\^/, "").split(/\s+/)[0]!.split("|").every((alt) => alt !== "*" && (!alt.endsWith("*") || alt.length > PREFIX_KEY)), "a phrase must start with a word, or a prefix of at least 3 letters, not \"*\"");

/** A lexicon phrase: `^` may open it (the match must start a sentence) and `$` close it (the match must end one). */
const AnchoredPhrase = Phrase.refine((p) => !/.\^/.test(p.trim()) && !/\$./.test(p.trim()), "\"^\" goes only before a phrase's first word and \"$\" only after its last");

const PhraseList = z.array(AnchoredPhrase).max(MAX_PHRASES_PER_LIST);
const PatternList = z.array(Phrase).max(MAX_PHRASES_PER_LIST);

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
