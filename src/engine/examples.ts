import { z } from "zod";
import { ChannelSchema, ConversationEventSchema, LanguageSchema, type ConversationEvent } from "./conversation.js";

/**
 * A compact line for examples and pasted transcripts:
 *   "customer: My order never arrived."        a turn, 5 s after the previous event
 *   "agent @12-14.5: I'm so sorry."            a turn at 12 s that ended at 14.5 s (calls)
 *   "typing @4-9"                               the customer typing from 4 s to 9 s
 *   "draft @10: Did you check"                 the agent's unsent reply so far
 */
const LINE = /^\s*(customer|agent|typing|draft)\s*(?:@\s*(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?)?\s*(?::\s*(.*))?$/i;
const DEFAULT_GAP = 5;

export function parseLine(line: string, previousAt: number | undefined): ConversationEvent | string {
  const match = LINE.exec(line);
  if (!match) return `expected "customer: …", "agent @12: …", "typing @4-9" or "draft @10: …"`;
  const [, who, atText, endText, text] = match;
  const kind = who!.toLowerCase();
  const at = atText !== undefined ? Number(atText) : previousAt === undefined ? 0 : previousAt + DEFAULT_GAP;
  const end = endText !== undefined ? Number(endText) : undefined;
  if (kind === "typing") return { type: "typing", speaker: "customer", at, ...(end !== undefined ? { until: end } : {}) };
  if (text === undefined) return `"${kind}" needs its text after a colon`;
  if (kind === "draft") return { type: "draft", text, at };
  return { type: "turn", speaker: kind as "agent" | "customer", text, at, ...(end !== undefined ? { end } : {}) };
}

/** Lines (or full events) to events, each line's time defaulting to 5 s after the one before. */
export function expandEvents(lines: ReadonlyArray<string | ConversationEvent>): { events: ConversationEvent[]; errors: Array<{ index: number; message: string }> } {
  const events: ConversationEvent[] = [];
  const errors: Array<{ index: number; message: string }> = [];
  lines.forEach((line, index) => {
    const event = typeof line === "string" ? parseLine(line, events.at(-1)?.at) : line;
    if (typeof event === "string") errors.push({ index, message: event });
    else events.push(event);
  });
  return { events, errors };
}

const ExampleLine = z.union([z.string(), ConversationEventSchema]);

/**
 * A rule's own test: a small conversation, and the events at which the rule must be raised (none: must stay quiet),
 * each with, where given, its outcome, its suggestion as said (slots filled) and the words that raised it.
 */
export const ExampleSchema = z
  .strictObject({
    name: z.string().optional(),
    language: LanguageSchema,
    channel: ChannelSchema.default("chat"),
    customerName: z.string().optional(),
    endAt: z.number().nonnegative().optional(),
    events: z.array(ExampleLine).min(1),
    raises: z.array(z.strictObject({
      event: z.number().int().nonnegative(),
      outcome: z.enum(["open", "followed", "missed"]).optional(),
      suggestion: z.string().optional(),
      because: z.array(z.string()).optional(),
    })),
  })
  .superRefine((example, ctx) => {
    for (const { index, message } of expandEvents(example.events).errors) {
      ctx.addIssue({ code: "custom", path: ["events", index], message });
    }
  });
export type Example = z.infer<typeof ExampleSchema>;
