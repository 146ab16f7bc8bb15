import { z } from "zod";
import { isNegated } from "./negation.js";
import { hasAngryEmoji, isExasperated, isShouting, readSentences } from "./structure.js";

// A small learned layer beside a signal's phrases: a logistic model over hashed words, word pairs and letter n-grams,
// shipped as data in a pack. It catches what people say in their own words, which no phrase list can enumerate, and it
// can take back a phrase hit that the rest of the utterance contradicts. The same feature function runs in training
// (`attune train`) and in the worker, so what was measured is what ships.

/** Letter n-grams of each word, from 3 to 5 letters, with the word's edges marked: robust to typos and inflection. */
const CHAR_GRAMS = [3, 4, 5];
/** Above this many characters an utterance is scored on its start: a pasted page says no more than its first lines. */
const MAX_CHARS = 2000;

export const FEATURES_VERSION = "hashed-ngrams-2";

const isPowerOfTwo = (n: number) => Number.isInteger(Math.log2(n));

export const LearnedModelSchema = z
  .strictObject({
    /** How an utterance becomes features: this engine's `features()` of this name. */
    features: z.literal(FEATURES_VERSION),
    /** How many buckets the features are hashed into: a power of two. */
    buckets: z.number().int().min(256).max(65_536).refine(isPowerOfTwo, "a power of two"),
    /** One signed byte a bucket, base64: a bucket's weight is its byte times `scale`. */
    weights: z.string().max(90_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64"),
    scale: z.number().positive().max(1),
    bias: z.number().min(-50).max(50),
    /** At or above this probability the model adds the signal where the phrases found none. */
    fire: z.number().min(0.01).max(1),
    /** Below this probability the model takes back a signal the phrases found (0: it never does; `fire`: it decides alone). */
    veto: z.number().min(0).max(1),
    /** Where the weights come from: the corpus, its licence, the command that made them. */
    trainedOn: z.string().min(1).max(500),
  })
  .check((ctx) => {
    const bytes = Math.floor((ctx.value.weights.length * 3) / 4) - (ctx.value.weights.match(/=+$/)?.[0].length ?? 0);
    if (bytes !== ctx.value.buckets) ctx.issues.push({ code: "custom", message: `weights hold ${bytes} bytes; ${ctx.value.buckets} buckets need as many`, input: ctx.value.weights, path: ["weights"] });
    if (ctx.value.veto > ctx.value.fire) ctx.issues.push({ code: "custom", message: "veto must be at most fire", input: ctx.value.veto, path: ["veto"] });
  });
export type LearnedModel = z.infer<typeof LearnedModelSchema>;

/** FNV-1a, 32 bits: the same bucket for the same feature in every browser and in Node. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The features of an utterance, each once: its words, its word pairs, each word's letter n-grams, and its shape
 * (shouting, "!!!", an angry emoji, a question mark), which carries much of a chat's feeling. A word a negator governs
 * (in its clause, as the phrases read it: "nu sunt supărat") is a feature of its own, "¬supărat", so that the model
 * does not read the feeling denied as the feeling.
 */
export function features(text: string, language: string): string[] {
  const clipped = text.slice(0, MAX_CHARS);
  const { words, clauseStarts } = readSentences(clipped, language);
  const found = new Set<string>();
  words.forEach((word, i) => {
    const form = isNegated(words, i, language, clauseStarts[i]) ? `¬${word}` : word;
    found.add(`w:${form}`);
    if (i > 0) found.add(`b:${words[i - 1]} ${word}`);
    const marked = `<${form}>`;
    for (const n of CHAR_GRAMS) for (let at = 0; at + n <= marked.length; at++) found.add(`c:${marked.slice(at, at + n)}`);
  });
  if (isShouting(clipped)) found.add("s:shouting");
  if (isExasperated(clipped)) found.add("s:exasperated");
  if (hasAngryEmoji(clipped)) found.add("s:angry-emoji");
  if (clipped.includes("?")) found.add("s:question");
  if (clipped.includes("!")) found.add("s:exclamation");
  return [...found];
}

/**
 * Whether the signal stands once the model has spoken: added at or above `fire`, taken back below `veto`, else as the
 * phrases and shapes found it. Detection and training (choosing `fire` and `veto`) both decide by this.
 */
export const withModel = (found: boolean, probability: number, model: Pick<LearnedModel, "fire" | "veto">): boolean =>
  probability >= model.fire ? true : probability < model.veto ? false : found;

/** An utterance's features hashed, each once: read once for all of a language's models (see `probabilityOf`). */
export const featureHashes = (text: string, language: string): Uint32Array => Uint32Array.from(features(text, language), hash);

/** An utterance's buckets among `buckets` (a power of two), each once: what a model is trained on. */
export const featureBuckets = (text: string, language: string, buckets: number): Uint32Array =>
  Uint32Array.from(new Set(Array.from(featureHashes(text, language), (h) => h & (buckets - 1))));

export interface ScoredModel {
  /** The probability that the utterance carries the signal. */
  probability(text: string, language: string): number;
  /** The same, from the utterance's `featureHashes`. */
  probabilityOf(hashes: ArrayLike<number>): number;
  /** The features that pushed hardest towards the signal, strongest first: what a nudge shows as its reason. */
  strongest(text: string, language: string, count: number): string[];
}

export function decodeWeights(model: LearnedModel): Float32Array {
  // One loop over the decoded bytes: typed arrays made `from` a string and a mapping callback took 4 ms a model, a
  // fifth of the packs' whole compile.
  const bytes = atob(model.weights);
  const weights = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes.charCodeAt(i);
    weights[i] = (byte > 127 ? byte - 256 : byte) * model.scale;
  }
  return weights;
}

export function scoreModel(model: LearnedModel): ScoredModel {
  return scoreWeights(decodeWeights(model), model.bias);
}

/** A model as weights by bucket (their count a power of two) and a bias: shipped, or fitted on the spot. */
export function scoreWeights(weights: ArrayLike<number>, bias: number): ScoredModel {
  const mask = weights.length - 1;
  const weightOf = (feature: string) => weights[hash(feature) & mask]!;
  const probabilityOf = (hashes: ArrayLike<number>) => {
    let z = bias;
    for (let i = 0; i < hashes.length; i++) z += weights[hashes[i]! & mask]!;
    return 1 / (1 + Math.exp(-z));
  };
  return {
    probability: (text, language) => probabilityOf(featureHashes(text, language)),
    probabilityOf,
    strongest(text, language, count) {
      return features(text, language)
        .map((feature) => ({ feature, weight: weightOf(feature) }))
        .filter((f) => f.weight > 0 && !f.feature.startsWith("c:"))
        .sort((a, b) => b.weight - a.weight)
        .slice(0, count)
        .map((f) => f.feature.slice(2));
    },
  };
}
