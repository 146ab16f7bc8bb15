import { z } from "zod";
import { defineRuleKind } from "./registry.js";

interface State {
  /** The first turn of the waiting party since the other last spoke. */
  since?: { index: number; at: number } | undefined;
  fired: boolean;
}

/** A speaker's turn left unanswered for N seconds: once per run of unanswered turns. Drafts are not answers. */
export default defineRuleKind({
  id: "no-reply-within",
  params: z.strictObject({
    speaker: z.enum(["agent", "customer"]),
    seconds: z.number().min(1).max(3600),
  }),
  create: (p) => ({
    init: (): State => ({ fired: false }),
    onTurn(state: State, view) {
      if (view.kind !== "turn") return undefined;
      if (view.speaker !== p.speaker) {
        state.since = undefined;
        state.fired = false;
      } else if (!state.since) {
        state.since = { index: view.index, at: view.at };
      }
      return undefined;
    },
    dueAt: (state: State) => (state.since && !state.fired ? state.since.at + p.seconds : undefined),
    onDue(state: State) {
      state.fired = true;
      return state.since ? { event: state.since.index, at: state.since.at + p.seconds } : undefined;
    },
  }),
});
