import { describe, expect, it } from "vitest";
import { compilePacks } from "../engine/index.js";
import { buildHandout, goodAgentAt } from "./handout.js";
import { scoreConversation } from "./replay.js";
import { parseScenario, variantConversation, type Scenario } from "./scenario.js";
import { shippedPacks, shippedScenarioFiles } from "./test-packs.js";

const scenario = (id: string): Scenario => parseScenario(shippedScenarioFiles().find((f) => f.file === `scenarios/${id}.json`)!.json);
const figure = (handout: ReturnType<typeof buildHandout>, id: string) => handout.figures.find((f) => f.id === id)!;

describe("the handout scorecard", () => {
  it("lists every nudge the engine raised, each with the agent's words and the good agent's at the same point", () => {
    const billing = scenario("en-billing-error");
    const poor = variantConversation(billing, "poor");
    const handout = buildHandout(shippedPacks, poor, variantConversation(billing, "good"));
    const { nudges } = scoreConversation(shippedPacks, poor);
    expect(handout.moments.map((m) => [m.rule, m.event, m.outcome])).toEqual(nudges.map((n) => [n.rule, n.event, n.outcome]));
    // Raised on the customer's opening line: the poor agent's reply to it, against the good agent's reply to the same line.
    const ack = handout.moments.find((m) => m.rule === "acknowledge-frustration")!;
    expect(ack.customer?.text).toBe(poor.events[0]!.type === "turn" ? poor.events[0]!.text : "");
    expect(ack.agent).toMatchObject({ event: 1, text: "Did you check your bank statement?" });
    expect(ack.good).toMatchObject({ event: 1, matchedBy: "customer-line" });
    expect(ack.good?.text).toMatch(/^Hello David, I'm sorry/);
    // Raised on a draft: the draft is the agent's words; the customer's later lines differ, so the same-numbered reply.
    const closed = handout.moments.find((m) => m.rule === "open-question")!;
    expect(closed.agent).toMatchObject({ event: 4, text: "Are you sure" });
    expect(closed.good).toMatchObject({ event: 3, matchedBy: "agent-turn" });
  });

  it("finds the good agent's reply to the same customer line, else its turn of the same number", () => {
    const good = variantConversation(scenario("en-vague-problem"), "good").events;
    expect(goodAgentAt(good, "It gets very hot after a few minutes and then the screen goes black.", 0, 0)).toMatchObject({ event: 3, matchedBy: "customer-line" });
    expect(goodAgentAt(good, "Not one of its lines", 0, 1)).toMatchObject({ event: 3, matchedBy: "agent-turn" });
    // More replies than the good agent gave: its last.
    expect(goodAgentAt(good, undefined, 0, 9)).toMatchObject({ event: 7, matchedBy: "agent-turn" });
    expect(goodAgentAt([], undefined, 0, 0)).toBeUndefined();
  });

  it("measures the listening figures against the good agent and the pack's thresholds", () => {
    const billing = scenario("en-billing-error");
    const handout = buildHandout(shippedPacks, variantConversation(billing, "poor"), variantConversation(billing, "good"));
    // The good agent acknowledges the annoyance at 8 s; the poor one never does. Replies: the poor one's 50, 17 and 10 s.
    expect(figure(handout, "acknowledgementDelay")).toMatchObject({ value: null, never: true, good: 8, met: false, target: { most: 30, rule: "respond-promptly", param: "seconds" } });
    expect(figure(handout, "longestReply")).toMatchObject({ value: 50, good: 8, met: false, target: { most: 30 } });
    expect(figure(handout, "medianReply")).toMatchObject({ value: 17, met: true });
    expect(figure(handout, "openQuestions")).toMatchObject({ value: 0, good: 1, target: undefined });
    // "Did you check…" then "Are you sure…": two closed questions in a row, where the open-question rule nudges at 2.
    expect(figure(handout, "closedInARow")).toMatchObject({ value: 2, good: 1, met: false, target: { most: 1, rule: "open-question", param: "count" } });
    expect(figure(handout, "interruptions")).toMatchObject({ value: 1, good: 0, met: false, target: { most: 0, rule: "dont-interrupt" } });
    // The talk-ratio rule is for calls: a chat's talk share has no target.
    expect(figure(handout, "talkShare").target).toBeUndefined();

    const call = scenario("en-angry-repeat-caller");
    const onCall = buildHandout(shippedPacks, variantConversation(call, "poor"), variantConversation(call, "good"));
    expect(figure(onCall, "talkShare")).toMatchObject({ met: false, target: { most: 0.65, rule: "talk-ratio", param: "threshold" } });
    expect(figure(onCall, "talkShare").value).toBeGreaterThan(0.65);
    expect(figure(onCall, "medianReply")).toMatchObject({ value: null, target: undefined });
  });

  it("takes the team's targets from the active pack: a team lead's changed threshold is the target", () => {
    const stricter = compilePacks(shippedPacks.packs, { rules: { "respond-promptly": { params: { seconds: 15 } } } });
    const vague = scenario("en-vague-problem");
    const handout = buildHandout(stricter, variantConversation(vague, "good"), variantConversation(vague, "good"));
    expect(figure(handout, "longestReply").target).toMatchObject({ most: 15 });
    const off = compilePacks(shippedPacks.packs, { rules: { "dont-interrupt": { enabled: false } } });
    expect(figure(buildHandout(off, variantConversation(vague, "poor"), variantConversation(vague, "good")), "interruptions")).toMatchObject({ value: null, target: undefined });
  });

  it("words three things to work on from the figures and the missed moments, the furthest off first", () => {
    const billing = scenario("en-billing-error");
    const handout = buildHandout(shippedPacks, variantConversation(billing, "poor"), variantConversation(billing, "good"));
    expect(handout.coaching).toHaveLength(3);
    expect(handout.coaching[0]).toMatchObject({ key: "coachNeverAcknowledged", about: "acknowledgementDelay" });
    // The acknowledgement's own missed nudge is not coached a second time.
    expect(handout.coaching.map((c) => c.about)).not.toContain("acknowledge-frustration");
    expect(buildHandout(shippedPacks, variantConversation(billing, "poor"), variantConversation(billing, "good"))).toEqual(handout);
    // The good agent against itself: nothing to work on.
    const good = buildHandout(shippedPacks, variantConversation(billing, "good"), variantConversation(billing, "good"));
    expect(good.coaching.map((c) => c.key)).toEqual(["coachKeepGoing"]);
  });

  it("every poor variant of the shipped scenarios gets coaching and its moments, in every language", () => {
    for (const { json } of shippedScenarioFiles()) {
      const s = parseScenario(json);
      const handout = buildHandout(shippedPacks, variantConversation(s, "poor"), variantConversation(s, "good"), s.language);
      expect(handout.moments.length, s.id).toBeGreaterThan(0);
      expect(handout.moments.every((m) => m.good), s.id).toBe(true);
      expect(handout.coaching.length, s.id).toBeGreaterThanOrEqual(2);
      expect(handout.coaching.every((c) => c.key !== "coachKeepGoing"), s.id).toBe(true);
    }
  });
});
