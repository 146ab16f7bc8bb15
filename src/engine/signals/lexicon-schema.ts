import { z } from "zod";
import { PREFIX_KEY, splitAnchors } from "./phrase-matcher.js";

/** Bounds that keep a pack from making detection slow: phrases are short token sequences, never regular expressions. */
export const MAX_PHRASE_CHARS = 200;
export const MAX_PHRASE_TOKENS = 12;
export const MAX_PHRASES_PER_LIST = 5000;

/** Words compared as the matcher compares them, whatever the case and diacritics ("imi" is "îmi"). */
const fold = (word: string) => word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

/**
 * What is wrong with a phrase that puts a space inside an alternative, or undefined. An alternative is one word, so
 * "still not|still no" reads as "still", "not|still", "no": never what was meant. Such a phrase gives itself away by
 * offering as an alternative a word that is also a token of its own in the phrase ("still", "rip off|rip-off"), or
 * by offering the same word twice in one token ("come le ho già detto|detto"). No correct phrase does either; the same
 * mistake without a repeated word ("thanks for calling|your patience") reads like "what kind|sort of", so it is left
 * to review. Alternatives are compared exactly within a token: "explicati|explicați" is redundant, not misread.
 */
export function misreadAlternatives(phrase: string): string | undefined {
  if (!phrase.includes("|")) return undefined;
  const tokens = splitAnchors(phrase).words.split(/\s+/);
  const single = new Set(tokens.filter((t) => !t.includes("|") && t !== "*").map(fold));
  const advice = "an alternative is one word (\"a b|a c\" reads as a, b|a, c), so write each wording as a phrase of its own";
  for (const token of tokens) {
    const alternatives = token.split("|");
    if (alternatives.length < 2) continue;
    const twice = alternatives.find((a, i) => alternatives.indexOf(a) !== i);
    if (twice !== undefined) return `"${token}" offers "${twice}" twice: ${advice}`;
    const alone = alternatives.flatMap((a) => a.split("-")).find((word) => single.has(fold(word)));
    if (alone !== undefined) return `"${token}" offers "${alone}", which is also a word of its own in the phrase: ${advice}`;
  }
  return undefined;
}

/**
 * What is wrong with a phrase, if anything (its length is checked by zod, and so shows in the JSON Schema). One check
 * per phrase rather than one zod refinement per rule: packs hold thousands of phrases, and the worker validates them as
 * it starts. A lexicon phrase (`anchored`) may open with `^` and close with `$`; a compromise pattern has its own
 * syntax, groups and anchors included, so only its size and first word are checked.
 */
function phraseProblem(phrase: string, anchored: boolean): string | undefined {
  const words = (anchored ? splitAnchors(phrase).words : phrase.trim()).split(/\s+/);
  if (words.length > MAX_PHRASE_TOKENS) return `at most ${MAX_PHRASE_TOKENS} words`;
  if (!/[\p{L}\p{N}]/u.test(phrase)) return "a phrase needs at least one letter or digit";
  // Phrases are indexed by their first word: it must be a word or alternatives, or a prefix of 3+ letters.
  if (!words[0]!.split("|").every((alt) => alt !== "*" && (!alt.endsWith("*") || alt.length > PREFIX_KEY))) return "a phrase must start with a word, or a prefix of at least 3 letters, not \"*\"";
  if (!anchored) return undefined;
  if (/[$^]/.test(words.join(" "))) return "\"^\" goes only before a phrase's first word and \"$\" only after its last";
  return misreadAlternatives(phrase);
}

/** A lexicon phrase: `^` may open it (the match must start a sentence) and `$` close it (the match must end one). */
const phrase = (anchored: boolean) =>
  z.string().min(1).max(MAX_PHRASE_CHARS).check((ctx) => {
    const problem = phraseProblem(ctx.value, anchored);
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
  });

/** A list of lexicon phrases, in a pack or in a team lead's overrides. */
export const PhraseList = z.array(phrase(true)).max(MAX_PHRASES_PER_LIST);
const PatternList = z.array(phrase(false)).max(MAX_PHRASES_PER_LIST);

export const SignalLexiconSchema = z.strictObject({
  /**
   * Token sequences (see docs: `word*` prefix, `*` any word, `a|b` alternatives, `^` opening and `$` closing a
   * sentence), matched after normalisation.
   */
  phrases: PhraseList.optional(),
  /** Phrases that veto the signal where they overlap a match ("not angry", "non sono arrabbiato"). */
  exceptions: PhraseList.optional(),
  /**
   * English only: compromise match syntax (its groups are its own, not phrase alternatives), compiled once into a net;
   * loading compromise costs the worker's start.
   */
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
