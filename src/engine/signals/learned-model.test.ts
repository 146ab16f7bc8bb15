import { describe, expect, it } from "vitest";
import { featureHashes, features, FEATURES_VERSION, hash, LearnedModelSchema, scoreModel, withModel, type LearnedModel } from "./learned-model.js";
import { compileSignalDetector } from "./signal-detector.js";

const BUCKETS = 4096;

/** A model whose only weight is on the features named: the rest of the utterance counts for nothing. */
function modelWith(weights: Record<string, number>, more: Partial<LearnedModel> = {}): LearnedModel {
  const bytes = new Int8Array(BUCKETS);
  for (const [feature, weight] of Object.entries(weights)) bytes[hash(feature) & (BUCKETS - 1)] = weight;
  return LearnedModelSchema.parse({
    features: FEATURES_VERSION, buckets: BUCKETS, weights: Buffer.from(bytes.buffer).toString("base64"), scale: 0.1, bias: -6, fire: 0.9, veto: 0, trainedOn: "a test", ...more,
  });
}

describe("the learned layer's model", () => {
  it("reads an utterance as its words, word pairs, letter n-grams and shape, each once, normalised as phrases are", () => {
    const found = features("Sunt SĂTUL!!! sunt", "ro");
    expect(found).toEqual(expect.arrayContaining(["w:sunt", "w:satul", "b:sunt satul", "b:satul sunt", "c:<sa", "c:tul>", "s:exclamation", "s:exasperated"]));
    expect(new Set(found).size).toBe(found.length);
    expect(features("Sunt SĂTUL!!! sunt", "ro")).toEqual(found);
  });

  it("hashes the same in every run (FNV-1a)", () => {
    expect(hash("")).toBe(0x811c9dc5);
    expect(hash("a")).toBe(0xe40c292c);
  });

  it("refuses weights that do not fill the buckets, and a veto above fire", () => {
    const good = modelWith({});
    expect(LearnedModelSchema.safeParse({ ...good, weights: good.weights.slice(8) }).success).toBe(false);
    expect(LearnedModelSchema.safeParse({ ...good, veto: 0.95 }).error?.issues[0]?.message).toBe("veto must be at most fire");
  });

  it("decides with the phrases: adds at or above fire, takes back below veto, leaves them be between", () => {
    const model = { fire: 0.9, veto: 0.1 };
    expect([withModel(false, 0.95, model), withModel(true, 0.05, model), withModel(true, 0.5, model), withModel(false, 0.5, model), withModel(false, 0.9, model)]).toEqual([true, false, true, false, true]);
  });

  it("scores by its weights and names the words that weighed most", () => {
    const scored = scoreModel(modelWith({ "w:zbang": 127, "b:zbang iar": 60 }));
    expect(scored.probability("zbang iar", "ro")).toBeGreaterThan(0.99);
    expect(scored.probability("totul e bine", "ro")).toBeLessThan(0.01);
    expect(scored.strongest("zbang iar", "ro", 3)).toEqual(["zbang", "zbang iar"]);
    // A language's models share one reading of the utterance: the same probability from its hashed features.
    for (const text of ["zbang iar", "totul e bine"]) expect(scored.probabilityOf(featureHashes(text, "ro"))).toBe(scored.probability(text, "ro"));
  });
});

describe("the learned layer in detection", () => {
  const lexicons = (model: LearnedModel) => ({ "emotion.frustration": { ro: { phrases: ["m-am saturat"], model } } });

  it("adds the signal at or above fire where the phrases find none, and says why with the model's words", () => {
    const detector = compileSignalDetector(lexicons(modelWith({ "w:zbang": 127 })));
    expect(detector.detect("zbang, iar?", "ro").has("emotion.frustration")).toBe(true);
    expect(detector.detect("merci, e bine", "ro").has("emotion.frustration")).toBe(false);
    expect(detector.explain!("zbang, iar?", "ro", ["emotion.frustration"])).toEqual([{ signal: "emotion.frustration", text: "zbang", at: 0, from: "model" }]);
    // Where a phrase accounts for the signal, the phrase is the reason.
    expect(detector.explain!("m-am saturat, zbang", "ro", ["emotion.frustration"]).map((w) => w.from)).toEqual(["phrase"]);
  });

  it("takes back a phrase's hit below veto, and leaves it between veto and fire", () => {
    const vetoing = compileSignalDetector(lexicons(modelWith({ "w:glumesc": -127 }, { bias: 0, veto: 0.2 })));
    expect(vetoing.detect("m-am saturat", "ro").has("emotion.frustration")).toBe(true);
    expect(vetoing.detect("m-am saturat, glumesc", "ro").has("emotion.frustration")).toBe(false);
  });

  it("applies the model only in its own language", () => {
    const detector = compileSignalDetector({ ...lexicons(modelWith({ "w:zbang": 127 })), greeting: { en: { phrases: ["hello"] } } });
    expect(detector.detect("zbang", "en").has("emotion.frustration")).toBe(false);
  });
});
