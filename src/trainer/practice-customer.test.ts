import { describe, expect, it } from "vitest";
import { branchTarget, chooseBranch, REPLY_SIGNALS } from "./practice-script.js";
import { openingsAgree, scriptReport } from "./scenario-check.js";
import { PracticeCustomer, practiceScriptOf, replySignals } from "./practice-customer.js";
import { parseScenario, type Scenario } from "./scenario.js";
import { shippedPacks, shippedScenarioFiles } from "./test-packs.js";

/** What a trainee might write, in each language: a reply that acknowledges the customer's frustration, one that blames. */
const REPLIES: Record<string, { acknowledges: string; blames: string }> = {
  en: { acknowledges: "I understand how frustrating that is.", blames: "As I said, you should have checked your statement." },
  it: { acknowledges: "Capisco quanto sia frustrante.", blames: "Come le ho già detto, avrebbe dovuto controllare meglio." },
  ro: { acknowledges: "Înțeleg cât de frustrant este.", blames: "Cum v-am spus, trebuia să verificați mai atent." },
  fa: { acknowledges: "درک می‌کنم چقدر آزاردهنده است.", blames: "همانطور که گفتم، باید بیشتر دقت می‌کردید." },
};

const customerOf = (scenario: Scenario) =>
  new PracticeCustomer(practiceScriptOf(scenario), (replies, interrupted) => replySignals(shippedPacks, scenario.language, replies, interrupted));

describe("the shipped scenarios' practice customers", () => {
  const scenarios = shippedScenarioFiles().map(({ file, json }) => parseScenario(json, file));

  for (const scenario of scenarios) {
    describe(scenario.id, () => {
      const script = scenario.practice!;

      it("has a script of three or more branch points, opening as the variants do", () => {
        expect(script).toBeDefined();
        expect(Object.values(script.lines).filter((line) => line.next).length).toBeGreaterThanOrEqual(3);
        expect(openingsAgree(scenario).practice).toBe(true);
      });

      it("every path ends, and every branch is reachable: its line reached, and a reply that takes it", () => {
        const report = scriptReport(script);
        expect(report.allEnd).toBe(true);
        expect(report.unreached).toEqual([]);
        expect([...new Set(report.paths.flat())].sort()).toEqual(Object.keys(script.lines).sort());
        for (const { line, branch, reply } of report.branches) {
          expect(reply, `${line}.next[${branch}]`).toBeDefined();
          expect(chooseBranch(script.lines[line]!, new Set(reply)), `${line}.next[${branch}]`).toBe(script.lines[line]!.next![branch]);
        }
      });

      it("calms down at an acknowledgement and escalates at blame, read by the real detectors in its language", () => {
        const { acknowledges, blames } = REPLIES[scenario.language]!;
        const calm = customerOf(scenario).answer([acknowledges], false)!;
        expect(calm.carried.has("ack.feeling")).toBe(true);
        expect(calm.line.reaction).toBe("calms-down");
        const angry = customerOf(scenario).answer([blames], false)!;
        expect(angry.carried.has("blame")).toBe(true);
        expect(angry.line.reaction).toBe("escalates");
        expect(angry.line.says).not.toBe(calm.line.says);
        // Blamed again once escalated, the customer asks for a manager, and the conversation ends there.
        const blamed = customerOf(scenario);
        blamed.answer([blames], false);
        expect(blamed.answer([blames], false)!.line.reaction).toBe("asks-for-manager");
        expect(blamed.ended).toBe(true);
      });

      it("each hint, sent as the reply, leads to a calmer customer", () => {
        for (const [id, line] of Object.entries(script.lines)) {
          if (!line.next) continue;
          const branch = chooseBranch(line, replySignals(shippedPacks, scenario.language, [line.hint!], false))!;
          expect(script.lines[branchTarget(branch)]!.reaction, `${id}: "${line.hint}"`).toBe("calms-down");
        }
      });

      it("a reply sent while the customer types is an interruption the opening's script answers", () => {
        const customer = customerOf(scenario);
        const answer = customer.answer([REPLIES[scenario.language]!.acknowledges], true)!;
        expect(answer.carried.has("interrupted")).toBe(true);
        expect(answer.line.reaction).toBe("repeats");
      });
    });
  }
});

describe("a scenario without a practice script", () => {
  it("plays its good variant's customer lines in order, the good agent's replies as hints", () => {
    const scenario = parseScenario({
      id: "late-parcel", title: "A late parcel", description: "", language: "en",
      variants: [
        { id: "poor", label: "Poor", events: [{ type: "turn", speaker: "customer", text: "Where is it?", at: 0 }] },
        { id: "good", label: "Good", events: [
          { type: "turn", speaker: "customer", text: "Where is my parcel?", at: 0 },
          { type: "turn", speaker: "agent", text: "I'm sorry it's late.", at: 3 },
          { type: "turn", speaker: "agent", text: "What is the order number?", at: 4 },
          { type: "turn", speaker: "customer", text: "A-1234.", at: 9 },
        ] },
      ],
    });
    const customer = customerOf(scenario);
    expect(customer.line).toEqual({ says: "Where is my parcel?", hint: "I'm sorry it's late. What is the order number?", next: [{ otherwise: true, goTo: "line-2" }] });
    expect(customer.answer(["As I said, wait."], false)!.line).toEqual({ says: "A-1234." });
    expect(customer.ended).toBe(true);
    expect(customer.answer(["Anything else?"], false)).toBeUndefined();
  });
});

it("a branch may key only the signals a reply can carry", () => {
  expect(REPLY_SIGNALS).toContain("interrupted");
  const lexicon = new Set(shippedPacks.packs.flatMap((pack) => Object.keys(pack.signals ?? {})));
  for (const signal of REPLY_SIGNALS.filter((s) => s !== "interrupted")) expect(lexicon, signal).toContain(signal);
});
