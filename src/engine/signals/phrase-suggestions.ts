import type { SignalLexicons } from "./lexicon-schema.js";
import { featureBuckets, scoreModel, scoreWeights, type ScoredModel } from "./learned-model.js";
import { seededRandom, shuffled, train, type Example } from "./logistic.js";
import { compileSignalDetector } from "./signal-detector.js";
import { readSentences } from "./structure.js";

// Phrases a team lead might add to a signal's lexicon, proposed from their own transcripts: the utterances that carry
// the signal (by people's labels, or by the learned model) which the lexicon misses, and the word sequences those
// share that the rest do not. Nothing is added here: a person picks, and the overrides carry what was picked.

/** Word sequences proposed: 2 to 5 words, as the lexicon's phrases are mostly written. */
export const MIN_WORDS = 2;
export const MAX_WORDS = 5;
/** A sequence must recur: one utterance's wording is an anecdote, not a phrasing to add. */
export const MIN_CATCHES = 2;
/**
 * Without labels or a shipped model, a model is fitted to the transcripts themselves, the lexicon's hits as its labels:
 * an utterance it scores at or above HIGH reads like the hits without their phrase, one below LOW like none of them.
 */
export const CO_OCCURRENCE_HIGH = 0.5;
export const CO_OCCURRENCE_LOW = 0.1;
/** With a shipped model, an utterance below this share of its `fire` probability counts as not carrying the signal. */
export const MODEL_LOW_SHARE = 0.5;
/** Candidates checked against the real detector (negation and exceptions included): the most frequent ones. */
const VERIFIED = 300;
const FOLDS = 5;
const BUCKETS = 1 << 14;

export interface SuggestUtterance {
  text: string;
  /** Whether people labelled it as carrying the signal; absent on unlabelled transcripts. */
  positive?: boolean | undefined;
}

/**
 * Where the judgement of which utterances carry the signal comes from: people's labels (every utterance labelled), the
 * pack's learned model for the signal and language, or, with neither, a model fitted on the transcripts to the
 * lexicon's own hits (what co-occurs with the phrases already there).
 */
export type SuggestSource = "labels" | "model" | "co-occurrence";

export interface PhraseSuggestion {
  /** Normalised words, as the lexicon reads them: accepted as is, it matches. */
  phrase: string;
  /** Missed utterances it would catch (the signal's, the lexicon silent). */
  catches: number;
  /** Utterances judged not to carry the signal that it would fire on: likely false hits. */
  risk: number;
  /** The mean probability of the utterances it catches (1 for labelled ones). */
  meanScore: number;
  /** The model's probability for the phrase alone: how much its own words weigh towards the signal. */
  phraseScore: number;
  /** Its rank: meanScore × phraseScore × catches × catches / (catches + risk). */
  score: number;
  /** Two utterances it catches, shortened. */
  examples: string[];
  /** The model's strongest words and word pairs in the phrase and the utterances it catches, most frequent first. */
  reasons: string[];
}

export interface Suggestions {
  signal: string;
  language: string;
  source: SuggestSource;
  /** Probabilities at or above `high` are the signal's; below `low`, not (labels: 1 and 0). */
  high: number;
  low: number;
  utterances: number;
  /** Utterances the lexicon (phrases, frames and shapes, no model) already finds the signal in. */
  lexiconHits: number;
  /** Utterances judged to carry the signal that the lexicon misses. */
  missed: number;
  /** Utterances judged not to carry it, where the lexicon is silent too: where a new phrase would be a false hit. */
  negatives: number;
  suggestions: PhraseSuggestion[];
}

export interface SuggestOptions {
  signal: string;
  language: string;
  /** Every pack's lexicons merged (and the overrides' phrases): what counts as covered. */
  lexicons: SignalLexicons;
  utterances: readonly SuggestUtterance[];
  top?: number;
}

/** Thrown for a signal or language the lexicons do not have: nothing to compare with. */
export class UnknownSignalError extends Error {
  constructor(readonly what: "signal" | "language", readonly known: readonly string[]) {
    super(`unknown ${what} (known: ${known.join(", ")})`);
    this.name = "UnknownSignalError";
  }
}

/** The lexicons without any learned model: what the phrases, frames and shapes alone find. */
function withoutModels(lexicons: SignalLexicons): SignalLexicons {
  return Object.fromEntries(Object.entries(lexicons).map(([signal, byLanguage]) => [
    signal,
    Object.fromEntries(Object.entries(byLanguage).map(([language, { model: _model, ...rest }]) => [language, rest])),
  ]));
}

/** An utterance cut to about `max` characters at a word, for showing as an example. */
export function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}

/** The word sequences of an utterance, 2 to 5 normalised words within one sentence, each once. */
export function wordSequences(text: string, language: string): Set<string> {
  const { words, sentences } = readSentences(text, language);
  const found = new Set<string>();
  for (const { start, end } of sentences) {
    for (let i = start; i < end; i++) {
      for (let n = MIN_WORDS; n <= MAX_WORDS && i + n <= end; n++) found.add(words.slice(i, i + n).join(" "));
    }
  }
  return found;
}

interface Scored {
  text: string;
  probability: number;
}

interface Judged {
  source: SuggestSource;
  high: number;
  low: number;
  scored: Scored[];
  /** The model that ranks candidates and names their reasons: shipped, or fitted here to the labels or the hits. */
  model: ScoredModel;
}

/** A model fitted to these utterances with these labels: seeded, so the same transcripts give the same ranking. */
function fit(examples: readonly Example[], seed: number): ScoredModel {
  const fitted = train(examples, { buckets: BUCKETS, l2: 1e-2, epochs: 6, seed });
  return scoreWeights(fitted.weights, fitted.bias);
}

/**
 * Each utterance's probability of carrying the signal, by the source that judges: labels, the shipped model, or one
 * fitted out of fold to the lexicon's hits (each utterance scored by a model that never saw it, so that its own
 * phrase-less wording is not simply learnt as "no").
 */
function judge(options: SuggestOptions, hits: readonly boolean[], withoutPhrases: (text: string) => string): Judged {
  const { utterances, language } = options;
  const shipped = options.lexicons[options.signal]?.[language]?.model;
  const labelled = utterances.length > 0 && utterances.every((u) => u.positive !== undefined);
  if (shipped && !labelled) {
    const model = scoreModel(shipped);
    return { source: "model", high: shipped.fire, low: shipped.fire * MODEL_LOW_SHARE, model, scored: utterances.map((u) => ({ text: u.text, probability: model.probability(u.text, language) })) };
  }
  const bucketsOf = (text: string) => featureBuckets(text, language, BUCKETS);
  // Fitted to the lexicon's hits, a model would learn the phrases and read every utterance without one as "no": their
  // words are taken out, so that it learns the words that come with them.
  const examples: Example[] = utterances.map((u, i) => ({ buckets: bucketsOf(labelled || !hits[i] ? u.text : withoutPhrases(u.text)), positive: labelled ? !!u.positive : hits[i]! }));
  if (labelled) return { source: "labels", high: 1, low: 1, model: fit(examples, 0), scored: utterances.map((u) => ({ text: u.text, probability: u.positive ? 1 : 0 })) };
  const fold = new Int32Array(utterances.length);
  shuffled(utterances.map((_, i) => i), seededRandom(FOLDS)).forEach((row, k) => (fold[row] = k % FOLDS));
  const probabilities = new Float64Array(utterances.length);
  for (let f = 0; f < FOLDS; f++) {
    const model = fit(examples.filter((_, i) => fold[i] !== f), f + 1);
    utterances.forEach((u, i) => {
      if (fold[i] === f) probabilities[i] = model.probability(u.text, language);
    });
  }
  return { source: "co-occurrence", high: CO_OCCURRENCE_HIGH, low: CO_OCCURRENCE_LOW, model: fit(examples, 0), scored: utterances.map((u, i) => ({ text: u.text, probability: probabilities[i]! })) };
}

const mostFrequent = (lists: readonly string[][], count: number): string[] => {
  const counts = new Map<string, number>();
  for (const list of lists) for (const item of list) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, count).map(([item]) => item);
};

/**
 * Phrases to propose for a signal in a language, best first. A candidate is a word sequence shared by at least two
 * utterances that carry the signal but the lexicon misses; it is checked with the real detector (so negation and the
 * signal's exceptions apply, and a phrase the lexicon already covers is dropped), and counted on the utterances judged
 * not to carry the signal (its risk). A candidate that would fire on as many of those as it catches, or that catches
 * nothing a better one does not, is left out.
 */
export function suggestPhrases(options: SuggestOptions): Suggestions {
  const { signal, language, lexicons } = options;
  if (!lexicons[signal]) throw new UnknownSignalError("signal", Object.keys(lexicons).sort());
  const languages = Object.keys(lexicons[signal]);
  if (!languages.includes(language)) throw new UnknownSignalError("language", languages.sort());
  const lexicon = compileSignalDetector(withoutModels(lexicons));
  const hits = options.utterances.map((u) => lexicon.detect(u.text, language).has(signal));
  const withoutPhrases = (text: string) =>
    (lexicon.explain?.(text, language, [signal]) ?? []).filter((w) => w.from === "phrase").reduce((rest, w) => rest.replace(w.text, " "), text);
  const { source, high, low, scored, model } = judge(options, hits, withoutPhrases);
  const missed = scored.filter((s, i) => !hits[i] && s.probability >= high);
  const negatives = scored.filter((s, i) => !hits[i] && s.probability < low);

  // Frequent sequences of the missed utterances first (cheap), then the most frequent checked with the detector.
  const support = new Map<string, number>();
  for (const s of missed) for (const sequence of wordSequences(s.text, language)) support.set(sequence, (support.get(sequence) ?? 0) + 1);
  const frequent = [...support].filter(([, n]) => n >= MIN_CATCHES).sort((a, b) => b[1] - a[1] || a[0].length - b[0].length).slice(0, VERIFIED).map(([sequence]) => sequence);
  const exceptions = lexicons[signal][language]?.exceptions ?? [];
  // Each candidate a signal of its own, with the signal's exceptions: one detector and one pass judge them all.
  const trial = compileSignalDetector(Object.fromEntries(frequent.map((phrase, i) => [`candidate.c${i}`, { [language]: { phrases: [phrase], exceptions } }])));
  const firing = (texts: readonly Scored[]) => texts.map((s) => trial.detect(s.text, language));
  const onMissed = firing(missed);
  const onNegatives = firing(negatives);
  let candidates = frequent.flatMap((phrase, i) => {
    const id = `candidate.c${i}`;
    if (lexicon.detect(phrase, language).has(signal)) return [];
    const caught = missed.filter((_, k) => onMissed[k]!.has(id));
    const risk = onNegatives.filter((found) => found.has(id)).length;
    if (caught.length < MIN_CATCHES || risk >= caught.length) return [];
    const meanScore = caught.reduce((sum, s) => sum + s.probability, 0) / caught.length;
    const alone = model.probability(phrase, language);
    return [{
      phrase,
      caught: new Set(caught),
      suggestion: {
        phrase,
        catches: caught.length,
        risk,
        meanScore,
        phraseScore: alone,
        score: (meanScore * alone * caught.length * caught.length) / (caught.length + risk),
        examples: caught.slice(0, 2).map((s) => shorten(s.text)),
        reasons: mostFrequent([model.strongest(phrase, language, 3), ...caught.map((s) => model.strongest(s.text, language, 3))], 3),
      },
    }];
  });
  // Of phrases that catch the same utterances and risk the same, the shortest: it says as much and reads more wordings.
  const shortest = new Map<string, (typeof candidates)[number]>();
  for (const candidate of candidates) {
    const key = `${[...candidate.caught].map((s) => missed.indexOf(s)).join(",")}:${candidate.suggestion.risk}`;
    const kept = shortest.get(key);
    const words = (c: typeof candidate) => c.phrase.split(" ").length;
    if (!kept || words(candidate) < words(kept) || (words(candidate) === words(kept) && candidate.suggestion.score > kept.suggestion.score)) shortest.set(key, candidate);
  }
  candidates = [...shortest.values()];
  candidates.sort((a, b) => b.suggestion.score - a.suggestion.score || a.phrase.length - b.phrase.length || a.phrase.localeCompare(b.phrase));
  // A candidate that catches only what better ones already do adds nothing to choose.
  const covered = new Set<Scored>();
  const chosen: PhraseSuggestion[] = [];
  for (const { caught, suggestion } of candidates) {
    if (chosen.length >= (options.top ?? 20)) break;
    if ([...caught].every((s) => covered.has(s))) continue;
    for (const s of caught) covered.add(s);
    chosen.push(suggestion);
  }
  return { signal, language, source, high, low, utterances: scored.length, lexiconHits: hits.filter(Boolean).length, missed: missed.length, negatives: negatives.length, suggestions: chosen };
}

/** The overrides that add these phrases to the signal in the language: what the options page's Team section imports. */
export function acceptedOverrides(signal: string, language: string, phrases: readonly string[]): { signals: Record<string, Record<string, { phrases: string[] }>> } {
  return { signals: { [signal]: { [language]: { phrases: [...new Set(phrases)] } } } };
}
