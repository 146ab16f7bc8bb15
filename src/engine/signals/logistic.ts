// Training for the learned layer: logistic regression over hashed binary features, by Adagrad with an L2 penalty,
// every step seeded so that the same data gives the same weights byte for byte (`npm run train` is reproducible).

/** A deterministic pseudo-random source (mulberry32): shuffles and folds the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** An example: the buckets its features fall in (each once) and whether it carries the signal. */
export interface Example {
  buckets: Uint32Array;
  positive: boolean;
}

export interface TrainOptions {
  buckets: number;
  l2: number;
  epochs: number;
  seed: number;
  learningRate?: number;
}

export interface Trained {
  weights: Float64Array;
  bias: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function train(examples: readonly Example[], options: TrainOptions): Trained {
  const weights = new Float64Array(options.buckets);
  const squares = new Float64Array(options.buckets).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  const rate = options.learningRate ?? 0.2;
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const example of shuffled(examples, random)) {
      let z = bias;
      for (const b of example.buckets) z += weights[b]!;
      const error = sigmoid(z) - (example.positive ? 1 : 0);
      for (const b of example.buckets) {
        const gradient = error + options.l2 * weights[b]!;
        squares[b]! += gradient * gradient;
        weights[b]! -= (rate * gradient) / Math.sqrt(squares[b]!);
      }
      biasSquares += error * error;
      bias -= (rate * error) / Math.sqrt(biasSquares);
    }
  }
  return { weights, bias };
}

export function probability(model: Trained, buckets: Uint32Array): number {
  let z = model.bias;
  for (const b of buckets) z += model.weights[b]!;
  return sigmoid(z);
}

/** Weights as one signed byte each and the scale that turns a byte back into a weight: a quarter of the floats' size. */
export function quantize(weights: Float64Array): { bytes: Int8Array; scale: number } {
  const largest = weights.reduce((max, w) => Math.max(max, Math.abs(w)), 0) || 1;
  const scale = largest / 127;
  return { bytes: Int8Array.from(weights, (w) => Math.round(w / scale)), scale };
}
