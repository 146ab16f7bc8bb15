import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePacks, type Pack } from "../index.js";
import { FEATURES_VERSION, hash, LearnedModelSchema } from "./learned-model.js";
import { mergeLexicons, type SignalLexicons } from "./lexicon-schema.js";
import { acceptedOverrides, shorten, suggestPhrases, UnknownSignalError, wordSequences, type SuggestUtterance } from "./phrase-suggestions.js";
import { compileSignalDetector } from "./signal-detector.js";

const RULES = join(import.meta.dirname, "..", "..", "..", "rules");
const shippedPacks = ["active-listening", "lexicon-en", "lexicon-it", "lexicon-ro", "lexicon-fa"].map((id) => JSON.parse(readFileSync(join(RULES, `${id}.json`), "utf8")) as unknown);
const shipped = compilePacks(shippedPacks);
const lexicons: SignalLexicons = mergeLexicons(...shipped.packs.map((p: Pack) => p.signals));
const SIGNAL = "emotion.frustration";

// "zbang" is a made-up word of exasperation no lexicon knows; the rest is everyday Romanian support chat.
const THINGS = ["coletul", "factura", "contul", "comanda", "parola", "adresa", "curierul", "plata"];
const ENDINGS = ["de ieri", "iarăși", "din nou azi", "de o săptămână", "și acum", "de dimineață", "încă o dată", "de luni"];
const missedLines = THINGS.map((thing, i) => `zbang total ${["cu", "la", "pe", "de"][i % 4]} ${thing} ${ENDINGS[i]}`);
const calmLines = THINGS.map((thing) => `${thing} a ajuns bine, mulțumesc`);
const labelled = (positive: readonly string[], negative: readonly string[]): SuggestUtterance[] => [
  ...positive.map((text) => ({ text, positive: true })),
  ...negative.map((text) => ({ text, positive: false })),
];

describe("word sequences", () => {
  it("are 2 to 5 words within a sentence, normalised as the lexicon reads text", () => {
    const found = wordSequences("Sunt SĂTUL de voi! Aștept răspuns", "ro");
    expect(found).toContain("sunt satul");
    expect(found).toContain("sunt satul de voi");
    expect(found).toContain("astept raspuns");
    expect(found).not.toContain("voi astept");
    expect([...found].every((s) => s.split(" ").length >= 2 && s.split(" ").length <= 5)).toBe(true);
  });

  it("are shortened for examples at a word", () => {
    expect(shorten("a ".repeat(60))).toMatch(/^(a )+a…$/);
    expect(shorten("short\n line")).toBe("short line");
  });
});

describe("suggesting phrases from labelled lines", () => {
  const result = suggestPhrases({ signal: SIGNAL, language: "ro", lexicons, utterances: labelled(missedLines, [...calmLines, "zbang, ce film bun"]) });

  it("proposes the recurring wording the lexicon misses, with what it catches and its examples", () => {
    expect(result).toMatchObject({ source: "labels", utterances: 17, lexiconHits: 0, missed: 8, negatives: 9 });
    const first = result.suggestions[0]!;
    expect(first.phrase).toBe("zbang total");
    expect(first).toMatchObject({ catches: 8, risk: 0, meanScore: 1 });
    expect(first.examples).toEqual(missedLines.slice(0, 2));
  });

  it("leaves out what catches nothing new, so each proposal adds something", () => {
    // "zbang total cu" catches the same eight lines as "zbang total": proposing both would be one choice twice.
    expect(result.suggestions.map((s) => s.phrase)).not.toContain("zbang total cu");
  });

  it("counts the lines without the signal a phrase would fire on, and drops one that fires as often as it catches", () => {
    const angry = ["zbang total azi", "iar zbang total", "zbang total, serios"];
    const risky = suggestPhrases({ signal: SIGNAL, language: "ro", lexicons, utterances: labelled(angry, ["zbang total e un joc", ...calmLines]) });
    expect(risky.suggestions.find((s) => s.phrase === "zbang total")).toMatchObject({ catches: 3, risk: 1 });
    const tooRisky = suggestPhrases({ signal: SIGNAL, language: "ro", lexicons, utterances: labelled(angry.slice(0, 2), ["zbang total e un joc", "zbang total, film", ...calmLines]) });
    expect(tooRisky.suggestions.map((s) => s.phrase)).not.toContain("zbang total");
  });

  it("proposes nothing the lexicon already covers, nor from lines it already finds", () => {
    const covered = suggestPhrases({ signal: SIGNAL, language: "ro", lexicons, utterances: labelled(["m-am săturat de curier", "m-am săturat de curier azi", ...missedLines], calmLines) });
    expect(covered.lexiconHits).toBe(2);
    const detector = compileSignalDetector(lexicons);
    for (const s of covered.suggestions) {
      expect(detector.detect(s.phrase, "ro").has(SIGNAL)).toBe(false);
      expect(s.phrase).not.toMatch(/curier$/);
    }
  });

  it("gives phrases that, accepted as the team's overrides, make the signal fire on the lines they catch", () => {
    const overrides = acceptedOverrides(SIGNAL, "ro", result.suggestions.map((s) => s.phrase));
    const withThem = compilePacks(shippedPacks, overrides);
    for (const text of missedLines) expect(withThem.detector.detect(text, "ro").has(SIGNAL)).toBe(true);
    for (const text of calmLines) expect(withThem.detector.detect(text, "ro").has(SIGNAL)).toBe(false);
  });

  it("refuses a signal or language the lexicons lack, saying which exist", () => {
    expect(() => suggestPhrases({ signal: "emotion.nope", language: "ro", lexicons, utterances: [] })).toThrow(UnknownSignalError);
    expect(() => suggestPhrases({ signal: SIGNAL, language: "de", lexicons, utterances: [] })).toThrow(/unknown language \(known: en, fa, it, ro\)/);
  });
});

describe("suggesting phrases from unlabelled transcripts", () => {
  it("ranks by the pack's learned model where one ships, naming its strongest words", () => {
    const bytes = new Int8Array(4096);
    bytes[hash("w:zbang") & 4095] = 100;
    const model = LearnedModelSchema.parse({ features: FEATURES_VERSION, buckets: 4096, weights: Buffer.from(bytes.buffer).toString("base64"), scale: 0.1, bias: -5, fire: 0.9, veto: 0, trainedOn: "a test" });
    const withModel = mergeLexicons(lexicons, { [SIGNAL]: { ro: { model } } });
    const result = suggestPhrases({ signal: SIGNAL, language: "ro", lexicons: withModel, utterances: [...missedLines, ...calmLines].map((text) => ({ text })) });
    expect(result).toMatchObject({ source: "model", high: 0.9, low: 0.45, missed: 8, negatives: 8 });
    expect(result.suggestions[0]).toMatchObject({ phrase: "zbang total", catches: 8, risk: 0 });
    expect(result.suggestions[0]!.reasons[0]).toBe("zbang");
  });

  it("without labels or a model, judges by what co-occurs with the lexicon's own hits", () => {
    // Customers who write "zbang total" mostly also write a phrase the lexicon knows; some do not.
    const withPhrase = Array.from({ length: 40 }, (_, i) => `zbang total, m-am săturat, cu ${THINGS[i % THINGS.length]} ${i}`);
    const without = Array.from({ length: 8 }, (_, i) => `zbang total, cu ${THINGS[i]} ${i}`);
    const calm = Array.from({ length: 80 }, (_, i) => `${THINGS[i % THINGS.length]} a ajuns bine ${i}, mulțumesc`);
    const result = suggestPhrases({ signal: SIGNAL, language: "ro", lexicons, utterances: [...withPhrase, ...without, ...calm].map((text) => ({ text })) });
    expect(result.source).toBe("co-occurrence");
    expect(result.lexiconHits).toBe(40);
    expect(result.suggestions[0]).toMatchObject({ phrase: "zbang total", risk: 0 });
    expect(result.suggestions[0]!.catches).toBeGreaterThanOrEqual(MIN_CO_OCCURRING);
  });
});

const MIN_CO_OCCURRING = 4;

// Real text written by people, not by us: the labelled corpora beside the checkout (never copied into the repository).
const EVAL = join(import.meta.dirname, "..", "..", "..", "..", "shared", "eval");
describe.each(["ro", "it"])("on the frustration corpus (%s), half proposing and half held", (language) => {
  const file = join(EVAL, `frustration.${language}.tsv`);
  it.skipIf(!existsSync(file))("proposes phrases that catch held lines the lexicon missed more often than they fire on held lines without frustration", () => {
    const rows = readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => {
      const tab = line.lastIndexOf("\t");
      return { text: line.slice(0, tab), positive: line.slice(tab + 1).trim() === "frustration" };
    });
    const proposing = rows.filter((_, i) => i % 2 === 0);
    const held = rows.filter((_, i) => i % 2 === 1);
    const result = suggestPhrases({ signal: SIGNAL, language, lexicons, utterances: proposing, top: 20 });
    expect(result.suggestions.length).toBeGreaterThan(0);
    const before = compileSignalDetector(lexicons);
    const after = compilePacks(shippedPacks, acceptedOverrides(SIGNAL, language, result.suggestions.map((s) => s.phrase))).detector;
    const silent = held.filter((r) => !before.detect(r.text, language).has(SIGNAL));
    const newHits = silent.filter((r) => after.detect(r.text, language).has(SIGNAL));
    const caught = newHits.filter((r) => r.positive).length;
    const falseHits = newHits.length - caught;
    const baseRate = silent.filter((r) => r.positive).length / silent.length;
    console.log(`frustration (${language}): ${result.suggestions.length} phrases from ${result.missed} missed lines; on ${silent.length} held lines the lexicon is silent on (${(baseRate * 100).toFixed(1)}% frustrated), they catch ${caught} and fire falsely on ${falseHits}`);
    expect(caught).toBeGreaterThan(0);
    // Better than chance: the new hits are frustrated more often than the lines the lexicon leaves silent.
    expect(caught / newHits.length).toBeGreaterThan(baseRate);
    expect(falseHits).toBeLessThan(silent.length * 0.02);
  });
});
