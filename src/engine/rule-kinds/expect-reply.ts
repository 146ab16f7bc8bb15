import { z } from "zod";
import { defineRuleKind } from "./registry.js";
import { signalHelpers } from "./rule-kind.js";

const { has } = signalHelpers;

/** After signal X from one speaker, expect signal Y from the other in their next turn: followed or missed. */
export default defineRuleKind({
  id: "expect-reply",
  params: z.strictObject({
    when: z.strictObject({ speaker: z.enum(["agent", "customer"]), anyOf: z.array(z.string()).min(1) }),
    expect: z.strictObject({ anyOf: z.array(z.string()).min(1) }),
  }),
  create: (p) => ({
    init: () => ({}),
    onTurn(_state, view) {
      if (view.kind !== "turn" || view.speaker !== p.when.speaker || !has(view.signals, p.when.anyOf)) return undefined;
      return { event: view.index, at: view.at };
    },
  }),
  raisedBy: (p) => p.when.anyOf,
  outcome: (p) => ({ speaker: p.when.speaker === "customer" ? "agent" : "customer", followedIf: p.expect.anyOf }),
});
