import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compilePacks } from "../engine.js";
import { preparePacks } from "./english-patterns.js";

const shipped = ["active-listening", "lexicon-en", "lexicon-it", "lexicon-ro", "lexicon-fa"].map((id) => JSON.parse(readFileSync(new URL(`../../../rules/${id}.json`, import.meta.url), "utf8")) as unknown);
const withPatterns = {
  id: "cancel-patterns", version: "1.0.0", description: "English patterns need compromise", languages: ["en"],
  signals: { "intent.cancel": { en: { patterns: ["#Pronoun #Adverb? (want|need) to (cancel|leave|quit)"] } } },
  rules: [],
};

// One file, one module instance: the order of these tests is the order compromise gets (or does not get) loaded.
describe("English patterns load compromise only when a pack has them", () => {
  it("the shipped packs need no compromise, so the extension's worker starts without it", async () => {
    await preparePacks(shipped);
    expect(() => compilePacks([...shipped, withPatterns])).toThrow(/await preparePacks/);
  });

  it("a pack with patterns compiles once prepared, and its patterns match through compromise's tags", async () => {
    await preparePacks([withPatterns]);
    const { detector } = compilePacks([...shipped, withPatterns]);
    expect(detector.detect("We really want to leave.", "en")).toContain("intent.cancel");
    expect(detector.detect("We really want to stay.", "en").has("intent.cancel")).toBe(false);
  });
});
