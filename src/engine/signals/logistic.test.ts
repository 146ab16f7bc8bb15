import { describe, expect, it } from "vitest";
import { probability, quantize, seededRandom, shuffled, train, type Example } from "./logistic.js";

const example = (buckets: number[], positive: boolean): Example => ({ buckets: Uint32Array.from(buckets), positive });

describe("training the learned layer", () => {
  it("draws and shuffles the same for the same seed", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(shuffled([1, 2, 3, 4, 5, 6], seededRandom(1))).toEqual(shuffled([1, 2, 3, 4, 5, 6], seededRandom(1)));
  });

  it("learns a bucket that marks the positives, and gives the same weights from the same data", () => {
    const data = Array.from({ length: 200 }, (_, i) => example([i % 2 ? 1 : 2, 10 + (i % 7)], i % 2 === 1));
    const model = train(data, { buckets: 32, l2: 1e-3, epochs: 5, seed: 3 });
    expect(probability(model, Uint32Array.from([1, 12]))).toBeGreaterThan(0.9);
    expect(probability(model, Uint32Array.from([2, 12]))).toBeLessThan(0.1);
    expect(train(data, { buckets: 32, l2: 1e-3, epochs: 5, seed: 3 }).weights).toEqual(model.weights);
  });

  it("quantizes to a byte a weight, the largest at ±127", () => {
    const { bytes, scale } = quantize(Float64Array.from([0.5, -2.54, 0, 1.27]));
    expect([...bytes]).toEqual([25, -127, 0, 64]);
    expect(scale).toBeCloseTo(0.02);
  });
});
