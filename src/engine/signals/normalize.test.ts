import { describe, expect, it } from "vitest";
import { countWords, normalizeText, tokenize } from "./normalize.js";

describe("normalizeText", () => {
  it("folds case and Latin diacritics, so missing accents still match", () => {
    expect(normalizeText("Perché è SUCCESSO?", "it")).toBe("perche e successo?");
    expect(normalizeText("Îmi pare rău, sunt supărată", "ro")).toBe("imi pare rau, sunt suparata");
    // Romanian comma-below and cedilla letters are the same letter to a reader.
    expect(normalizeText("ș ş ț ţ", "ro")).toBe("s s t t");
  });

  it("unifies Persian letter variants, digits, question marks and drops diacritics and tatweel", () => {
    expect(normalizeText("كي مي‌آيي؟", "fa")).toBe("کی میایی?");
    expect(normalizeText("سفارش ۱۲۳ و ٤٥٦", "fa")).toBe("سفارش 123 و 456");
    expect(normalizeText("مـــرسی", "fa")).toBe("مرسی");
    expect(normalizeText("بِسمِ", "fa")).toBe("بسم");
  });

  it("reads ئ as ی, so that normalising twice changes nothing and مطمئن matches مطمین", () => {
    expect(normalizeText("مطمئن", "fa")).toBe(normalizeText("مطمین", "fa"));
    expect(normalizeText(normalizeText("مطمئن شوم", "fa"), "fa")).toBe(normalizeText("مطمئن شوم", "fa"));
  });

  it("removes bidi overrides and zero-width characters that could hide or disguise words", () => {
    expect(normalizeText("an\u202Egry\u200B!", "en")).toBe("angry!");
  });
});

describe("tokenize", () => {
  it("keeps English contractions whole and splits Italian elisions", () => {
    expect(tokenize("I'm NOT happy, don't you see?", "en")).toEqual(["i'm", "not", "happy", "don't", "you", "see"]);
    expect(tokenize("Dov'è l’ordine?", "it")).toEqual(["dov", "e", "l", "ordine"]);
  });

  it("reads Persian written with a ZWNJ, with a space or with nothing as the same words", () => {
    const forms = ["می‌خواهم", "می خواهم", "میخواهم"].map((t) => tokenize(t, "fa"));
    expect(new Set(forms.map((f) => f.join(" "))).size).toBe(1);
    expect(tokenize("کتاب ها", "fa")).toEqual(tokenize("کتاب‌ها", "fa"));
  });
});

describe("countWords", () => {
  it("counts whitespace-separated words; a ZWNJ does not split one", () => {
    expect(countWords("I have   been waiting!", "en")).toBe(4);
    expect(countWords("می‌خواهم بدانم", "fa")).toBe(2);
    expect(countWords(" — ", "en")).toBe(0);
  });
});
