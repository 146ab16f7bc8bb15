import { z } from "zod";
import { defineRuleKind } from "./registry.js";
import { signalHelpers } from "./rule-kind.js";

const { has } = signalHelpers;

/** A speaker's turn (or draft) carries the signal(s), except where an exception signal is there too. */
export default defineRuleKind({
  id: "on-signal",
  params: z.strictObject({
    speaker: z.enum(["agent", "customer"]),
    anyOf: z.array(z.string()).min(1),
    allOf: z.array(z.string()).default([]),
    unless: z.array(z.string()).default([]),
    drafts: z.boolean().default(false),
  }),
  create: (p) => ({
    init: () => ({}),
    onTurn(_state, view) {
      if (view.speaker !== p.speaker || (view.kind === "draft" && !p.drafts)) return undefined;
      const carries = has(view.signals, p.anyOf) && p.allOf.every((s) => view.signals.has(s)) && !has(view.signals, p.unless);
      return carries ? { event: view.index, at: view.at } : undefined;
    },
  }),
  raisedBy: (p) => [...p.anyOf, ...p.allOf],
});
