import { normalizeText } from "./normalize.js";

/** One token of a phrase: alternatives, each a whole word or a prefix; or any single word. */
type PhraseToken = { any: true } | { any: false; words: Set<string>; prefixes: string[] };

export interface Span {
  start: number;
  end: number;
}

interface Compiled<T> {
  tokens: PhraseToken[];
  value: T;
}

function compileToken(raw: string, language: string): PhraseToken {
  if (raw === "*") return { any: true };
  const words = new Set<string>();
  const prefixes: string[] = [];
  for (const alternative of raw.split("|")) {
    const prefix = alternative.endsWith("*") && alternative.length > 1;
    const word = normalizeText(prefix ? alternative.slice(0, -1) : alternative, language);
    if (!word) continue;
    if (prefix) prefixes.push(word);
    else words.add(word);
  }
  return { any: false, words, prefixes };
}

function matchesToken(token: PhraseToken, word: string): boolean {
  return token.any || token.words.has(word) || token.prefixes.some((p) => word.startsWith(p));
}

/**
 * Many phrases compiled once, matched against a token list in one pass: phrases are indexed by their first token's
 * words, so the work per utterance grows with its length and the few phrases that can start at each word, not with
 * the size of the lexicon.
 */
export class PhraseMatcher<T> {
  private readonly byFirstWord = new Map<string, Compiled<T>[]>();
  /** Phrases whose first token is a prefix or a wildcard: few, checked at every position. */
  private readonly open: Compiled<T>[] = [];

  constructor(entries: Iterable<{ phrase: string; value: T }>, language: string) {
    for (const { phrase, value } of entries) {
      // Phrases are tokenized like text, but keep their syntax characters (*, |).
      const tokens = phrase
        .trim()
        .split(/\s+/)
        .flatMap((raw) => (language === "it" || language === "ro") && !raw.includes("|") ? raw.split(/'/).filter(Boolean) : [raw])
        .map((raw) => compileToken(raw.replace(/[.,!?;:"()]/g, ""), language))
        .filter((t) => t.any || t.words.size || t.prefixes.length);
      if (!tokens.length) continue;
      const compiled = { tokens, value };
      const first = tokens[0]!;
      if (first.any || first.prefixes.length) this.open.push(compiled);
      for (const word of first.any ? [] : first.words) {
        const list = this.byFirstWord.get(word) ?? [];
        list.push(compiled);
        this.byFirstWord.set(word, list);
      }
    }
  }

  /** Every match in `words` (normalised tokens), as the phrase's value and the span of words it covers. */
  match(words: readonly string[]): Array<{ value: T; span: Span }> {
    const found: Array<{ value: T; span: Span }> = [];
    for (let start = 0; start < words.length; start++) {
      const candidates = [...(this.byFirstWord.get(words[start]!) ?? []), ...this.open];
      for (const { tokens, value } of candidates) {
        if (start + tokens.length > words.length) continue;
        if (tokens.every((token, i) => matchesToken(token, words[start + i]!))) {
          found.push({ value, span: { start, end: start + tokens.length } });
        }
      }
    }
    return found;
  }
}
