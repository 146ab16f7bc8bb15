// One normalisation for utterances and lexicon phrases alike, so that a phrase written naturally matches the way
// people really type it: any case, with or without accents, Persian with or without zero-width non-joiners and with
// Arabic letter variants, any digits.

const BIDI_AND_INVISIBLE = /\u200B|\u200D|\u200E|\u200F|[\u202A-\u202E]|[\u2060-\u2064]|[\u2066-\u2069]|\uFEFF/g;
const ZWNJ = /\u200C/g;
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g; // harakat, superscript alef, tatweel
const COMBINING = /\p{M}/gu;
const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

export function isPersianScript(text: string): boolean {
  return /[\u0600-\u06FF]/.test(text);
}

export function normalizeText(text: string, language: string): string {
  let out = text.normalize("NFKC").replace(BIDI_AND_INVISIBLE, "").replace(/[’‘`´]/g, "'").replace(/[“”«»]/g, '"');
  if (language === "fa" || isPersianScript(out)) {
    out = out
      // ئ too: it would otherwise decompose to ي and a hamza (and normalising twice would differ), and "مطمئن" is often written "مطمین".
      .replace(/[يىئ]/g, "ی")
      .replace(/ك/g, "ک")
      .replace(/ة/g, "ه")
      .replace(/[أإآ]/g, "ا")
      .replace(/ؤ/g, "و")
      .replace(ARABIC_MARKS, "")
      .replace(/[۰-۹]/g, (d) => String(PERSIAN_DIGITS.indexOf(d)))
      .replace(/[٠-٩]/g, (d) => String(ARABIC_DIGITS.indexOf(d)))
      .replace(/؟/g, "?")
      .replace(/[،؛]/g, ",")
      // Written with a ZWNJ, a space or nothing between a word and its prefix or suffix: all one word.
      .replace(ZWNJ, "");
  }
  out = out.toLowerCase().normalize("NFD").replace(COMBINING, "").normalize("NFC");
  // Transcripts often space out English contractions: "don ' t" is "don't".
  return language === "en" ? out.replace(/(\p{L}) ' (t|s|m|re|ve|ll|d)\b/gu, "$1'$2") : out;
}

/** Persian prefixes and suffixes people write apart from their word ("می خواهم", "کتاب ها"): joined back. */
const PERSIAN_PREFIXES = new Set(["می", "نمی", "بی"]);
const PERSIAN_SUFFIXES = new Set(["ها", "های", "هایی", "ام", "ای", "اید", "ایم", "اند", "تر", "ترین", "شان", "تان", "مان"]);

/** Word tokens of an utterance, normalised: letters, digits and inner apostrophes; punctuation dropped. */
export function tokenize(text: string, language: string): string[] {
  const normalized = normalizeText(text, language);
  // Italian and Romanian elide with an apostrophe ("l'ordine", "dell'ordine", "n-am"): the parts are words of their own.
  const splitApostrophes = language === "it" || language === "ro";
  const raw = normalized.match(splitApostrophes ? /[\p{L}\p{N}]+/gu : /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? [];
  return language === "fa" || isPersianScript(normalized) ? joinPersianAffixes(raw) : raw;
}

/** Persian words with their prefix or suffix written apart ("می خواهم", "بی ادب", "کتاب ها") joined back into one. */
export function joinPersianAffixes(raw: readonly string[]): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i]!;
    if (PERSIAN_PREFIXES.has(token) && i + 1 < raw.length) {
      tokens.push(token + raw[++i]!);
    } else if (PERSIAN_SUFFIXES.has(token) && tokens.length) {
      tokens[tokens.length - 1] += token;
    } else {
      tokens.push(token);
    }
  }
  return tokens;
}

/** Whitespace-separated words after normalisation; a zero-width non-joiner does not split a word. */
export function countWords(text: string, language: string): number {
  const words = normalizeText(text, language).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length;
}
