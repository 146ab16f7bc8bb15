import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { misreadAlternatives, SignalLexiconsSchema } from "./lexicon-schema.js";

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
