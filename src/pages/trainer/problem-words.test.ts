import { describe, expect, it } from "vitest";
import { formatNumber, translate } from "../../shared/locales.js";
import { scenarioProblems } from "../../trainer/scenario-check.js";
import { problemWords } from "./problem-words.js";

const inEnglish = (key: string, ...substitutions: string[]) => translate("en", key, ...substitutions);
const inItalian = (key: string, ...substitutions: string[]) => translate("it", key, ...substitutions);

/** A small branching scenario as a trainer writes it, and a change to it. */
function written(change: (s: ReturnType<typeof base>) => void = () => {}) {
  const scenario = base();
  change(scenario);
  return scenario;
}

function base() {
  return {
    id: "late-parcel",
    title: "A late parcel",
    description: "",
    language: "en",
    variants: [
      { id: "good", label: "Good agent", events: [{ type: "turn", speaker: "customer", text: "Where is it?", at: 0 }, { type: "turn", speaker: "agent", text: "I'm sorry it's late.", at: 5 }] },
      { id: "poor", label: "Poor agent", events: [{ type: "turn", speaker: "customer", text: "Where is it?", at: 0 }] },
    ],
    practice: {
      start: "opening",
      lines: {
        opening: { says: "Where is it?", hint: "I'm sorry it's late.", next: [{ ifReplyHas: ["blame"], goTo: "escalates" } as { ifReplyHas?: string[]; otherwise?: boolean; goTo: string }, { otherwise: true, goTo: "calms-down" }] } as Record<string, unknown>,
        "calms-down": { says: "Thanks.", reaction: "calms-down" } as Record<string, unknown>,
        escalates: { says: "A manager, please.", reaction: "escalates" } as Record<string, unknown>,
      } as Record<string, Record<string, unknown>>,
    },
  };
}

const words = (input: unknown, t = inEnglish) => scenarioProblems(input).map((problem) => problemWords(problem, input, t));

describe("a scenario's problems, each named by its place in words", () => {
  it("finds none in a valid scenario", () => {
    expect(words(written())).toEqual([]);
  });

  it("names a branch point's line, the reply that leads there and the field", () => {
    expect(words(written((s) => (s.practice.lines.escalates!.says = "")))).toEqual(["Line 3 (“escalates”): Customer's line is empty"]);
    const nowhere = written((s) => ((s.practice.lines.opening!.next as Array<{ goTo: string }>)[0]!.goTo = "nowhere"));
    // The line no branch leads to any more is named too.
    expect(words(nowhere)).toEqual([
      "Line 1 (“opening”), reply that blames, Next line: no line “nowhere” to go to",
      "Line 3 (“escalates”): never reached from the first line (“opening”)",
    ]);
  });

  it("says which branch is never taken, and that a branch point needs a hint and a last “any other reply”", () => {
    const shadowed = written((s) => {
      s.practice.lines.opening!.next = [{ ifReplyHas: ["blame", "apology"], goTo: "escalates" }, { ifReplyHas: ["apology"], goTo: "calms-down" }];
      delete s.practice.lines.opening!.hint;
    });
    expect(words(shadowed)).toEqual([
      "Line 1 (“opening”), Hint (a good agent's reply): a line with branches needs a hint: what a good agent would reply",
      "Line 1 (“opening”), reply that apologises, Signals: the last branch must be “any other reply”: a reply carrying none of these signals would lead nowhere",
      "Line 1 (“opening”), reply that apologises, Signals: never taken: every reply that apologises is taken by a branch above",
    ]);
  });

  it("names a variant by its number and label, a message by its number, and a loop by where it leads back", () => {
    expect(words(written((s) => (s.variants[0]!.events[1]!.at = 0.5)))).toEqual([]);
    const backwards = written((s) => {
      s.variants[0]!.events[0]!.at = 9;
      s.variants[1]!.label = "";
    });
    expect(words(backwards)).toEqual([
      "Variant 2: Label is empty",
      "Variant 1 (“Good agent”), message 2, Time (s): messages must be in time order: 5 s comes after 9 s",
    ]);
    const loop = written((s) => (s.practice.lines["calms-down"] = { says: "Thanks.", hint: "You're welcome.", next: [{ otherwise: true, goTo: "opening" }] }));
    expect(words(loop)).toEqual(["Line 2 (“calms-down”), any other reply: leads back to “opening”: a path that never ends (lines form no loop)"]);
  });

  it("keeps zod's own words after the field where it has no words of ours", () => {
    expect(words(written((s) => (s.language = "English")))).toEqual(['Language: a primary language subtag such as "en"']);
  });

  it("speaks the interface language", () => {
    expect(words(written((s) => (s.practice.lines.escalates!.says = "")), inItalian)).toEqual(["Battuta 3 («escalates»): «Battuta del cliente» è vuoto"]);
    // Persian: its digits and its comma.
    const persian = written((s) => ((s.practice.lines.opening!.next as Array<{ goTo: string }>)[0]!.goTo = "calms-down"));
    persian.practice.lines.escalates = { says: "" };
    const inPersian = (key: string, ...substitutions: string[]) => translate("fa", key, ...substitutions);
    expect(scenarioProblems(persian).map((problem) => problemWords(problem, persian, inPersian, (n) => formatNumber("fa", n)))).toEqual([
      "جملهٔ ۳ («escalates»): «جملهٔ مشتری» خالی است",
      "جملهٔ ۳ («escalates»): از جملهٔ نخست («opening») هرگز به آن نمی‌رسد",
    ]);
  });
});
