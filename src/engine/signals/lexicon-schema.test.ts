import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  MAX_ALTERNATIVES,
  MAX_SPELLINGS_COMPILED,
  MAX_SPELLINGS_PER_FILE,
  MAX_SPELLINGS_PER_PHRASE,
  mergeLexicons,
  misreadAlternatives,
  SignalLexiconsSchema,
  spellingBudgetProblems,
  type SignalLexicons,
} from "./lexicon-schema.js";
import { MAX_GAPS } from "./phrase-matcher.js";

const RULES = join(__dirname, "..", "..", "..", "rules");

describe("phrases with a space inside an alternative", () => {
  it("are refused when an alternative repeats a word the phrase has as a token of its own", () => {
    expect(misreadAlternatives("still not|still no|still waiting")).toMatch(/"not\|still" offers "still", which is also a word of its own/);
    expect(misreadAlternatives("nessuno risponde|mi risponde")).toMatch(/offers "risponde"/);
    // Hyphenated alternatives are words apart, as the matcher splits them: "rip-off" repeats "rip".
    expect(misreadAlternatives("rip off|rip-off")).toMatch(/offers "rip"/);
    // Diacritics aside, as the matcher compares words: "îmi" is "imi".
    expect(misreadAlternatives("deci imi spuneti|îmi spuneți")).toMatch(/offers "spuneti"/);
  });

  it("are refused when a token offers the same word twice", () => {
    expect(misreadAlternatives("come le ho già detto|detto")).toMatch(/"detto\|detto" offers "detto" twice/);
    expect(misreadAlternatives("دیگه بسه|بسه دیگه")).toMatch(/offers "بسه" twice/);
  });

  it("are not confused with correct phrases", () => {
    for (const phrase of [
      "what kind|sort|type of",
      "still not|no|waiting",
      "sorry sorry",
      "why is|are|does|do it|this|that taking|take so|this long",
      "va|vă va|vor suna|contacta",
      "explicati|explicați",
      "scuză-mă|scuzați",
      "file|make a|an * complaint",
    ]) {
      expect(misreadAlternatives(phrase), phrase).toBeUndefined();
    }
  });

  it("are refused in a lexicon, with the advice, and every shipped lexicon passes", () => {
    const result = SignalLexiconsSchema.safeParse({ apology: { en: { phrases: ["sorry", "so sorry|so sad"] } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["apology", "en", "phrases", 1]);
    expect(result.error?.issues[0]?.message).toMatch(/an alternative is one word .* write each wording as a phrase of its own/);
    // Compromise patterns have their own syntax: not held to it.
    expect(SignalLexiconsSchema.safeParse({ apology: { en: { patterns: ["(so|so very) sorry"] } } }).success).toBe(true);
    for (const file of readdirSync(RULES).filter((f) => f.startsWith("lexicon-"))) {
      const { signals } = JSON.parse(readFileSync(join(RULES, file), "utf8")) as { signals: unknown };
      expect(SignalLexiconsSchema.safeParse(signals).error?.issues, file).toBeUndefined();
    }
  });
});

describe("frames", () => {
  const issues = (phrase: string) => SignalLexiconsSchema.safeParse({ "complaint.error": { en: { phrases: [phrase] } } }).error?.issues.map((i) => i.message);

  it("take their gaps between words, at most MAX_GAPS of them", () => {
    expect(issues("ordered ... arrived ... broken")).toBeUndefined();
    expect(issues("... arrived broken")).toEqual([expect.stringMatching(/must start with a word/)]);
    expect(issues("ordered ...")).toEqual(['a frame\'s "..." goes between two words']);
    expect(issues("ordered ... ... broken")).toEqual(['a frame\'s "..." goes between two words']);
    expect(issues("a ... b ... c ... d ... e")).toEqual([`at most ${MAX_GAPS} "..." gaps in a frame`]);
    expect(issues("ordered broken|...")).toEqual(['a gap is "..." alone, between two words']);
  });

  it("take a question mark only at their very end", () => {
    expect(issues("so ... never came?")).toBeUndefined();
    expect(issues("right$ ?")).toBeUndefined();
    expect(issues("^یعنی ؟")).toBeUndefined();
    expect(issues("so? you never came")).toEqual(['"?" goes only at a phrase\'s very end (after "$" if both): the match must be in a question']);
  });

  it("hold examples that must and must not carry the signal, in the lexicon", () => {
    expect(SignalLexiconsSchema.safeParse({ "complaint.error": { en: { phrases: ["a ... b"], examples: { matches: ["a x b"], ignores: ["b a"] } } } }).success).toBe(true);
    expect(SignalLexiconsSchema.safeParse({ "complaint.error": { en: { examples: { matches: [""] } } } }).success).toBe(false);
    expect(SignalLexiconsSchema.safeParse({ "complaint.error": { en: { examples: { must: ["a"] } } } }).success).toBe(false);
  });
});

describe("the budgets of phrases", () => {
  const shipped = readdirSync(RULES).filter((file) => file.endsWith(".json")).map((file) => ({ file, signals: (JSON.parse(readFileSync(join(RULES, file), "utf8")) as { signals?: SignalLexicons }).signals ?? {} }));

  it("leave the shipped lexicons far within them: a tenth of a file's, a fifth of all together's at most", () => {
    let all = 0;
    for (const { file, signals } of shipped) {
      expect(spellingBudgetProblems(signals, MAX_SPELLINGS_PER_FILE / 10), file).toEqual([]);
      const phrases = Object.values(signals).flatMap((byLanguage) => Object.values(byLanguage).flatMap((l) => [...(l.phrases ?? []), ...(l.exceptions ?? [])]));
      all += phrases.length;
      for (const phrase of phrases) expect(phrase.split(/\s+/).every((word) => word.split("|").length <= MAX_ALTERNATIVES / 2), phrase).toBe(true);
    }
    // Together as the worker compiles them (every file's lists of a signal and language joined, not the last file's).
    expect(spellingBudgetProblems(mergeLexicons(...shipped.map((s) => s.signals)), MAX_SPELLINGS_COMPILED / 5)).toEqual([]);
    expect(all).toBeGreaterThan(1000);
  });

  it("refuse a phrase of too many spellings or alternatives where it is, and lists too big together", () => {
    const fourHundred = "a-b|c-d|e-f|g-h|i-j|k-l|m-n|o-p|q-r|s-t ".repeat(2).trim() + " x-y|z-w|u-v|r-s";
    const issues = (lexicons: unknown) => SignalLexiconsSchema.safeParse(lexicons).error?.issues.map(({ path, message }) => ({ path, message }));
    expect(issues({ apology: { ro: { phrases: ["îmi pare rău", fourHundred] } } })).toEqual([
      { path: ["apology", "ro", "phrases", 1], message: `forks into 400 spellings (its alternatives that split at a hyphen or an apostrophe multiply); at most ${MAX_SPELLINGS_PER_PHRASE}: write it as several phrases` },
    ]);
    const alternatives = Array.from({ length: MAX_ALTERNATIVES + 1 }, (_, i) => `w${i}`).join("|");
    expect(issues({ apology: { en: { exceptions: [`sorry ${alternatives}`] } } })).toEqual([{ path: ["apology", "en", "exceptions", 0], message: `at most ${MAX_ALTERNATIVES} alternatives a word` }]);
    // Apostrophes split words in Italian and Romanian, not in English: the count follows the language.
    const apostrophes = Array(6).fill("l'ho|lo|gli'ho").join(" ");
    expect(issues({ apology: { en: { phrases: [apostrophes] } } })).toBeUndefined();
    expect(issues({ apology: { it: { phrases: [apostrophes] } } })).toEqual([expect.objectContaining({ message: expect.stringMatching(/^forks into 729 spellings/) })]);
    const many = Array.from({ length: MAX_SPELLINGS_PER_FILE / 10 }, (_, i) => `w${i} a-b|c-d|e-f|g-h|i-j|k-l|m-n|o-p|q-r|s-t`);
    expect(issues({ apology: { en: { phrases: many } } })).toBeUndefined();
    expect(issues({ apology: { en: { phrases: many } }, thanks: { en: { phrases: many.slice(0, 1) } } })).toEqual([{ path: [], message: `the phrases fork into ${MAX_SPELLINGS_PER_FILE + 10} spellings in all; at most ${MAX_SPELLINGS_PER_FILE}` }]);
  });
});
