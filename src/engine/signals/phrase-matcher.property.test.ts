import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_ALTERNATIVES, MAX_SPELLINGS_PER_PHRASE, SignalLexiconsSchema } from "./lexicon-schema.js";
import { tokenize } from "./normalize.js";
import { countSpellings, PhraseMatcher } from "./phrase-matcher.js";

// Generated phrases, with every feature that multiplies or widens what the matcher builds (alternatives that split at
// a hyphen or an apostrophe, long alternative lists, prefixes, "*", anchors): whatever the schema accepts is built
// within the budgets, and whatever would not be is refused, counted rather than built. Work is asserted as counted
// (entries and index keys built), never as time, so the test holds on a busy machine.

const letters = fc.stringMatching(/^[a-z]{1,4}$/);
const splitting = fc.tuple(letters, fc.constantFrom("-", "'"), letters).map(([a, mark, b]) => `${a}${mark}${b}`);
const prefix = fc.stringMatching(/^[a-z]{3,5}$/).map((stem) => `${stem}*`);
const alternative = fc.oneof({ weight: 4, arbitrary: letters }, { weight: 3, arbitrary: splitting }, { weight: 1, arbitrary: prefix });
const word = fc.oneof(
  { weight: 12, arbitrary: fc.array(alternative, { minLength: 1, maxLength: 6 }).map((alternatives) => alternatives.join("|")) },
  { weight: 1, arbitrary: fc.constant("*") },
  // A long list of one-letter alternatives: within 200 characters, and sometimes over MAX_ALTERNATIVES.
  { weight: 1, arbitrary: fc.array(fc.stringMatching(/^[a-z]$/), { minLength: 30, maxLength: 70 }).map((alternatives) => alternatives.join("|")) },
);
const phrase = fc
  .tuple(fc.boolean(), fc.array(word, { minLength: 1, maxLength: 12 }), fc.boolean())
  .map(([opens, words, closes]) => `${opens ? "^" : ""}${words.join(" ")}${closes ? "$" : ""}`);
const language = fc.constantFrom("en", "it", "ro");

describe("phrase budgets (property-based)", () => {
  it("an accepted phrase builds one entry per counted spelling, within the budget; one over it is refused unbuilt", () => {
    fc.assert(
      fc.property(phrase, language, fc.array(letters, { maxLength: 30 }), (p, lang, text) => {
        const count = countSpellings(p, lang);
        const parsed = SignalLexiconsSchema.safeParse({ apology: { [lang]: { phrases: [p] } } });
        const messages = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
        if (count > MAX_SPELLINGS_PER_PHRASE) expect(messages).toContain(`forks into ${count} spellings (its alternatives that split at a hyphen or an apostrophe multiply); at most ${MAX_SPELLINGS_PER_PHRASE}: write it as several phrases`);
        // One problem a phrase is said: too many alternatives may be said as another the phrase also has.
        if (p.split(/\s+/).some((w) => w.split("|").length > MAX_ALTERNATIVES)) expect(parsed.success).toBe(false);
        if (!parsed.success) return;

        const matcher = new PhraseMatcher([{ phrase: p, value: "x" }], lang);
        expect(matcher.size.entries).toBe(count);
        expect(count).toBeLessThanOrEqual(MAX_SPELLINGS_PER_PHRASE);
        expect(matcher.size.keys).toBeLessThanOrEqual(count * MAX_ALTERNATIVES);
        // Matching the phrase's own words, and random ones, finds only spans inside the text.
        const words = tokenize(`${p.replace(/[|^$*]/g, " ")} ${text.join(" ")}`, lang);
        for (const { span } of matcher.match(words)) expect(span.start >= 0 && span.start < span.end && span.end <= words.length).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("counts spellings as the matcher makes them", () => {
    const cases: Array<[string, string, number]> = [
      ["cum v-am|ți-am|am spus", "ro", 3],
      ["scuză-mă|scuzați rog", "ro", 2],
      ["i'm|im so|very sorry", "en", 1],
      ["l'ho|lo già detto", "it", 2],
      ["a-b|c-d|e-f|g-h|i-j ".repeat(10).trim(), "en", 5 ** 10],
    ];
    for (const [p, lang, count] of cases) expect(countSpellings(p, lang), p).toBe(count);
    for (const [p, lang, count] of cases.slice(0, 4)) expect(new PhraseMatcher([{ phrase: p, value: "x" }], lang).size.entries, p).toBe(count);
  });
});
