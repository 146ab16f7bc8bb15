import { z } from "zod";
import { defineRuleKind } from "./registry.js";
import { signalHelpers } from "./rule-kind.js";

const { has } = signalHelpers;

interface State {
  count: number;
  /** The reply whose draft raised the rule: its sent turn neither counts nor raises again. */
  raisedReply: number;
}

/**
 * N turns in a row of a speaker carrying a signal. Turns without it neither count nor reset; a `resetOn` signal
 * resets. The count restarts after raising; when the engine cannot raise (cooldown), the count is kept.
 */
export default defineRuleKind({
  id: "consecutive",
  params: z.strictObject({
    speaker: z.enum(["agent", "customer"]),
    signal: z.string(),
    count: z.number().int().min(1).max(50),
    unless: z.array(z.string()).default([]),
    resetOn: z.array(z.string()).default([]),
    drafts: z.boolean().default(false),
  }),
  create: (p) => ({
    init: (): State => ({ count: 0, raisedReply: -1 }),
    onTurn(state: State, view, ctx) {
      if (view.speaker !== p.speaker) return undefined;
      const counts = view.signals.has(p.signal) && !has(view.signals, p.unless);
      const resets = has(view.signals, p.resetOn);
      if (view.kind === "draft") {
        if (!p.drafts || !counts || resets || state.count + 1 < p.count || !ctx.canRaise(view.at, view)) return undefined;
        state.count = 0;
        state.raisedReply = view.reply;
        return { event: view.index, at: view.at };
      }
      if (view.reply === state.raisedReply) return undefined;
      if (resets) {
        state.count = 0;
        return undefined;
      }
      if (!counts) return undefined;
      state.count += 1;
      if (state.count < p.count || !ctx.canRaise(view.at, view)) return undefined;
      state.count = 0;
      return { event: view.index, at: view.at };
    },
  }),
  raisedBy: (p) => [p.signal],
});
