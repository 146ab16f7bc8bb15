import { z } from "zod";
import { defineRuleKind } from "./registry.js";

interface State {
  typing?: { at: number; until: number } | undefined;
  lastCustomerEnd?: number | undefined;
}

/**
 * The agent replies or drafts over the customer: in chat while the customer is typing; in calls starting before the
 * customer's previous turn has ended.
 */
export default defineRuleKind({
  id: "overlap",
  judgesUnreadTurns: true,
  params: z.strictObject({
    /** A typing indicator without an end lasts this long, or until the customer's next turn. */
    typingSeconds: z.number().min(1).max(120).default(10),
    drafts: z.boolean().default(true),
  }),
  create: (p) => ({
    init: (): State => ({}),
    onTyping(state: State, view) {
      if (view.speaker === "customer") state.typing = { at: view.at, until: view.until ?? view.at + p.typingSeconds };
    },
    onTurn(state: State, view, ctx) {
      if (view.speaker === "customer") {
        if (view.kind === "turn") {
          state.typing = undefined;
          state.lastCustomerEnd = view.end;
        }
        return undefined;
      }
      if (view.kind === "draft" && !p.drafts) return undefined;
      const over = ctx.facts.channel === "chat"
        ? !!state.typing && state.typing.at <= view.at && view.at < state.typing.until
        : state.lastCustomerEnd !== undefined && view.at < state.lastCustomerEnd;
      return over ? { event: view.index, at: view.at } : undefined;
    },
  }),
});
