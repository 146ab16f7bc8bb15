import { z } from "zod";
import { defineRuleKind } from "./registry.js";
import { signalHelpers } from "./rule-kind.js";

const { has } = signalHelpers;

interface State {
  said: boolean;
  decided: boolean;
}

/**
 * At a trigger (a signal, or the speaker's Nth turn), something the speaker has not said yet in the conversation (this
 * turn included): thanks, a next step, the customer's name. Drafts are not turns here.
 */
export default defineRuleKind({
  id: "not-yet-said",
  params: z.strictObject({
    speaker: z.enum(["agent", "customer"]).default("agent"),
    trigger: z.strictObject({ anyOf: z.array(z.string()).optional(), turnNumber: z.number().int().min(1).max(50).optional() })
      .refine((t) => t.anyOf?.length || t.turnNumber, "needs anyOf or turnNumber"),
    said: z.array(z.string()).min(1),
    /** Decide at the first trigger only, raised or not. */
    once: z.boolean().default(false),
    minCustomerWords: z.number().int().min(0).max(500).default(0),
    requiresCustomerName: z.boolean().default(false),
  }),
  create: (p) => ({
    init: (): State => ({ said: false, decided: false }),
    onTurn(state: State, view, ctx) {
      if (view.kind !== "turn" || view.speaker !== p.speaker) return undefined;
      if (has(view.signals, p.said)) state.said = true;
      const triggered = has(view.signals, p.trigger.anyOf) || (p.trigger.turnNumber !== undefined && view.agentTurns === p.trigger.turnNumber);
      if (!triggered || state.decided) return undefined;
      if (p.once) state.decided = true;
      if (p.requiresCustomerName && !ctx.facts.customerNameKnown) return undefined;
      if (ctx.facts.customerWords < p.minCustomerWords || state.said) return undefined;
      return { event: view.index, at: view.at };
    },
  }),
  raisedBy: (p) => p.trigger.anyOf ?? [],
});
