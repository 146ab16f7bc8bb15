import { z } from "zod";
import { LearnedModelSchema } from "./learned-model.js";
import { countSpellings, GAP, MAX_GAPS, PREFIX_KEY, splitAnchors } from "./phrase-matcher.js";

/** Bounds that keep a pack from making detection slow: phrases are short token sequences, never regular expressions. */
export const MAX_PHRASE_CHARS = 200;
export const MAX_PHRASE_TOKENS = 12;
export const MAX_PHRASES_PER_LIST = 5000;
/** Alternatives of one word: the shipped lexicons need at most 21; each is a key the matcher indexes. */
export const MAX_ALTERNATIVES = 50;
/**
 * The matcher builds one entry per spelling of a phrase (see countSpellings), and spellings multiply: ten words of
 * five hyphenated alternatives are 5^10. The shipped phrases make at most 4 each and fewer than 1,500 in the largest pack.
 */
export const MAX_SPELLINGS_PER_PHRASE = 256;
/** Spellings of one pack's (or one set of overrides') phrases and exceptions, all languages: 10 times what the largest shipped may hold. */
export const MAX_SPELLINGS_PER_FILE = 15_000;
/**
 * Spellings of every pack and overrides compiled together (a team can import packs until storage is full): 6 times
 * the shipped 5,008. At this limit the worst phrases packs can hold cost the worker ~0.2 s and ~15 MB to build, once
 * (measured in Node on the project's 2-core machine).
 */
export const MAX_SPELLINGS_COMPILED = 30_000;

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
  const tokens = splitAnchors(phrase).words.split(/\s+/).filter((t) => t !== GAP);
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
  if (!words[0]!.split("|").every((alt) => alt !== "*" && alt !== GAP && (!alt.endsWith("*") || alt.length > PREFIX_KEY))) return "a phrase must start with a word, or a prefix of at least 3 letters, not \"*\"";
  if (!anchored) return undefined;
  if (/[$^]/.test(words.join(" "))) return "\"^\" goes only before a phrase's first word and \"$\" only after its last";
  if (/[?؟]/.test(words.join(" "))) return "\"?\" goes only at a phrase's very end (after \"$\" if both): the match must be in a question";
  const gaps = words.filter((w) => w === GAP).length;
  if (gaps) {
    if (words.at(-1) === GAP || words.some((w, i) => w === GAP && words[i + 1] === GAP)) return `a frame's "${GAP}" goes between two words`;
    if (gaps > MAX_GAPS) return `at most ${MAX_GAPS} "${GAP}" gaps in a frame`;
  }
  if (words.some((w) => w !== GAP && w.includes(".."))) return `a gap is "${GAP}" alone, between two words`;
  if (words.some((word) => word.split("|").length > MAX_ALTERNATIVES)) return `at most ${MAX_ALTERNATIVES} alternatives a word`;
  return misreadAlternatives(phrase);
}

/** A lexicon phrase: `^` may open it (the match must start a sentence) and `$` close it (the match must end one). */
const phrase = (anchored: boolean) =>
  z.string().min(1).max(MAX_PHRASE_CHARS).check((ctx) => {
    const problem = phraseProblem(ctx.value, anchored);
    // Continuable: the lists' spelling budget is still checked, so every problem shows at once.
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value, continue: true });
  });

export const SignalNameSchema = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, "a signal name such as \"emotion.frustration\"");

/** Signals one signal may take back: the shipped packs name at most 2. */
const MAX_SUPERSEDED = 20;

const ExampleUtterances = z.array(z.string().min(1).max(1000)).max(MAX_PHRASES_PER_LIST);

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
   * Signals this one takes back, each where a phrase of it overlaps this one's (`overlap`: frustration's sarcasm, "great,
   * just great", holds a glad word that is no gladness) or anywhere in the same sentence (`sentence`: an agent's
   * restatement, "so if I understand, the parcel came broken?", tells the customer's complaint, it does not make one).
   * Elsewhere in the utterance both stand ("thanks, but I'm fed up").
   */
  supersedes: z
    .record(SignalNameSchema, z.enum(["overlap", "sentence"]))
    .check((ctx) => {
      if (Object.keys(ctx.value).length > MAX_SUPERSEDED) ctx.issues.push({ code: "custom", message: `at most ${MAX_SUPERSEDED} signals`, input: ctx.value });
    })
    .optional(),
  /**
   * English only: compromise match syntax (its groups are its own, not phrase alternatives), compiled once into a net;
   * loading compromise costs the worker's start.
   */
  patterns: PatternList.optional(),
  /**
   * Utterances that must carry the signal (`matches`) and near misses that must not (`ignores`), in this language: run
   * by `attune test-rules`, so a frame or phrase that stops working, or starts firing on its near miss, is caught.
   */
  examples: z.strictObject({ matches: ExampleUtterances.optional(), ignores: ExampleUtterances.optional() }).optional(),
  /**
   * A learned model for the signal in this language, applied after the phrases: it adds the signal at or above its
   * `fire` probability and takes it back below its `veto` (see docs: the learned layer). Of several packs, the last
   * one's applies.
   */
  model: LearnedModelSchema.optional(),
});
export type SignalLexicon = z.infer<typeof SignalLexiconSchema>;

/** Phrase lists by signal and language, as packs and overrides hold them. */
type PhraseLists = Record<string, Record<string, { phrases?: readonly string[] | undefined; exceptions?: readonly string[] | undefined }>>;

/**
 * Each phrase that forks into too many spellings, and lexicons whose spellings together are too many, with where they
 * are (a path under the lists). Spellings are counted, never made, so a phrase of 5^10 is refused as fast as any other.
 * A phrase refused on its own is left out of the total, so that it is reported once.
 */
export function spellingBudgetProblems(lists: PhraseLists, maxTotal = MAX_SPELLINGS_PER_FILE): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  let total = 0;
  for (const [signal, byLanguage] of Object.entries(lists)) {
    for (const [language, lexicon] of Object.entries(byLanguage)) {
      for (const list of ["phrases", "exceptions"] as const) {
        lexicon[list]?.forEach((phrase, i) => {
          const count = countSpellings(phrase, language);
          if (count <= MAX_SPELLINGS_PER_PHRASE) total += count;
          else problems.push({ path: [signal, language, list, i], message: `forks into ${count} spellings (its alternatives that split at a hyphen or an apostrophe multiply); at most ${MAX_SPELLINGS_PER_PHRASE}: write it as several phrases` });
        });
      }
    }
  }
  if (total > maxTotal) problems.push({ path: [], message: `the phrases fork into ${total} spellings in all; at most ${maxTotal}` });
  return problems;
}

/** The zod check of spellingBudgetProblems, for packs' and overrides' phrase lists alike. */
export function withinSpellingBudget(ctx: z.core.ParsePayload<PhraseLists>): void {
  for (const { path, message } of spellingBudgetProblems(ctx.value)) ctx.issues.push({ code: "custom", message, input: ctx.value, path, continue: true });
}

/** signal name → language → lexicon */
export const SignalLexiconsSchema = z
  .record(SignalNameSchema, z.record(z.string().regex(/^[a-z]{2,3}$/, "a language code such as \"it\""), SignalLexiconSchema))
  .check(withinSpellingBudget);
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
        if (lexicon.supersedes) into.supersedes = { ...into.supersedes, ...lexicon.supersedes };
        if (lexicon.model) into.model = lexicon.model;
      }
    }
  }
  return merged;
}
