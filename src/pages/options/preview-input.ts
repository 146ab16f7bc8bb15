import { ConversationSchema, expandEvents, formatIssues, type Conversation } from "../../engine/index.js";

/**
 * What the team lead pasted into the preview: a conversation in the engine's JSON format, or plain lines such as
 * "Customer: My order is late" / "Agent: I'm sorry" (each 5 s after the one before unless "@12" says when).
 */
export function parsePreviewInput(text: string): { conversation: Conversation } | { problems: string[] } {
  const trimmed = text.trim();
  if (!trimmed) return { problems: [] };
  if (trimmed.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      return { problems: [`conversation: not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
    }
    const parsed = ConversationSchema.safeParse(json);
    return parsed.success ? { conversation: parsed.data } : { problems: formatIssues("conversation", parsed.error) };
  }
  const lines = trimmed.split("\n").filter((line) => line.trim());
  const { events, errors } = expandEvents(lines);
  if (errors.length) return { problems: errors.map((e) => `line ${e.index + 1}: ${e.message}`) };
  return { conversation: ConversationSchema.parse({ events }) };
}
