import { normalizeText } from "./normalize.js";

// How people give their name in each language; the capture is the name (one or two words). No `i` flag: with it,
// \p{Lu} matches any letter, and "my name is Ana and I'll help" would give "Ana and".
const INTRODUCTIONS: Record<string, RegExp[]> = {
  en: [/\b[Mm]y name is ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u, /\bthis is ([\p{Lu}][\p{L}'-]+)(?: here| speaking)\b/u, /\bi'?m ([\p{Lu}][\p{L}'-]+)(?: [\p{Lu}][\p{L}'-]+)?(?:,| from| and)/u, /\bname'?s ([\p{Lu}][\p{L}'-]+)/u],
  it: [/\b[Mm]i chiamo ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u, /\b[Ii]l mio nome è ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u, /\bsono ([\p{Lu}][\p{L}'-]+)(?: [\p{Lu}][\p{L}'-]+)?(?:,| e | da )/u],
  ro: [/\b[Mm][aă] numesc ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u, /\b[Nn]umele meu (?:este|e) ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u, /\bsunt ([\p{Lu}][\p{L}'-]+)(?: [\p{Lu}][\p{L}'-]+)?(?:,| si | și )/u],
  fa: [/(?:اسمم|اسم من|نام من)\s+([\p{L}]+(?:\s+[\p{L}]+)?)\s+(?:است|هست|ه)(?=\s|$|[.,!?،])/u, /(?:من)\s+([\p{L}]+)\s+هستم/u],
};

/** The name someone gives in a self-introduction, if any. */
export function detectName(text: string, language: string): string | undefined {
  const patterns = INTRODUCTIONS[language] ?? INTRODUCTIONS.en!;
  const normalized = language === "fa" ? normalizeText(text, "fa") : text;
  for (const pattern of patterns) {
    const name = pattern.exec(normalized)?.[1];
    if (name) return name.trim();
  }
  return undefined;
}

/**
 * Whether any word of `name` (first name or surname) appears in `text`, without case or diacritics and allowing
 * inflected endings ("Mariei" for "Maria"): a word of the text that starts with the name's word.
 */
export function mentionsName(text: string, name: string, language: string): boolean {
  const nameWords = normalizeText(name, language).split(/[\s-]+/).filter((w) => w.length >= 2);
  const words = normalizeText(text, language).match(/[\p{L}]+/gu) ?? [];
  return nameWords.some((n) => words.some((w) => w.startsWith(n)));
}
