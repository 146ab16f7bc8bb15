import { isPersianScript, joinPersianAffixes, normalizeText } from "./normalize.js";

/** One word of a phrase: alternatives, each a whole word or a prefix; or any single word. */
type WordToken = { any: true } | { any: false; words: Set<string>; prefixes: string[] };

/**
 * `...` between two words of a phrase makes it a frame: its parts in order, each gap up to MAX_GAP_WORDS words of the
 * same sentence ("ordered|bought ... arrived|came broken"). A story puts its own words between the parts; a longer
 * reach would join parts of unrelated clauses.
 */
export const GAP = "...";
export const MAX_GAP_WORDS = 6;
/** Gaps a frame may have: each multiplies the ways to try a match, so they are few. */
export const MAX_GAPS = 3;
const GAP_TOKEN = { gap: true } as const;
type PhraseToken = WordToken | typeof GAP_TOKEN;

/** A phrase's first word, when a prefix, must have at least this many letters: that is how such phrases are indexed. */
export const PREFIX_KEY = 3;

function add<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface Span {
  start: number;
  end: number;
}

export interface PhraseMatch<T> {
  value: T;
  span: Span;
  closesSentence: boolean;
}

interface Compiled<T> {
  tokens: PhraseToken[];
  /** A frame: its tokens hold gaps, and it is matched within one sentence. */
  frame: boolean;
  value: T;
  /** `^` before the first word: the match must open a sentence; `$` after the last: it must close one. */
  opensSentence: boolean;
  closesSentence: boolean;
  /** `?` at the very end: the match must be in a sentence asked as a question. */
  inQuestion: boolean;
}

/**
 * Where sentences start and end, as word indexes (an end is one past the sentence's last word), and the ends of those
 * punctuated as questions.
 */
export interface SentenceBounds {
  starts: ReadonlySet<number>;
  ends: ReadonlySet<number>;
  questions?: ReadonlySet<number>;
}

/**
 * A phrase without its anchors: `^` before its first word (it must open a sentence), `$` after its last (close one),
 * and `?` at the very end, after `$` if both (it must be in a sentence that ends with a question mark).
 */
export function splitAnchors(phrase: string): { words: string; opensSentence: boolean; closesSentence: boolean; inQuestion: boolean } {
  let rest = phrase.trim();
  const inQuestion = /[?؟]$/.test(rest);
  if (inQuestion) rest = rest.slice(0, -1).trimEnd();
  const opensSentence = rest.startsWith("^");
  const closesSentence = rest.endsWith("$");
  return { words: rest.slice(opensSentence ? 1 : 0, closesSentence ? -1 : undefined), opensSentence, closesSentence, inQuestion };
}

function compileToken(raw: string, normalize: (word: string) => string): WordToken {
  if (raw === "*") return { any: true };
  const words = new Set<string>();
  const prefixes: string[] = [];
  for (const alternative of raw.split("|")) {
    const prefix = alternative.endsWith("*") && alternative.length > 1;
    const word = normalize(prefix ? alternative.slice(0, -1) : alternative);
    if (!word) continue;
    if (prefix) prefixes.push(word);
    else words.add(word);
  }
  return { any: false, words, prefixes };
}

/** Where a phrase's words split, as text splits: at hyphens, and in Italian and Romanian at apostrophes too. */
const splitPattern = (language: string) => (language === "it" || language === "ro" ? /['-]/ : /-/);

/**
 * Each word of a phrase as the ways it can be spelled. Phrases are tokenized like text, keeping their syntax
 * characters (*, |): text splits at hyphens ("m-am săturat" is three words) and, in Italian and Romanian, at
 * apostrophes, so a phrase does too; an alternative that splits is a way of its own ("scuză-mă|scuzați" is "scuză mă"
 * or "scuzați"), the alternatives that do not split stay one way together.
 */
function wordOptions(phrase: string, splitAt: RegExp): string[][][] {
  return phrase.trim().split(/\s+/).map((raw) => {
    if (!splitAt.test(raw)) return [[raw]];
    const alternatives = raw.split("|");
    const whole = alternatives.filter((a) => !splitAt.test(a));
    return [
      ...(whole.length ? [[whole.join("|")]] : []),
      ...alternatives.filter((a) => splitAt.test(a)).map((a) => a.split(splitAt).filter(Boolean)),
    ];
  });
}

/**
 * How many spellings a phrase forks into (see wordOptions), counted without making them: a phrase of ten words each
 * with five hyphenated alternatives is 5^10 spellings, which must be refused before anything is built.
 */
export function countSpellings(phrase: string, language: string): number {
  const { words } = splitAnchors(phrase);
  const splitAt = splitPattern(language);
  // Most phrases split nowhere; every worker start counts the shipped ones, so those are answered at once.
  if (!splitAt.test(words)) return 1;
  return wordOptions(words, splitAt).reduce((count, options) => count * options.length, 1);
}

/**
 * The ways a phrase is spelled as words: one per choice of a way for each word. Persian prefixes and suffixes written
 * apart are joined to their word later, as in text ("بی ادب" is one word).
 */
/** A spelling's words cut at its gaps: one part for a phrase, two or more for a frame. */
function splitAtGaps(spelling: readonly string[]): string[][] {
  const parts: string[][] = [[]];
  for (const raw of spelling) {
    if (raw === GAP) parts.push([]);
    else parts.at(-1)!.push(raw);
  }
  return parts;
}

/** A Persian affix written apart joins every alternative of its word: "بی مسئولیتی|کفایتی" is "بیمسئولیتی|بیکفایتی". */
function joinAlternatives(a: string, b: string): string {
  return a.split("|").flatMap((x) => b.split("|").map((y) => x + y)).join("|");
}

function spellings(phrase: string, splitAt: RegExp): string[][] {
  if (!splitAt.test(phrase)) return [phrase.trim().split(/\s+/)];
  return wordOptions(phrase, splitAt).reduce<string[][]>(
    (variants, options) => variants.flatMap((variant) => options.map((option) => [...variant, ...option])),
    [[]],
  );
}

function matchesToken(token: WordToken, word: string): boolean {
  return token.any || token.words.has(word) || token.prefixes.some((p) => word.startsWith(p));
}

/**
 * Where a frame's tokens from `t` on end when matched from word `at`, words before `limit` only (its sentence's end),
 * or undefined; gaps take as few words as they can. At most MAX_GAPS gaps of MAX_GAP_WORDS + 1 tries each.
 */
function frameEnd(tokens: readonly PhraseToken[], t: number, at: number, words: readonly string[], limit: number, accept: (end: number) => boolean): number | undefined {
  if (t === tokens.length) return accept(at) ? at : undefined;
  const token = tokens[t]!;
  if ("gap" in token) {
    for (let skip = 0; skip <= MAX_GAP_WORDS && at + skip < limit; skip++) {
      const end = frameEnd(tokens, t + 1, at + skip, words, limit, accept);
      if (end !== undefined) return end;
    }
    return undefined;
  }
  return at < limit && matchesToken(token, words[at]!) ? frameEnd(tokens, t + 1, at + 1, words, limit, accept) : undefined;
}

/**
 * Many phrases compiled once, matched against a token list in one pass: phrases are indexed by their first token (its
 * words, or its prefix's first letters), so the work per utterance grows with its length and the few phrases that can
 * start at each word, not with the size of the lexicon.
 */
export class PhraseMatcher<T> {
  private readonly byFirstWord = new Map<string, Compiled<T>[]>();
  /** Phrases whose first token is a prefix, indexed by the prefix's first PREFIX_KEY letters. */
  private readonly byPrefixKey = new Map<string, Compiled<T>[]>();
  /** What was built: one entry per spelling, indexed under each of its first words and prefix keys (see the budgets). */
  readonly size = { entries: 0, keys: 0 };

  constructor(entries: Iterable<{ phrase: string; value: T }>, language: string) {
    const splitAt = splitPattern(language);
    // Lexicons repeat their tokens ("you", "i|we", long lists of auxiliaries) and words: each is compiled, and each
    // word normalised, once (normalising is most of the cost of building a language's index).
    const normalized = new Map<string, string>();
    const normalize = (word: string) => normalized.get(word) ?? normalized.set(word, normalizeText(word, language)).get(word)!;
    const compiled = new Map<string, WordToken>();
    const token = (raw: string) => compiled.get(raw) ?? compiled.set(raw, compileToken(raw, normalize)).get(raw)!;
    for (const entry of entries) {
      const { words: phrase, opensSentence, closesSentence, inQuestion } = splitAnchors(entry.phrase);
      const persian = language === "fa" || isPersianScript(phrase);
      for (const spelling of spellings(phrase, splitAt)) {
        // A frame's parts are read as phrases are, each on its own (Persian affixes never join across a gap).
        const parts = splitAtGaps(spelling).map((part) => (persian ? joinPersianAffixes(part.map(normalize), joinAlternatives) : part)
          .map((raw) => token(raw.replace(/[.,!?;:"()]/g, "")))
          .filter((t) => t.any || t.words.size || t.prefixes.length));
        if (parts.some((part) => !part.length)) continue;
        const tokens = parts.flatMap((part, i): PhraseToken[] => (i ? [GAP_TOKEN, ...part] : part));
        const phraseEntry = { tokens, frame: parts.length > 1, value: entry.value, opensSentence, closesSentence, inQuestion };
        const first = parts[0]![0]!;
        // The lexicon schema refuses phrases that open with "*" or a short prefix; anything else that does is skipped.
        if (first.any || first.prefixes.some((p) => p.length < PREFIX_KEY)) continue;
        const prefixKeys = new Set(first.prefixes.map((p) => p.slice(0, PREFIX_KEY)));
        for (const key of prefixKeys) add(this.byPrefixKey, key, phraseEntry);
        for (const word of first.words) add(this.byFirstWord, word, phraseEntry);
        this.size.entries++;
        this.size.keys += prefixKeys.size + first.words.size;
      }
    }
  }

  /**
   * Every match in `words` (normalised tokens), as the phrase's value, the span of words it covers and whether the
   * phrase was written to close a sentence (`$`). Without `sentences`, the words are taken as one sentence, not a
   * question.
   */
  match(words: readonly string[], sentences?: SentenceBounds): Array<PhraseMatch<T>> {
    const found: Array<PhraseMatch<T>> = [];
    const opens = (at: number) => (sentences ? sentences.starts.has(at) : at === 0);
    const closes = (at: number) => (sentences ? sentences.ends.has(at) : at === words.length);
    const sentenceEnd = (at: number) => {
      let end = at + 1;
      while (end < words.length && !closes(end)) end++;
      return end;
    };
    const asked = (span: Span) => !!sentences?.questions?.has(sentenceEnd(span.end - 1));
    for (let start = 0; start < words.length; start++) {
      const word = words[start]!;
      const candidates = [...(this.byFirstWord.get(word) ?? []), ...(this.byPrefixKey.get(word.slice(0, PREFIX_KEY)) ?? [])];
      for (const { tokens, frame, value, opensSentence, closesSentence, inQuestion } of candidates) {
        if (frame) {
          if (opensSentence && !opens(start)) continue;
          const end = frameEnd(tokens, 0, start, words, sentenceEnd(start), (at) => !closesSentence || closes(at));
          if (end !== undefined && (!inQuestion || asked({ start, end }))) found.push({ value, span: { start, end }, closesSentence });
          continue;
        }
        const end = start + tokens.length;
        if (end > words.length || (opensSentence && !opens(start)) || (closesSentence && !closes(end))) continue;
        if (inQuestion && !asked({ start, end })) continue;
        if (tokens.every((token, i) => matchesToken(token as WordToken, words[start + i]!))) {
          found.push({ value, span: { start, end }, closesSentence });
        }
      }
    }
    return found;
  }
}
