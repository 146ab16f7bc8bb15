// Signals read from an utterance's shape rather than its words: questions, shouting, and the names people give.
import { CLAUSE_END } from "./negation.js";
import { tokenize } from "./normalize.js";
import type { SentenceBounds } from "./phrase-matcher.js";

/** Sentences with whether each was punctuated as a question; a question may also be recognised by its opener. */
export function sentences(text: string): Array<{ text: string; question: boolean }> {
  // A point between digits is a decimal ("it says 24.99 but I paid 31"), not a sentence's end.
  const parts = text.match(/(?:[^.!?؟\n]|(?<=\d)\.(?=\d))+[.!?؟\n]*/g) ?? [];
  return parts
    .map((part) => ({ text: part.replace(/[.!?؟\n]+$/, "").trim(), question: /[?؟]/.test(part) }))
    .filter((s) => s.text.length > 0);
}

export interface ReadSentence {
  question: boolean;
  /** The sentence's words are `words.slice(start, end)`. */
  start: number;
  end: number;
}

/**
 * An utterance's words, tokenized once clause by clause, with where each sentence lies among them and, for each word,
 * the index of the first word of its clause (how far back a negator reaches).
 */
export function readSentences(text: string, language: string): { words: string[]; clauseStarts: number[]; sentences: ReadSentence[]; bounds: SentenceBounds } {
  const words: string[] = [];
  const clauseStarts: number[] = [];
  const read = sentences(text).map(({ text: sentence, question }) => {
    const start = words.length;
    for (const clause of sentence.split(CLAUSE_END)) {
      const first = words.length;
      for (const word of tokenize(clause, language)) {
        words.push(word);
        clauseStarts.push(first);
      }
    }
    return { question, start, end: words.length };
  });
  return { words, clauseStarts, sentences: read, bounds: { starts: new Set(read.map((s) => s.start)), ends: new Set(read.map((s) => s.end)), questions: new Set(read.filter((s) => s.question).map((s) => s.end)) } };
}

const isUpper = (word: string) => word === word.toUpperCase() && word !== word.toLowerCase();

/** Written in capitals to shout: at least three words of three or more letters, mostly upper case. */
export function isShouting(text: string): boolean {
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  const upper = words.filter(isUpper);
  return upper.length >= 3 && upper.length / words.length >= 0.6;
}

/** Where a piece of an utterance was written, and what it says. */
export interface Written {
  text: string;
  at: number;
}

/** The shouted run of a shouting utterance, from its first word in capitals to its last ("WHERE IS MY ORDER"). */
export function shoutedWords(text: string): Written[] {
  if (!isShouting(text)) return [];
  const upper = [...text.matchAll(/\p{L}{3,}/gu)].filter((m) => isUpper(m[0]));
  const first = upper[0]!;
  const last = upper.at(-1)!;
  return [{ text: text.slice(first.index, last.index + last[0].length), at: first.index }];
}

/** Each "!!!", "???", "?!" or "!?!" as written (a run of question marks is impatience in a chat, not a question). */
export function exasperation(text: string): Written[] {
  return [...text.matchAll(/!{3,}|[?؟]{3,}|[?؟]+!+[?؟!]*|!+[?؟]+[?؟!]*/g)].map((m) => ({ text: m[0], at: m.index }));
}

/** Each angry or exasperated face as written. */
export function angryEmoji(text: string): Written[] {
  return [...text.matchAll(new RegExp(ANGRY_EMOJI.source, "gu"))].map((m) => ({ text: m[0], at: m.index }));
}

/** Hearts, smiling and affectionate faces, applause, thumbs up, folded hands: the writer is glad or grateful. */
const WARM_EMOJI = /[\u2764\u2665\u2661\u263A]|[\u{1F493}-\u{1F49F}\u{1F9E1}\u{1F90D}\u{1F90E}]|[\u{1F600}-\u{1F604}\u{1F60A}\u{1F60D}\u{1F618}\u{1F619}\u{1F61A}\u{1F642}\u{1F917}\u{1F929}\u{1F970}]|[\u{1F44D}\u{1F44F}\u{1F64F}\u{1F64C}]/u;
/**
 * Of the warm emoji, those that say the writer is glad, not only polite: hearts, grinning and heart-eyed faces, a party.
 * Not a smile (🙂 😊: "happy to help 😊" is courtesy), thumbs up or folded hands (agreeing, pleading), nor tears of joy
 * (laughing at the service as often as with it).
 */
const GLAD_EMOJI = /[\u2764\u2665]|[\u{1F493}-\u{1F49F}\u{1F9E1}\u{1F90D}\u{1F90E}]|[\u{1F600}\u{1F601}\u{1F603}\u{1F604}\u{1F60D}\u{1F929}\u{1F970}\u{1F973}\u{1F389}\u{1F64C}]/u;
/** Angry faces, the finger, and the faces of exasperation (rolling eyes, unamused, steam from the nose). */
const ANGRY_EMOJI = /[\u{1F620}\u{1F621}\u{1F92C}\u{1F47F}\u{1F4A2}\u{1F595}\u{1F644}\u{1F612}\u{1F624}]/u;

export function hasWarmEmoji(text: string): boolean {
  return WARM_EMOJI.test(text);
}

/** Each glad emoji as written. */
export function gladEmoji(text: string): Written[] {
  return [...text.matchAll(new RegExp(GLAD_EMOJI.source, "gu"))].map((m) => ({ text: m[0], at: m.index }));
}

export function hasGladEmoji(text: string): boolean {
  return GLAD_EMOJI.test(text);
}

export function hasAngryEmoji(text: string): boolean {
  return ANGRY_EMOJI.test(text);
}

/** "!!!", "???", "?!", "!?!" — exasperated punctuation. */
export function isExasperated(text: string): boolean {
  return /!{3,}|[?؟]{3}|[?؟]!|![?؟]/.test(text);
}
