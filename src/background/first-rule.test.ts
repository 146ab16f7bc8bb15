import { describe, expect, it } from "vitest";
import { createFirstRuleCoach } from "./first-rule.js";

const ref = { key: "default", adapter: "generic", channel: "chat" as const };

describe("the first rule", () => {
  it("asks to acknowledge a frustrated customer, and marks it followed when the agent does", () => {
    const coach = createFirstRuleCoach(ref);
    expect(coach.push({ type: "turn", speaker: "customer", text: "My order is late.", at: 0 }).raised).toEqual([]);
    const raised = coach.push({ type: "turn", speaker: "customer", text: "This is the third time I'm asking, I'm fed up!", at: 5 }).raised;
    expect(raised).toMatchObject([{ rule: "acknowledge-frustration", event: 1, at: 5, outcome: "open" }]);
    const { resolved } = coach.push({ type: "turn", speaker: "agent", text: "I'm so sorry, that must be frustrating.", at: 9 });
    expect(resolved).toMatchObject([{ rule: "acknowledge-frustration", event: 1, outcome: "followed" }]);
  });

  it("marks it missed when the agent's next turn goes straight to the fix", () => {
    const coach = createFirstRuleCoach(ref);
    coach.push({ type: "turn", speaker: "customer", text: "This is ridiculous!!!", at: 0 });
    expect(coach.push({ type: "turn", speaker: "agent", text: "Can I have your order number?", at: 3 }).resolved)
      .toMatchObject([{ outcome: "missed" }]);
  });

  it("resumes from a snapshot with the same state", () => {
    const coach = createFirstRuleCoach(ref);
    coach.push({ type: "turn", speaker: "customer", text: "I'm furious", at: 0 });
    const resumed = createFirstRuleCoach(ref, JSON.parse(JSON.stringify(coach.snapshot())));
    expect(resumed.push({ type: "turn", speaker: "agent", text: "I understand, I'm sorry.", at: 2 }).resolved)
      .toMatchObject([{ event: 0, outcome: "followed" }]);
    expect(resumed.nudges()).toHaveLength(1);
  });
});
