// Words that, just before a match, turn it around: "not angry", "non sono arrabbiato", "nu sunt supărat".
// Tokens are normalised (lower case, no diacritics), as the matcher sees them.
const NEGATORS: Record<string, ReadonlySet<string>> = {
  en: new Set(["not", "never", "no", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "wasn't", "wasnt", "aren't", "arent", "won't", "wont", "nothing", "hardly", "without", "neither", "nor", "ain't"]),
  it: new Set(["non", "mai", "nessun", "nessuno", "nessuna", "niente", "nulla", "senza"]),
  ro: new Set(["nu", "niciodata", "deloc", "fara", "nici", "n"]),
  // Not "اصلا": before a word it intensifies ("اصلا اعصابم خورد شد"); Persian negates the verb that follows.
  fa: new Set(["نه", "نیستم", "نیست", "بدون", "هیچ"]),
};

/**
 * Words of negative concord: after a negator they repeat its "no" rather than turn it around ("nu e nimeni competent",
 * "non risponde mai nessuno", "هیچ‌کس جواب نمیده" are nobody, never), so a match that opens with one stands.
 */
const CONCORD: Record<string, ReadonlySet<string>> = {
  it: new Set(["mai", "nessun", "nessuno", "nessuna", "niente", "nulla"]),
  ro: new Set(["nimeni", "nimic", "niciodata", "nici", "niciun", "nicio", "nicaieri"]),
  fa: new Set(["هیچ", "هیچکس", "هیچوقت", "هیچی"]),
};

/** How far back a negator reaches: "I'm not really angry" is still not anger. */
const REACH = 2;

/** Punctuation that ends a clause: a negator does not reach past it ("No, I'm furious" is fury, "why not? come on!" exasperation). */
export const CLAUSE_END = /[,;:.!?\n؟،؛]/;

/** The clause `text` ends in: what a negator before a match at the end of `text` can reach into. */
export function lastClause(text: string): string {
  return text.split(CLAUSE_END).at(-1) ?? "";
}

/** Whether a negator stands just before `start`, within the clause that begins at word `from`. */
export function isNegated(words: readonly string[], start: number, language: string, from = 0): boolean {
  const negators = NEGATORS[language];
  if (!negators || CONCORD[language]?.has(words[start]!)) return false;
  for (let i = Math.max(from, start - REACH); i < start; i++) if (negators.has(words[i]!)) return true;
  return false;
}
