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

/** Printable ASCII: no Unicode form, invisible mark, curly quote, Persian letter or accent to undo, only case. */
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

export function normalizeText(text: string, language: string): string {
  // Most words of English, and of Italian and Romanian typed without accents: the full pass below would change nothing
  // but the case, and it is most of the cost of building a language's phrase index at the worker's start.
  if (PRINTABLE_ASCII.test(text)) return withContractions(text.replace(/`/g, "'").toLowerCase(), language);
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
  return withContractions(out.toLowerCase().normalize("NFD").replace(COMBINING, "").normalize("NFC"), language);
}

/** Transcripts often space out English contractions: "don ' t" is "don't". */
function withContractions(text: string, language: string): string {
  return language === "en" ? text.replace(/(\p{L}) ' (t|s|m|re|ve|ll|d)\b/gu, "$1'$2") : text;
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

/**
 * Persian words with their prefix or suffix written apart ("می خواهم", "بی ادب", "کتاب ها") joined back into one; `join`
 * says how two written words become one (a phrase's words may hold alternatives).
 */
export function joinPersianAffixes(raw: readonly string[], join = (a: string, b: string) => a + b): string[] {
  return joinAffixes(raw, (token) => token, join);
}

function joinAffixes<T>(raw: readonly T[], word: (item: T) => string, join: (a: T, b: T) => T): T[] {
  const tokens: T[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i]!;
    if (PERSIAN_PREFIXES.has(word(token)) && i + 1 < raw.length) {
      tokens.push(join(token, raw[++i]!));
    } else if (PERSIAN_SUFFIXES.has(word(token)) && tokens.length) {
      tokens[tokens.length - 1] = join(tokens[tokens.length - 1]!, token);
    } else {
      tokens.push(token);
    }
  }
  return tokens;
}

/** A token of an utterance and where it was written: the whitespace-separated word(s) it came from, as offsets. */
export interface TokenSpan {
  token: string;
  start: number;
  end: number;
}

/**
 * The tokens of an utterance, each with the offsets of the written word it came from (a token of "fed-up," is given
 * the whole of "fed-up,"), so that matched tokens can be shown as the speaker wrote them. Tokenized a written word at a
 * time: where that differs from `tokenize` ("don ' t" is one token there), callers compare and do without.
 */
export function tokenSpans(text: string, language: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const chunk of text.matchAll(/\S+/gu)) {
    const start = chunk.index;
    for (const token of tokenize(chunk[0], language)) spans.push({ token, start, end: start + chunk[0].length });
  }
  if (!(language === "fa" || isPersianScript(normalizeText(text, language)))) return spans;
  return joinAffixes(spans, (span) => span.token, (a, b) => ({ token: a.token + b.token, start: a.start, end: b.end }));
}

/** Whitespace-separated words after normalisation; a zero-width non-joiner does not split a word. */
export function countWords(text: string, language: string): number {
  const words = normalizeText(text, language).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length;
}
