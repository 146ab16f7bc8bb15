import { isPersianScript, tokenize } from "./normalize.js";

// Frequent short words that tell the three Latin-script languages apart in chat-length text.
const PROFILES: Record<string, ReadonlySet<string>> = {
  en: new Set(["the", "and", "you", "is", "it", "to", "of", "my", "i", "i'm", "for", "this", "that", "have", "was", "with", "what", "can", "your", "not", "please", "thanks", "hi", "order"]),
  it: new Set(["il", "la", "che", "di", "non", "e", "un", "una", "per", "sono", "mi", "ho", "ciao", "grazie", "buongiorno", "lei", "questo", "come", "perche", "del", "della", "ordine", "ancora", "gli", "anche"]),
  ro: new Set(["si", "nu", "este", "sa", "am", "cu", "pe", "la", "de", "un", "o", "ca", "imi", "va", "multumesc", "buna", "comanda", "pentru", "mai", "dumneavoastra", "asta", "sunt", "ati", "care", "din"]),
};

export interface LanguageGuess {
  language: string;
  /** 0 (a guess) to 1 (certain). */
  confidence: number;
}

export function detectLanguage(text: string): LanguageGuess | undefined {
  if (isPersianScript(text)) return { language: "fa", confidence: 1 };
  const words = tokenize(text, "en").flatMap((w) => w.split("'"));
  if (!words.length) return undefined;
  const scores = Object.entries(PROFILES)
    .map(([language, profile]) => ({ language, hits: words.filter((w) => profile.has(w)).length }))
    .sort((a, b) => b.hits - a.hits);
  const [best, second] = scores as [{ language: string; hits: number }, { language: string; hits: number }];
  if (!best.hits) return undefined;
  // Romanian written without diacritics shares many short words with Italian: confidence is the margin over the rest.
  return { language: best.language, confidence: Math.min(1, (best.hits - second.hits) / 3) };
}

const CONFIDENT = 0.66;

/**
 * The language of one conversation: an explicit setting wins; else the conversation's or page's declared language,
 * until the text itself says otherwise with confidence; once confident it sticks. A single turn confidently in another
 * language is read in that language without moving the conversation.
 */
export function createLanguageTracker(options: { explicit?: string | undefined; declared?: string | undefined }) {
  let current = options.explicit ?? options.declared ?? "en";
  let sticky = options.explicit !== undefined;
  return {
    get language() {
      return current;
    },
    /** The language to read this utterance in. */
    observe(text: string): string {
      const guess = detectLanguage(text);
      if (!guess || guess.confidence < CONFIDENT) return current;
      if (!sticky) {
        current = guess.language;
        sticky = true;
        return current;
      }
      return guess.language;
    },
    snapshot: () => ({ current, sticky }),
    restore(state: { current: string; sticky: boolean }) {
      current = state.current;
      sticky = state.sticky;
    },
  };
}
export type LanguageTracker = ReturnType<typeof createLanguageTracker>;
