// Signals read from an utterance's shape rather than its words: questions, shouting, and the names people give.

/** Sentences with whether each was punctuated as a question; a question may also be recognised by its opener. */
export function sentences(text: string): Array<{ text: string; question: boolean }> {
  const parts = text.match(/[^.!?؟\n]+[.!?؟\n]*/g) ?? [];
  return parts
    .map((part) => ({ text: part.replace(/[.!?؟\n]+$/, "").trim(), question: /[?؟]/.test(part) }))
    .filter((s) => s.text.length > 0);
}

/** Written in capitals to shout: at least three words of three or more letters, mostly upper case. */
export function isShouting(text: string): boolean {
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  const upper = words.filter((w) => w === w.toUpperCase() && w !== w.toLowerCase());
  return upper.length >= 3 && upper.length / words.length >= 0.6;
}

/** "!!!", "?!", "!?!" — exasperated punctuation. */
export function isExasperated(text: string): boolean {
  return /!{3,}|[?؟]!|![?؟]/.test(text);
}
