import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../engine/index.js";
import { runConversation } from "../engine/engine.js";
import { openingsAgree } from "./scenario-check.js";
import { parseScenario, scenarioJsonSchema, variantConversation } from "./scenario.js";
import { shippedPacks, shippedScenarioFiles } from "./test-packs.js";

describe("the shipped scenarios (scenarios/*.json)", () => {
  const files = shippedScenarioFiles();

  it("cover English, Italian, Romanian and Persian with three situations each", () => {
    const scenarios = files.map(({ file, json }) => parseScenario(json, file));
    for (const language of ["en", "it", "ro", "fa"]) expect(scenarios.filter((s) => s.language === language).length).toBeGreaterThanOrEqual(3);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
  });

  for (const { file, json } of files) {
    it(`${file}: validates, is named after its id, and the poor agent raises more nudges than the good one`, () => {
      const scenario = parseScenario(json, file);
      expect(file).toBe(`scenarios/${scenario.id}.json`);
      const good = runConversation(shippedPacks, variantConversation(scenario, "good"));
      const poor = runConversation(shippedPacks, variantConversation(scenario, "poor"));
      expect(poor.length, `poor: ${poor.map((n) => n.rule).join(", ")}; good: ${good.map((n) => n.rule).join(", ")}`).toBeGreaterThan(good.length);
      // Every variant starts from the same customer.
      expect(openingsAgree(scenario).variants).toBe(true);
    });
  }
});

describe("reading a scenario", () => {
  const valid = {
    id: "late-parcel",
    title: "A late parcel",
    description: "",
    language: "en",
    variants: [{ id: "good", label: "Good", events: [{ type: "turn", speaker: "customer", text: "Where is it?", at: 0 }] }],
  };

  it("reads a valid scenario, the channel defaulting to chat", () => {
    expect(parseScenario(valid).channel).toBe("chat");
  });

  it("names every problem with the file, the JSON path and what was expected", () => {
    const bad = {
      ...valid,
      language: "English",
      variants: [
        { id: "good", label: "Good", events: [{ type: "turn", speaker: "customer", text: "Hi", at: 5 }, { type: "turn", speaker: "boss", text: "Hi", at: 2 }] },
        { id: "good", label: "Again", events: [{ type: "turn", speaker: "customer", text: "Hi", at: 5 }, { type: "turn", speaker: "agent", text: "Hi", at: 2 }] },
      ],
    };
    let problems: string[] = [];
    try {
      parseScenario(bad, "mine.json");
    } catch (error) {
      problems = (error as ValidationError).problems;
    }
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^mine\.json: \$\.language: /),
      expect.stringMatching(/^mine\.json: \$\.variants\[0\]\.events\[1\]\.speaker: /),
    ]));
    // The order check runs once the shapes are right.
    const shapes = { ...bad, language: "en", variants: [bad.variants[1]!, bad.variants[1]!] };
    expect(() => parseScenario(shapes, "mine.json")).toThrow(/mine\.json: \$\.variants\[0\]\.events\[1\]\.at: events must be in time order[\s\S]*\$\.variants\[1\]\.id: variant "good" is defined twice/);
  });

  it("refuses an end before the last event", () => {
    const early = { ...valid, variants: [{ ...valid.variants[0]!, events: [{ type: "turn", speaker: "customer", text: "Hi", at: 8 }], endAt: 5 }] };
    expect(() => parseScenario(early, "mine.json")).toThrow(/^mine\.json: \$\.variants\[0\]\.endAt: the end \(5 s\) comes before the last event \(8 s\)$/);
  });
});

it("docs/scenario.schema.json is up to date (regenerate: npm run build && npx attune schemas --write docs)", () => {
  const published = JSON.parse(readFileSync(join(__dirname, "..", "..", "docs", "scenario.schema.json"), "utf8"));
  expect(published).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
});
