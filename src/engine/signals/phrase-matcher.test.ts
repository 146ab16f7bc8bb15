import { describe, expect, it } from "vitest";
import { tokenize } from "./normalize.js";
import { MAX_GAP_WORDS, PhraseMatcher } from "./phrase-matcher.js";
import { readSentences } from "./structure.js";

const values = (matcher: PhraseMatcher<string>, text: string, language = "en") =>
  matcher.match(tokenize(text, language)).map((m) => m.value);

describe("PhraseMatcher", () => {
  it("matches contiguous words anywhere, whatever the case and accents", () => {
    const m = new PhraseMatcher([{ phrase: "non ne posso più", value: "frustration" }], "it");
    expect(values(m, "Basta, NON ne posso piu!!", "it")).toEqual(["frustration"]);
    expect(values(m, "non posso più", "it")).toEqual([]);
  });

  it("supports prefixes, alternatives and a one-word wildcard", () => {
    const m = new PhraseMatcher(
      [
        { phrase: "sono arrabbiat*", value: "a" },
        { phrase: "charged|billed twice", value: "b" },
        { phrase: "thank * so much", value: "c" },
      ],
      "it",
    );
    expect(values(m, "Sono arrabbiatissima")).toEqual(["a"]);
    expect(values(m, "you billed twice")).toEqual(["b"]);
    expect(values(m, "thank you so much")).toEqual(["c"]);
  });

  it("splits a hyphenated phrase into words, as text is split", () => {
    const m = new PhraseMatcher([{ phrase: "m-am săturat", value: "ro" }, { phrase: "fed-up", value: "en" }], "ro");
    expect(values(m, "Gata, m-am saturat!", "ro")).toEqual(["ro"]);
    expect(values(m, "i'm fed-up", "ro")).toEqual(["en"]);
  });

  it("forks a phrase at an alternative that splits into words", () => {
    const m = new PhraseMatcher([{ phrase: "cum v-am|ți-am|am spus", value: "x" }], "ro");
    expect(values(m, "Cum v-am spus deja", "ro")).toEqual(["x"]);
    expect(values(m, "cum ti-am spus", "ro")).toEqual(["x"]);
    expect(values(m, "cum am spus", "ro")).toEqual(["x"]);
    expect(values(m, "cum v am ti spus", "ro")).toEqual([]);
  });

  it("anchors a phrase to the start (^) or end ($) of a sentence", () => {
    const m = new PhraseMatcher([{ phrase: "^seriously", value: "opens" }, { phrase: "^oh|ah come on$", value: "whole" }], "en");
    expect(values(m, "seriously")).toEqual(["opens"]);
    expect(values(m, "I take it seriously")).toEqual([]);
    expect(values(m, "oh come on")).toEqual(["whole"]);
    expect(values(m, "oh come on in")).toEqual([]);
    // Sentence by sentence when the bounds are given: "Thanks. Seriously, …" opens its second sentence with the word.
    const words = tokenize("Thanks. Seriously, two weeks. Ah come on", "en");
    const bounds = { starts: new Set([0, 1, 4]), ends: new Set([1, 4, 7]) };
    expect(m.match(words, bounds).map((found) => found.value)).toEqual(["opens", "whole"]);
  });

  it("holds a phrase ending in ? to sentences asked as questions, and a frame's whole match to one", () => {
    const m = new PhraseMatcher([{ phrase: "giusto$?", value: "tag" }, { phrase: "quindi ... arrivato?", value: "restated" }], "it");
    const read = (text: string) => readSentences(text, "it");
    const found = (text: string) => m.match(read(text).words, read(text).bounds).map((f) => f.value);
    expect(found("Quindi il pacco non è mai arrivato, giusto?")).toEqual(["restated", "tag"]);
    expect(found("Quindi il pacco non è mai arrivato. Giusto.")).toEqual([]);
    expect(found("Quindi non è arrivato. Ho capito, giusto?")).toEqual(["tag"]);
    // Words read without bounds are one sentence, not a question: only a caller that knows the "?" may say so.
    expect(m.match(tokenize("quindi è arrivato giusto", "it"))).toEqual([]);
  });

  it("matches a frame's parts in order, with up to MAX_GAP_WORDS words of one sentence in each gap", () => {
    const m = new PhraseMatcher([{ phrase: "ordered|bought ... arrived|came broken|cracked", value: "story" }], "en");
    expect(values(m, "I ordered a lamp and it came cracked")).toEqual(["story"]);
    expect(values(m, "ordered arrived broken")).toEqual(["story"]);
    expect(values(m, "it came cracked, the one I ordered")).toEqual([]);
    const gap = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");
    expect(values(m, `bought ${gap(MAX_GAP_WORDS)} came broken`)).toEqual(["story"]);
    expect(values(m, `bought ${gap(MAX_GAP_WORDS + 1)} came broken`)).toEqual([]);
    // Not across sentences: "I ordered a lamp. It came broken, the vase" is two stories, but never one frame.
    const words = tokenize("I ordered a lamp. The vase came broken", "en");
    expect(m.match(words, { starts: new Set([0, 4]), ends: new Set([4, 8]) })).toEqual([]);
    expect(m.match(tokenize("I ordered a lamp and it came broken", "en"))).toEqual([{ value: "story", span: { start: 1, end: 8 }, closesSentence: false }]);
  });

  it("reads a frame's parts as phrases are read: prefixes, forks at hyphens, Persian affixes, anchors", () => {
    const m = new PhraseMatcher([
      { phrase: "^comandat ... mi-ați|mi-a trimis greșit*", value: "ro" },
      { phrase: "سفارش دادم ... نمی‌رسه", value: "fa" },
    ], "ro");
    expect(values(m, "Comandat o geacă și mi-ați trimis greșita", "ro")).toEqual(["ro"]);
    expect(values(m, "am comandat o geacă și mi-ați trimis greșita", "ro")).toEqual([]);
    const fa = new PhraseMatcher([{ phrase: "سفارش دادم ... نمی‌رسه", value: "fa" }], "fa");
    expect(values(fa, "یه هفته پیش سفارش دادم هنوز نمی رسه", "fa")).toEqual(["fa"]);
  });

  it("reports the span of words a phrase covers", () => {
    const m = new PhraseMatcher([{ phrase: "not angry", value: "x" }], "en");
    expect(m.match(tokenize("I am not angry at all", "en"))).toEqual([{ value: "x", span: { start: 2, end: 4 }, closesSentence: false }]);
  });

  it("matches Persian phrases written with or without ZWNJ and Arabic letters", () => {
    const m = new PhraseMatcher([{ phrase: "نمی‌خواهم", value: "x" }], "fa");
    expect(values(m, "نمیخواهم", "fa")).toEqual(["x"]);
    expect(values(m, "نمي خواهم", "fa")).toEqual(["x"]);
  });

  it("joins a Persian prefix written apart in a phrase, as in text", () => {
    const m = new PhraseMatcher([{ phrase: "بی اعصاب*", value: "x" }, { phrase: "کتاب ها", value: "y" }], "fa");
    expect(values(m, "امشب خیلی بی‌اعصابم", "fa")).toEqual(["x"]);
    expect(values(m, "بیاعصابم", "fa")).toEqual(["x"]);
    expect(values(m, "کتاب‌ها", "fa")).toEqual(["y"]);
  });

  it("joins a Persian affix written apart to every alternative of its word", () => {
    const m = new PhraseMatcher([{ phrase: "بی مسئولیتی|کفایتی", value: "x" }, { phrase: "کتاب|دفتر ها", value: "y" }], "fa");
    expect(values(m, "چه بی‌کفایتی", "fa")).toEqual(["x"]);
    expect(values(m, "بیمسئولیتی", "fa")).toEqual(["x"]);
    expect(values(m, "کفایتی ندارد", "fa")).toEqual([]);
    expect(values(m, "دفترها", "fa")).toEqual(["y"]);
  });

  it("stays fast with a large lexicon: the cost follows the utterance, not the number of phrases", () => {
    const m = new PhraseMatcher(Array.from({ length: 20_000 }, (_, i) => ({ phrase: `word${i} other${i}`, value: String(i) })), "en");
    const text = tokenize("word5 other5 and word19999 other19999 ".repeat(50), "en");
    expect(m.match(text)).toHaveLength(100);
  });
});
