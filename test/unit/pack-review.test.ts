import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareVersions, compilePacks, failingPackExamples, packChanges, PackSchema, preparePacks, type Pack } from "../../src/engine/index.js";

// What a team lead sees of a pack before installing it, and the check of its own examples among the packs it joins.

const ROOT = join(import.meta.dirname, "..", "..");
const shipped = readdirSync(join(ROOT, "rules")).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(ROOT, "rules", f), "utf8")) as unknown);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pack file's JSON, edited freely by the tests
type PackJson = Record<string, any>;
const retention = () => JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "packs", "retention-pack.json"), "utf8")) as PackJson;
await preparePacks([...shipped, retention()]);

describe("a pack's own examples, run among the packs it would join", () => {
  it("a pack whose examples pass has no failing example", () => {
    expect(failingPackExamples(compilePacks([...shipped, retention()]), "retention", "retention.json")).toEqual([]);
  });

  it("names each failing example: pack, rule, number, language, conversation, what was expected and what was raised", () => {
    const pack = retention();
    // The second example says a late order raises the rule at once: it does not.
    pack.rules[0].examples[1].raises = [{ event: 0 }];
    pack.signals["intent.cancel"].en.examples = { matches: ["I want to close my account"], ignores: ["please cancel my subscription"] };
    expect(failingPackExamples(compilePacks([...shipped, pack]), "retention", "team.json")).toEqual([
      'team.json: pack "retention", rule "offer-retention", example 2 (en) "customer: my order is late": expected event 0; raised nothing',
      'team.json: pack "retention", signal "intent.cancel" (en): "please cancel my subscription" must not carry the signal, and does',
    ]);
  });

  it("runs only that pack's examples, not the shipped packs' (which an override may have made fail)", () => {
    // Closed questions counted to 3: the shipped open-question examples written for 2 fail, the imported pack's pass.
    const compiled = compilePacks([...shipped, retention()], { rules: { "open-question": { params: { count: 3 } } } });
    expect(failingPackExamples(compiled, "retention", "retention.json")).toEqual([]);
    expect(failingPackExamples(compiled, "active-listening", "shipped")).toContainEqual(expect.stringMatching(/^shipped: pack "active-listening", rule "open-question", example \d+ \(en/));
  });

  it("leaves out the examples of a rule switched off, which raises nothing", () => {
    const pack = retention();
    pack.rules[0].enabled = false;
    expect(failingPackExamples(compilePacks([...shipped, pack]), "retention", "retention.json")).toEqual([]);
  });
});

describe("what installing a pack changes", () => {
  const installed = shipped.map((p) => PackSchema.parse(p));
  const parse = (json: unknown): Pack => PackSchema.parse(json);

  it("says what the pack is, the rules it adds with their severities, and its words per language, new signal or not", () => {
    const pack = retention();
    pack.signals.apology = { it: { phrases: ["mi scusi tanto"] } };
    const changes = packChanges(parse(pack), installed);
    expect(changes).toEqual({
      id: "retention",
      version: "1.2.0",
      description: pack.description,
      languages: ["en", "it"],
      rules: [{ id: "offer-retention", severity: "warn", description: pack.rules[0].description }],
      signals: [
        { language: "en", signal: "intent.cancel", extends: false, phrases: 2, exceptions: 1, patterns: 1, sample: ["cancel my subscription", "close my account"] },
        { language: "it", signal: "apology", extends: true, phrases: 1, exceptions: 0, patterns: 0, sample: ["mi scusi tanto"] },
        { language: "it", signal: "intent.cancel", extends: false, phrases: 2, exceptions: 0, patterns: 0, sample: ["disdire l abbonamento", "chiudere il conto"] },
      ],
    });
  });

  it("shows at most five phrases as a sample, with the full count", () => {
    const pack = retention();
    pack.signals["intent.cancel"].en.phrases = ["one", "two", "three", "four", "five", "six", "seven"];
    const en = packChanges(parse(pack), installed).signals.find((s) => s.language === "en")!;
    expect(en).toMatchObject({ phrases: 7, sample: ["one", "two", "three", "four", "five"] });
  });

  it("a newer version says which imported version it replaces and which of its rules it drops", () => {
    const old = retention();
    old.version = "1.0.0";
    old.rules.push({ ...old.rules[0], id: "old-offer" });
    const changes = packChanges(parse(retention()), [...installed, parse(old)], parse(old));
    expect(changes.replaces).toEqual({ version: "1.0.0", dropsRules: ["old-offer"] });
    // Its own earlier version does not count as another pack knowing its signal.
    expect(changes.signals.every((s) => !s.extends)).toBe(true);
  });

  it("compares versions number by number", () => {
    expect(compareVersions("1.10.0", "1.9.3")).toBe(1);
    expect(compareVersions("1.2.0", "1.2.0")).toBe(0);
    expect(compareVersions("0.9.9", "1.0.0")).toBe(-1);
  });
});
