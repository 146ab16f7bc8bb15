import type { SignalLexicons } from "./lexicon-schema.js";
import { EnglishPatterns } from "./english-patterns.js";
import { featureHashes, scoreModel, withModel, type LearnedModel, type ScoredModel } from "./learned-model.js";
import { isNegated, lastClause } from "./negation.js";
import { tokenize, tokenSpans } from "./normalize.js";
import { PhraseMatcher, type SentenceBounds, type Span } from "./phrase-matcher.js";
import { angryEmoji, exasperation, gladEmoji, hasAngryEmoji, hasGladEmoji, hasWarmEmoji, isExasperated, isShouting, readSentences, sentences as splitSentences, shoutedWords, type ReadSentence } from "./structure.js";

/** Words of an utterance, as written, that carry one of its signals: a phrase matched, or its shape ("!!!"). */
export interface SignalWords {
  signal: string;
  text: string;
  /** Where in the utterance: words are listed in the order they were written. */
  at: number;
  /**
   * A lexicon phrase (the speaker's words for the thing), the utterance's shape (capitals, "!!!", an emoji, a
   * question), or the pack's learned model (`text` then lists the words that weighed most, comma separated).
   */
  from: "phrase" | "shape" | "model";
}

export interface SignalDetector {
  detect(text: string, language: string): ReadonlySet<string>;
  /**
   * Which words of the utterance carry these of its signals (those `detect` finds), in the order written. Asked only for
   * an utterance that raised a nudge: detection itself keeps no spans.
   */
  explain?(text: string, language: string, signals: readonly string[]): SignalWords[];
}

/** Signals that a negator before them does not turn around ("why not?" is still a question). */
const NOT_NEGATED = new Set(["question.open", "question.closed", "greeting", "closing", "self-introduction"]);

type Superseded = Readonly<Record<string, "overlap" | "sentence">>;

interface LanguageMatchers {
  phrases: PhraseMatcher<string>;
  exceptions: PhraseMatcher<string>;
  /** Signal → the signals its phrases take back, and where (a lexicon's `supersedes`). */
  supersedes: ReadonlyMap<string, Superseded>;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * Compiles every pack's lexicons once: one phrase matcher per language (and one compromise net for English patterns).
 * Detection then costs one tokenization and one pass per utterance, whatever the number of phrases. A language's
 * matchers are built when its first utterance is read: a worker woken by an English chat does not wait for the
 * Persian, Italian and Romanian indexes.
 */
export function compileSignalDetector(lexicons: SignalLexicons): SignalDetector {
  const byLanguage = new Map<string, LanguageMatchers>();
  const englishPatterns: Array<{ pattern: string; signal: string }> = [];
  type Entry = { phrase: string; value: string };
  const entries = new Map<string, { phrases: Entry[]; exceptions: Entry[]; supersedes: Map<string, Superseded> }>();
  for (const [signal, languages] of Object.entries(lexicons)) {
    for (const [language, lexicon] of Object.entries(languages)) {
      const lists = entries.get(language) ?? { phrases: [] as Entry[], exceptions: [] as Entry[], supersedes: new Map<string, Superseded>() };
      for (const phrase of lexicon.phrases ?? []) lists.phrases.push({ phrase, value: signal });
      for (const phrase of lexicon.exceptions ?? []) lists.exceptions.push({ phrase, value: signal });
      if (lexicon.supersedes) lists.supersedes.set(signal, lexicon.supersedes);
      entries.set(language, lists);
      if (language === "en") for (const pattern of lexicon.patterns ?? []) englishPatterns.push({ pattern, signal });
    }
  }
  const matchersFor = (language: string): LanguageMatchers | undefined => {
    const lists = entries.get(language);
    if (!lists || byLanguage.has(language)) return byLanguage.get(language);
    const built = { phrases: new PhraseMatcher(lists.phrases, language), exceptions: new PhraseMatcher(lists.exceptions, language), supersedes: lists.supersedes };
    byLanguage.set(language, built);
    return built;
  };
  const english = new EnglishPatterns(englishPatterns);
  // A language's models are decoded with its matchers, when its first utterance is read.
  const models = new Map<string, Array<{ signal: string; model: LearnedModel; scored: ScoredModel }>>();
  const modelsFor = (language: string) => {
    if (!models.has(language)) {
      models.set(language, Object.entries(lexicons).flatMap(([signal, byLanguage]) => {
        const model = byLanguage[language]?.model;
        return model ? [{ signal, model, scored: scoreModel(model) }] : [];
      }));
    }
    return models.get(language)!;
  };

  const detector: SignalDetector = {
    detect(text, requested) {
      const language = entries.has(requested) ? requested : "en";
      const matchers = matchersFor(language);
      const signals = new Set<string>();
      if (!matchers) return signals;

      const { words, clauseStarts, sentences, bounds } = readSentences(text, language);
      const matches = phraseMatches(words, bounds, clauseStarts, language, matchers);
      for (const { signal } of matches) signals.add(signal);
      const sarcastic = sarcasticSentences(matches, sentences);
      if (sarcastic.length) {
        signals.add("emotion.frustration");
        for (const glad of GLAD) if (!matches.some((m) => m.signal === glad && !sarcastic.includes(sentenceOf(m.span, sentences)!))) signals.delete(glad);
      }
      // "Sorry?", "Sorry, what?", "Scusi?", "ببخشید؟": a short question asking the speaker to repeat is no apology.
      const apologyIn = (s: ReadSentence) =>
        phraseSignals(words.slice(s.start, s.end), alone(s), clauseStarts.slice(s.start, s.end).map((c) => c - s.start), language, matchers).has("apology");
      if (signals.has("apology") && !sentences.some((s) => !isRepairQuestion(s) && apologyIn(s))) {
        signals.delete("apology");
      }
      if (language === "en") {
        for (const { signal, before } of english.match(text)) {
          if (signal.startsWith("question.")) continue;
          const preceding = tokenize(lastClause(before), "en");
          if (!NOT_NEGATED.has(signal) && isNegated(preceding, preceding.length, "en")) continue;
          signals.add(signal);
        }
      }
      for (const question of detectQuestions(words, sentences, matchers)) signals.add(question);
      // Capitals and "!!!" are frustration unless the words or emoji are glad: "GRAZIE MILLE!!!" and "BRAVI!!! ❤" are
      // delight, not anger. An angry face is anger.
      const glad = signals.has("gratitude") || signals.has("emotion.positive") || hasWarmEmoji(text);
      if ((isShouting(text) || isExasperated(text)) && !glad) signals.add("emotion.frustration");
      if (hasAngryEmoji(text)) signals.add("emotion.frustration");
      // A heart or a grin is gladness, where nothing says anger ("arrived broken again 😍" is sarcasm).
      if (!signals.has("emotion.frustration") && hasGladEmoji(text)) signals.add("emotion.positive");
      // After the phrases and shapes: the model adds what they missed, and takes back what it finds most unlikely.
      const languageModels = modelsFor(language);
      const hashes = languageModels.length ? featureHashes(text, language) : [];
      for (const { signal, model, scored } of languageModels) {
        if (withModel(signals.has(signal), scored.probabilityOf(hashes), model)) signals.add(signal);
        else signals.delete(signal);
      }
      return signals;
    },
    explain(text, requested, wanted) {
      const detected = detector.detect(text, requested);
      const asked = new Set(wanted.filter((signal) => detected.has(signal)));
      const language = entries.has(requested) ? requested : "en";
      const matchers = matchersFor(language);
      if (!asked.size || !matchers) return [];
      const found: SignalWords[] = [];
      const { words, clauseStarts, sentences, bounds } = readSentences(text, language);
      const spans = tokenSpans(text, language);
      // Written words are shown only where they line up with the tokens the phrases matched.
      const aligned = spans.length === words.length && spans.every((span, i) => span.token === words[i]);
      if (aligned) {
        // Phrases that overlap ("sent me the wrong" and "wrong size") are shown as the one stretch they cover.
        const matched = phraseMatches(words, bounds, clauseStarts, language, matchers).filter((m) => asked.has(m.signal)).sort((a, b) => a.span.start - b.span.start);
        const merged: typeof matched = [];
        for (const m of matched) {
          const last = merged.at(-1);
          if (last && overlaps(last.span, m.span)) last.span = { start: last.span.start, end: Math.max(last.span.end, m.span.end) };
          else merged.push({ signal: m.signal, span: { ...m.span } });
        }
        for (const { signal, span } of merged) {
          const start = spans[span.start]!.start;
          found.push({ signal, text: trimPunctuation(text.slice(start, spans[span.end - 1]!.end)), at: start, from: "phrase" });
        }
      }
      // A question and a sarcastic sentence are shown whole: their words together make them.
      const written = writtenSentences(text, sentences);
      const questions = [...asked].filter((signal) => signal.startsWith("question."));
      for (const { sentence, text: said, at } of questions.length ? written : []) {
        const kind = detectQuestions(words, [sentence], matchers);
        for (const signal of questions) if (kind.has(signal)) found.push({ signal, text: said, at, from: "shape" });
      }
      if (asked.has("emotion.frustration")) {
        const sarcastic = sarcasticSentences(phraseMatches(words, bounds, clauseStarts, language, matchers), sentences);
        for (const { sentence, text: said, at } of written) if (sarcastic.includes(sentence)) found.push({ signal: "emotion.frustration", text: said, at, from: "shape" });
        const glad = detected.has("gratitude") || detected.has("emotion.positive") || hasWarmEmoji(text);
        const shapes = [...(glad ? [] : [...shoutedWords(text), ...exasperation(text)]), ...angryEmoji(text)];
        for (const shape of shapes) found.push({ signal: "emotion.frustration", ...shape, from: "shape" });
      }
      if (asked.has("emotion.positive") && !found.some((f) => f.signal === "emotion.positive")) {
        for (const shape of gladEmoji(text)) found.push({ signal: "emotion.positive", ...shape, from: "shape" });
      }
      // A signal no phrase or shape accounts for was the model's: its reason is the words that weighed most.
      for (const { signal, scored } of modelsFor(language)) {
        if (!asked.has(signal) || found.some((f) => f.signal === signal)) continue;
        const words = scored.strongest(text, language, 3);
        if (words.length) found.push({ signal, text: words.join(", "), at: 0, from: "model" });
      }
      return found.sort((a, b) => a.at - b.at);
    },
  };
  return detector;
}

/** Each sentence read, as written and where it starts in the text. */
function writtenSentences(text: string, sentences: readonly ReadSentence[]): Array<{ sentence: ReadSentence; text: string; at: number }> {
  const written = splitSentences(text);
  let from = 0;
  return sentences.map((sentence, i) => {
    from = Math.max(from, text.indexOf(written[i]!.text, from));
    return { sentence, text: written[i]!.text, at: from };
  });
}

/** Signals of praise and thanks: beside a complaint in their sentence, they are sarcasm. */
const GLAD = ["gratitude", "emotion.positive"];

const sentenceOf = (span: Span, sentences: readonly ReadSentence[]) => sentences.find((s) => span.start >= s.start && span.start < s.end);

/**
 * Sentences that praise or thank and tell a failure in one breath ("Great, charged twice again", "grazie mille, è
 * arrivato rotto", "مرسی واقعا، باز قطع شد"): sarcasm, so frustration, and their glad words count for nothing. Told
 * in two sentences ("Thanks for calling back. The parcel came broken."), each is what it says.
 */
function sarcasticSentences(matches: ReadonlyArray<{ signal: string; span: Span }>, sentences: readonly ReadSentence[]): ReadSentence[] {
  if (!matches.some((m) => m.signal === "complaint.error") || !matches.some((m) => GLAD.includes(m.signal))) return [];
  return sentences.filter((sentence) => {
    const here = matches.filter((m) => sentenceOf(m.span, sentences) === sentence);
    return here.some((m) => m.signal === "complaint.error") && here.some((m) => GLAD.includes(m.signal));
  });
}

/** A matched phrase as written, without the punctuation around it ("fed up!!!" is "fed up"). */
const trimPunctuation = (written: string) => written.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$/gu, "");

/**
 * Signals of the lexicon's phrases in these words: negation (within the clause, `clauseStarts` giving each word's
 * clause's first word) and exceptions applied; question cues left out.
 */
function phraseSignals(words: readonly string[], sentences: SentenceBounds, clauseStarts: readonly number[], language: string, matchers: LanguageMatchers): Set<string> {
  return new Set(phraseMatches(words, sentences, clauseStarts, language, matchers).map((m) => m.signal));
}

/** The phrases behind phraseSignals, each with the words it covers. */
function phraseMatches(words: readonly string[], sentences: SentenceBounds, clauseStarts: readonly number[], language: string, matchers: LanguageMatchers): Array<{ signal: string; span: Span }> {
  const found: Array<{ signal: string; span: Span }> = [];
  const negated = (start: number) => isNegated(words, start, language, clauseStarts[start]);
  const vetoes = matchers.exceptions.match(words, sentences);
  for (const { value: signal, span } of matchers.phrases.match(words, sentences)) {
    if (signal.startsWith("question.")) continue;
    if (!NOT_NEGATED.has(signal) && negated(span.start)) continue;
    if (vetoes.some((veto) => veto.value === signal && overlaps(veto.span, span))) continue;
    found.push({ signal, span });
  }
  if (!matchers.supersedes.size) return found;
  const sentenceOf = (at: number) => {
    while (at > 0 && !sentences.starts.has(at)) at--;
    return at;
  };
  const takenBack = (m: (typeof found)[number]) =>
    found.some((other) => {
      const scope = matchers.supersedes.get(other.signal)?.[m.signal];
      return scope === "overlap" ? overlaps(other.span, m.span) : scope === "sentence" && sentenceOf(other.span.start) === sentenceOf(m.span.start);
    });
  return found.filter((m) => !takenBack(m));
}

/** The bounds of one sentence's words read on their own. */
function alone(sentence: ReadSentence): SentenceBounds {
  const end = sentence.end - sentence.start;
  return { starts: new Set([0]), ends: new Set([end]), questions: new Set(sentence.question ? [end] : []) };
}

/** A question of at most four words ("Sorry?", "I beg your pardon?"): how a listener asks to hear it again. */
const REPAIR_WORDS = 4;
function isRepairQuestion(sentence: ReadSentence): boolean {
  return sentence.question && sentence.end - sentence.start <= REPAIR_WORDS;
}

/**
 * A sentence is a question when it ends with a question mark, opens the way questions open (an open cue such as
 * "what", "tell me", or a closed cue such as "do you"), or closes with a tag (a closed cue written to close a sentence,
 * `$`: "…, isn't it", "…, huh"): speech transcripts often carry no punctuation. A question carrying an open cue is
 * open; any other question — yes/no, tag, either/or, a statement ending in "?" — is closed. A question word after a
 * yes/no opening belongs to a clause inside it ("Do you have one of those tools for when you paint?"): closed too.
 * A cue inside an exception is no cue: "Come le ho già detto, …" opens like a question but is a statement.
 * A yes/no question that checks a restatement ("So you were charged twice, is that right?") is a paraphrase, not a
 * closed question: it is how an agent shows they listened, not a question that closes the customer down.
 */
function detectQuestions(all: readonly string[], sentences: readonly ReadSentence[], matchers: LanguageMatchers): Set<string> {
  const found = new Set<string>();
  for (const sentence of sentences) {
    const words = all.slice(sentence.start, sentence.end);
    if (!words.length) continue;
    const bounds = alone(sentence);
    const vetoes = matchers.exceptions.match(words, bounds);
    const kept = matchers.phrases.match(words, bounds).filter((m) => !vetoes.some((veto) => veto.value === m.value && overlaps(veto.span, m.span)));
    const cues = kept.filter((m) => m.value.startsWith("question."));
    const openCue = cues.find((m) => m.value === "question.open");
    const askedByCue = cues.some((m) => m.span.start === 0 || (m.value === "question.closed" && m.closesSentence));
    const yesNoOpening = cues.find((m) => m.value === "question.closed" && m.span.start === 0);
    const embedded = !!openCue && !!yesNoOpening && openCue.span.start >= yesNoOpening.span.end;
    const checksRestatement = kept.some((m) => m.value === "paraphrase");
    if (openCue && !embedded && (sentence.question || openCue.span.start === 0)) found.add("question.open");
    else if ((sentence.question || askedByCue) && !checksRestatement) found.add("question.closed");
  }
  return found;
}
