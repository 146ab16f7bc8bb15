import { z } from "zod";
import { ChannelSchema, LanguageSchema } from "./conversation.js";
import { SignalLexiconsSchema, SignalNameSchema } from "./signals/lexicon-schema.js";
import { ExampleSchema } from "./examples.js";
import { suggestionProblems } from "./suggestion-slots.js";

export const SeveritySchema = z.enum(["tip", "warn", "alert"]);

/** Text per language: { "en": "…", "it": "…" }. */
export const LocalizedSchema = z.record(LanguageSchema, z.string().min(1).max(400));

/** Text per language, in at least one: what a rule is called, what it coaches, why (a language missing falls back, rule-texts.ts). */
const SomeLanguagesSchema = LocalizedSchema.refine((m) => Object.keys(m).length > 0, "needs a text in at least one language, such as {\"en\": \"…\"}");

export const RuleIdSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, "a rule id in kebab-case such as \"open-question\"");

/** What decides a raised nudge's outcome: the other party's next turn carrying (or not) one of these signals. */
export const OutcomeSchema = z.strictObject({
  speaker: z.enum(["agent", "customer"]).default("agent"),
  /** Followed when the speaker's next turn carries one of these. */
  followedIf: z.array(SignalNameSchema).min(1),
  /** Where given, only turns carrying a followedIf or missedIf signal decide; others are passed over. */
  missedIf: z.array(SignalNameSchema).optional(),
});

export const RuleSchema = z.strictObject({
  id: RuleIdSchema,
  kind: z.string().min(1),
  /** The rule's name as people read it ("Acknowledge frustration"), per language; without one, the id stands for it. */
  name: SomeLanguagesSchema.optional(),
  /** What it coaches: one sentence, or one per language ({"en": "…", "it": "…"}). */
  description: z.union([z.string().min(1), SomeLanguagesSchema]),
  /** Why it coaches that: one line from the practice it comes from, per language. */
  why: SomeLanguagesSchema.optional(),
  severity: SeveritySchema,
  enabled: z.boolean().default(true),
  channels: z.array(ChannelSchema).min(1).default(["chat", "call"]),
  message: LocalizedSchema.refine((m) => "en" in m, "needs at least an English (\"en\") message"),
  /** What to say, per language; may name slots such as {customerName} (suggestion-slots.ts). */
  suggestion: LocalizedSchema.refine((m) => "en" in m, "needs at least an English (\"en\") suggestion"),
  /** Per language whose suggestion has a slot: the same suggestion with no slot, said when a slot is not known. */
  suggestionFallback: LocalizedSchema.optional(),
  cooldownSeconds: z.number().min(0).max(3600).default(0),
  maxPerConversation: z.number().int().min(1).max(100).optional(),
  priority: z.number().default(0),
  /** Kind-specific settings, validated by the kind. */
  params: z.record(z.string(), z.unknown()).default({}),
  outcome: OutcomeSchema.optional(),
  examples: z.array(ExampleSchema).default([]),
}).superRefine((rule, ctx) => {
  for (const { path, message } of suggestionProblems(rule.suggestion, rule.suggestionFallback)) ctx.addIssue({ code: "custom", path, message });
});
export type Rule = z.infer<typeof RuleSchema>;

export const PackSchema = z.strictObject({
  $schema: z.string().optional(),
  id: RuleIdSchema,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "a version such as \"1.0.0\""),
  description: z.string().min(1),
  languages: z.array(LanguageSchema).min(1),
  signals: SignalLexiconsSchema.default({}),
  rules: z.array(RuleSchema).default([]),
});
export type Pack = z.infer<typeof PackSchema>;
export type PackInput = z.input<typeof PackSchema>;

/**
 * Set by build.mjs on the shipped packs it validated while building the extension, so that compilePacks takes them as
 * they are: validating them again would cost every worker start ~40 ms. A symbol, so that no pack read from JSON or
 * received in a message can carry it.
 */
export const VALIDATED_AT_BUILD = Symbol.for("attune.validated-at-build");

export function isValidatedAtBuild(input: unknown): input is Pack {
  return typeof input === "object" && input !== null && (input as Record<symbol, unknown>)[VALIDATED_AT_BUILD] === true;
}
export { SignalNameSchema };
