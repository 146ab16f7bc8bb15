import { z } from "zod";
import { ChannelSchema, ConversationEventSchema, LanguageSchema, type ConversationInput } from "../engine/conversation.js";
import { formatIssues, ValidationError } from "../engine/validation-errors.js";
import { PracticeScriptSchema, scriptProblems } from "./practice-script.js";

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "lowercase letters, digits and dashes, such as \"poor\"");
const Seconds = z.number().finite().nonnegative();

/** One way the conversation can go: the agent's side (and the customer's reactions to it), in the engine's events. */
export const VariantSchema = z.strictObject({
  id: Id,
  /** What the trainer page calls it: "Good agent", "Poor agent", "Practice, 2 Dec". */
  label: z.string().min(1).max(80),
  events: z.array(ConversationEventSchema).min(1),
  endAt: Seconds.optional(),
});

/**
 * A trainer's scenario: the engine's conversation format (language, channel, customer name, events) plus a title, a
 * description and variants — the same customer with a good agent and with a poor agent, and optionally more.
 */
export const ScenarioSchema = z
  .strictObject({
    id: Id,
    title: z.string().min(1).max(120),
    description: z.string().max(2000),
    language: LanguageSchema,
    channel: ChannelSchema.default("chat"),
    customerName: z.string().min(1).max(200).optional(),
    /** Where the situation comes from (a source article, a real practice). */
    source: z.string().max(300).optional(),
    variants: z.array(VariantSchema).min(1).max(12),
    /** The customer in practice mode, reacting to the trainee's replies. Without it, practice plays a variant's customer lines. */
    practice: PracticeScriptSchema.optional(),
  })
  .superRefine((scenario, ctx) => {
    const seen = new Set<string>();
    scenario.variants.forEach((variant, v) => {
      if (seen.has(variant.id)) ctx.addIssue({ code: "custom", path: ["variants", v, "id"], message: `variant "${variant.id}" is defined twice`, params: { problem: "duplicate-variant", values: [variant.id] } });
      seen.add(variant.id);
      variant.events.forEach((event, e) => {
        const before = variant.events[e - 1];
        if (before && event.at < before.at) ctx.addIssue({ code: "custom", path: ["variants", v, "events", e, "at"], message: `events must be in time order: ${event.at} s comes after ${before.at} s`, params: { problem: "time-order", values: [String(event.at), String(before.at)] } });
      });
      const last = variant.events.at(-1)!.at;
      if (variant.endAt !== undefined && variant.endAt < last) ctx.addIssue({ code: "custom", path: ["variants", v, "endAt"], message: `the end (${variant.endAt} s) comes before the last event (${last} s)`, params: { problem: "end-early", values: [String(variant.endAt), String(last)] } });
    });
    if (scenario.practice) for (const { path, message, code, values } of scriptProblems(scenario.practice)) ctx.addIssue({ code: "custom", path: ["practice", ...path], message, params: { problem: code, values } });
  });

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Variant = z.infer<typeof VariantSchema>;

/** Validates a scenario; every problem at once, each naming the file, the JSON path and what was expected. */
export function parseScenario(input: unknown, file = "scenario"): Scenario {
  const parsed = ScenarioSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(formatIssues(file, parsed.error));
  return parsed.data;
}

/** A variant as the engine's conversation input. */
export function variantConversation(scenario: Scenario, variantId: string): ConversationInput {
  const variant = scenario.variants.find((v) => v.id === variantId);
  if (!variant) throw new Error(`scenario ${scenario.id} has no variant "${variantId}"`);
  return {
    language: scenario.language,
    channel: scenario.channel,
    ...(scenario.customerName ? { customerName: scenario.customerName } : {}),
    events: variant.events,
    ...(variant.endAt !== undefined ? { endAt: variant.endAt } : {}),
  };
}

/** The published JSON Schema of scenarios (docs/scenario.schema.json), generated from the zod schema. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return { title: "Attune trainer scenario", ...z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" }) };
}
