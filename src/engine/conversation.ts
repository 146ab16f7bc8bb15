import { z } from "zod";

/** Who said it. The engine never needs more roles than these two. */
export const SpeakerSchema = z.enum(["agent", "customer"]);
export type Speaker = z.infer<typeof SpeakerSchema>;

export const ChannelSchema = z.enum(["chat", "call"]);
export type Channel = z.infer<typeof ChannelSchema>;

/** Seconds from the start of the conversation. */
const Seconds = z.number().finite().nonnegative();

export const TurnEventSchema = z.strictObject({
  type: z.literal("turn"),
  speaker: SpeakerSchema,
  text: z.string(),
  at: Seconds,
  /** When a spoken turn finished; only calls have it. */
  end: Seconds.optional(),
  /**
   * How many words were spoken, where no text says: a call heard from its audio has timing but no words (`text` is
   * empty), and this estimate (from the syllables heard) is what its pace and talk share are measured on.
   */
  words: z.number().int().nonnegative().optional(),
});

export const TypingEventSchema = z.strictObject({
  type: z.literal("typing"),
  speaker: SpeakerSchema,
  at: Seconds,
  until: Seconds.optional(),
});

/** The agent's unsent reply as typed so far. */
export const DraftEventSchema = z.strictObject({
  type: z.literal("draft"),
  text: z.string(),
  at: Seconds,
});

export const ConversationEventSchema = z.discriminatedUnion("type", [
  TurnEventSchema,
  TypingEventSchema,
  DraftEventSchema,
]);

export type TurnEvent = z.infer<typeof TurnEventSchema>;
export type TypingEvent = z.infer<typeof TypingEventSchema>;
export type DraftEvent = z.infer<typeof DraftEventSchema>;
export type ConversationEvent = z.infer<typeof ConversationEventSchema>;

/** Primary BCP 47 language subtag, such as "en" or "fa". */
export const LanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, "a primary language subtag such as \"en\"");

/** The one input format: conversation files, trainer scenarios, tests and previews. Unknown top-level fields are ignored. */
export const ConversationSchema = z.object({
  language: LanguageSchema.optional(),
  channel: ChannelSchema.default("chat"),
  customerName: z.string().min(1).optional(),
  events: z.array(ConversationEventSchema),
  endAt: Seconds.optional(),
});

export type Conversation = z.infer<typeof ConversationSchema>;
export type ConversationInput = z.input<typeof ConversationSchema>;
