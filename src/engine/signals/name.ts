import { normalizeText } from "./normalize.js";

// How people give their name in each language; the capture is the name (one or two words). No `i` flag: with it,
// \p{Lu} matches any letter, and "my name is Ana and I'll help" would give "Ana and". The short forms ("I'm Ana",
// "Tom here", "sono Giulia", "aici Mihai") take a capitalised word only, and only where it ends or is followed by
// what follows a name ("from", "here", a comma): a lower-case chat keeps no name from them, and a suggestion then says
// its fallback rather than "Thanks, still".
const NAME = "[\\p{Lu}][\\p{L}'-]+";
const FULL = `(${NAME}(?: ${NAME})?)`;
const after = (words: string) => `(?=[,.!?]|$|\\s(?:${words})\\b)`;
const short = (pattern: string) => new RegExp(pattern, "u");
const INTRODUCTIONS: Record<string, RegExp[]> = {
  en: [
    /\b[Mm]y name is ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u,
    /\bname'?s ([\p{Lu}][\p{L}'-]+)/u,
    short(`\\b[Ii](?:'?m| am) ${FULL}${after("from|and|here|speaking|at|with")}`),
    short(`\\b(?:[Tt]his is|[Ii]t'?s) ${FULL}${after("here|speaking|from|again")}`),
    short(`\\byou(?:'re| are) speaking (?:with|to) ${FULL}`),
    short(`\\byou'?ve reached ${FULL}`),
    short(`(?:^|[,!.]\\s*)(${NAME}) (?:here|speaking)\\b`),
  ],
  it: [
    /\b[Mm]i chiamo ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u,
    /\b[Ii]l mio nome è ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u,
    short(`\\b[Ss](?:ono|n) ${FULL}${after("e|da|del|della|dello|dell|dal|dalla|qui")}`),
    short(`\\b(?:[Qq]ui|[Pp]arla|[Rr]isponde|in chat con) ${FULL}`),
    short(`(?:^|[,!.]\\s*)(${NAME}) qui\\b`),
  ],
  ro: [
    /\b[Mm][aă] numesc ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u,
    /\b[Nn]umele meu (?:este|e) ([\p{L}'-]+(?: [\p{Lu}][\p{L}'-]+)?)/u,
    short(`\\b[Ss]unt ${FULL}${after("si|și|de la|din")}`),
    short(`\\b(?:[Aa]ici|[Vv][aă] vorbe[sș]te|[Dd]iscuta[tț]i cu|[Vv]orbi[tț]i cu|la telefon) ${FULL}`),
    short(`(?:^|[,!.]\\s*)(${NAME}) aici\\b`),
  ],
  fa: [
    /(?:اسمم|اسم من|نام من)\s+([\p{L}]+(?:\s+[\p{L}]+)?)\s+(?:است|هست|ه)(?=\s|$|[.,!?،])/u,
    /(?:من|سلام|درود|بخیر|ادب)[\s،,!]+([\p{L}]+)\s+هستم/u,
  ],
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
