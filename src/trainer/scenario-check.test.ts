import { describe, expect, it } from "vitest";
import { jsonPath, ValidationError } from "../engine/validation-errors.js";
import type { PracticeLine } from "./practice-script.js";
import { parseScenario } from "./scenario.js";
import { openingsAgree, placeOf, replyTaking, scenarioProblems, scriptReport, testScenario } from "./scenario-check.js";
import { shippedPacks, shippedScenarioFiles } from "./test-packs.js";

describe("the checks a scenario editor runs", () => {
  it("finds every problem parseScenario finds, at the same paths, with a code where it has words of its own", () => {
    const input = {
      id: "Late Parcel", title: "", description: "", language: "en",
      variants: [{ id: "good", label: "Good", events: [{ type: "turn", speaker: "customer", text: "Where is it?", at: 0 }] }],
      practice: { start: "opening", lines: { opening: { says: "Where is it?", hint: "Sorry.", next: [{ ifReplyHas: ["blame"], goTo: "nowhere" }, { otherwise: true, goTo: "end" }] }, end: { says: "" } } },
    };
    const problems = scenarioProblems(input);
    expect(() => parseScenario(input, "mine.json")).toThrow(new ValidationError(problems.map((p) => `mine.json: ${jsonPath(p.path)}: ${p.message}`)));
    expect(problems.map(({ path, code }) => [path.join("."), code])).toEqual([
      ["id", undefined],
      ["title", "empty"],
      ["practice.lines.end.says", "empty"],
      ["practice.lines.opening.next.0.goTo", "no-target"],
    ]);
    // Once the shapes are right, the script's own checks.
    const shaped = { ...input, id: "late-parcel", title: "A late parcel", practice: { ...input.practice, lines: { ...input.practice.lines, end: { says: "Bye." } } } };
    expect(scenarioProblems(shaped)).toEqual([{ path: ["practice", "lines", "opening", "next", 0, "goTo"], message: 'no line "nowhere" to go to', code: "no-target", values: ["nowhere"] }]);
  });

  it("places a path in the scenario as written: variants and messages by number, lines by number and id, a branch by its signals", () => {
    const input = {
      variants: [{ label: "Good" }, { label: "Poor", events: [{}, {}] }],
      practice: { lines: { opening: { next: [{ ifReplyHas: ["blame", "apology"] }, { otherwise: true }] }, manager: {} } },
    };
    expect(placeOf(["variants", 1, "events", 1, "text"], input)).toEqual([{ kind: "variant", n: 2, label: "Poor" }, { kind: "event", n: 2 }, { kind: "field", field: "text" }]);
    expect(placeOf(["practice", "lines", "opening", "next", 0, "ifReplyHas", 1], input)).toEqual([
      { kind: "practice" }, { kind: "line", n: 1, id: "opening" }, { kind: "branch", n: 1, signals: ["blame", "apology"] }, { kind: "field", field: "ifReplyHas" },
    ]);
    expect(placeOf(["practice", "lines", "manager"], input)).toEqual([{ kind: "practice" }, { kind: "line", n: 2, id: "manager" }]);
    expect(placeOf(["practice", "lines", "opening", "next", 1], input)).toEqual([{ kind: "practice" }, { kind: "line", n: 1, id: "opening" }, { kind: "branch", n: 2 }]);
  });

  it("finds the reply that takes each branch, and none for a branch every signal of which a branch above takes", () => {
    const line: PracticeLine = {
      says: "Where is it?",
      next: [{ ifReplyHas: ["blame", "apology"], goTo: "a" }, { ifReplyHas: ["apology"], goTo: "b" }, { ifReplyHas: ["apology", "gratitude"], goTo: "c" }, { otherwise: true, goTo: "d" }],
    };
    expect([0, 1, 2, 3].map((b) => replyTaking(line, b) && [...replyTaking(line, b)!])).toEqual([["blame"], undefined, ["gratitude"], []]);
  });

  it("walks a script: its paths, whether each ends, the lines never reached", () => {
    const report = scriptReport({
      start: "opening",
      lines: {
        opening: { says: "Hi", hint: "Hello", next: [{ ifReplyHas: ["blame"], goTo: "angry" }, { otherwise: true, goTo: "calm" }] },
        angry: { says: "Manager!", hint: "Sorry", next: [{ otherwise: true, goTo: "calm" }] },
        calm: { says: "OK" },
        orphan: { says: "?" },
      },
    });
    expect(report.paths).toEqual([["opening", "angry", "calm"], ["opening", "calm"]]);
    expect(report.allEnd).toBe(true);
    expect(report.unreached).toEqual(["orphan"]);
    expect(report.branches).toEqual([
      { line: "opening", branch: 0, goTo: "angry", reply: ["blame"] },
      { line: "opening", branch: 1, goTo: "calm", reply: [] },
      { line: "angry", branch: 0, goTo: "calm", reply: [] },
    ]);
  });

  it("checks that every variant, and the practice customer, open with the same customer line", () => {
    const scenario = parseScenario({
      id: "late-parcel", title: "A late parcel", description: "", language: "en",
      variants: [
        { id: "good", label: "Good", events: [{ type: "turn", speaker: "customer", text: "Where is it?", at: 0 }] },
        { id: "poor", label: "Poor", events: [{ type: "turn", speaker: "customer", text: "Where is it?", at: 0 }] },
      ],
    });
    expect(openingsAgree(scenario)).toEqual({ variants: true });
    const differ = { ...scenario, variants: [scenario.variants[0]!, { ...scenario.variants[1]!, events: [{ type: "turn" as const, speaker: "customer" as const, text: "Hello?", at: 0 }] }] };
    expect(openingsAgree(differ).variants).toBe(false);
    expect(openingsAgree({ ...scenario, practice: { start: "a", lines: { a: { says: "Where is it?" } } } }).practice).toBe(true);
    expect(openingsAgree({ ...scenario, practice: { start: "a", lines: { a: { says: "Hello?" } } } }).practice).toBe(false);
  });

  it("tests a shipped scenario against the shipped packs as the replay plays it: the poor agent nudged more, every branch taken, each hint calming", () => {
    for (const { file, json } of shippedScenarioFiles().filter(({ file }) => file.includes("billing-error"))) {
      const result = testScenario(shippedPacks, parseScenario(json, file));
      const count = (id: string) => result.variants.find((v) => v.id === id)!.nudges.length;
      expect(count("poor"), file).toBeGreaterThan(count("good"));
      expect(result.openings).toEqual({ variants: true, practice: true });
      expect(result.script!.allEnd).toBe(true);
      expect(result.script!.branches.every((branch) => branch.reply)).toBe(true);
      expect(result.hints.length).toBeGreaterThanOrEqual(3);
      for (const hint of result.hints) expect(hint.reaction, `${file} ${hint.line}`).toBe("calms-down");
    }
  });
});
