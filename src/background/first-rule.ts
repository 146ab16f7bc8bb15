import type { ConversationEvent } from "../engine/conversation.js";
import type { EngineStep, Nudge } from "../engine/nudge.js";
import type { Coach, CoachFactory } from "./coach.js";

// The first rule, standing in for the rule engine until it lands behind the same Coach seam: a customer's frustration
// in English asks the agent to acknowledge it, and the agent's next turn decides whether they did.

const FRUSTRATION = /\b(frustrat\w*|fed up|furious|angry|annoyed|ridiculous|unacceptable|sick of|third time|fourth time|again and again|waste of (my )?time)\b|!!!/i;
const ACKNOWLEDGEMENT = /\b(sorry|apolog\w*|understand|frustrat\w*|annoying|must be|i hear you)\b/i;

interface State {
  events: number;
  nudges: Nudge[];
}

function firstRule(state: State): Coach {
  return {
    push(event: ConversationEvent): EngineStep {
      const index = state.events++;
      const step: EngineStep = { raised: [], resolved: [] };
      if (event.type !== "turn") return step;
      const waiting = state.nudges.find((n) => n.outcome === "open");
      if (event.speaker === "agent" && waiting) {
        waiting.outcome = ACKNOWLEDGEMENT.test(event.text) ? "followed" : "missed";
        step.resolved.push({ ...waiting });
      }
      if (event.speaker === "customer" && FRUSTRATION.test(event.text) && !waiting) {
        const nudge: Nudge = {
          rule: "acknowledge-frustration",
          pack: "first-rule",
          event: index,
          at: event.at,
          severity: "warn",
          priority: 80,
          message: "Acknowledge the frustration first",
          suggestion: "e.g. “I'm sorry you've had to chase this — let's sort it out now.”",
          outcome: "open",
        };
        state.nudges.push(nudge);
        step.raised.push({ ...nudge });
      }
      return step;
    },
    nudges: () => state.nudges.map((n) => ({ ...n })),
    snapshot: () => structuredClone(state),
  };
}

export const createFirstRuleCoach: CoachFactory = (_ref, snapshot) =>
  firstRule(snapshot ? structuredClone(snapshot as State) : { events: 0, nudges: [] });
