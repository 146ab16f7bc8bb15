import { ConversationSchema } from "../engine/conversation.js";
import { formatIssues } from "../engine/validation-errors.js";
import { MAX_JSON_DEPTH, parseJsonText } from "./json-file.js";

// Transcripts a person hands Attune to learn from (`attune suggest`, the options page's suggested phrases), read the
// same way by both: a conversation in the engine's JSON, labelled lines (`text<TAB>label`, as `attune eval` reads), or
// plain lines, one utterance each.

/** Whether a line's labels ("complaint.error,frustration") carry the signal, named whole or by its last part. */
export function carries(labels: string, signal: string): boolean {
  const name = signal.split(".").at(-1)!;
  return labels.split(",").some((l) => l.trim() === name || l.trim() === signal);
}

/** Labelled lines (`text<TAB>label`, no header), or the first line that is not one, named `name:line`. */
export function parseLabelled(name: string, text: string): { rows: Array<{ text: string; label: string }> } | { problem: string } {
  const rows: Array<{ text: string; label: string }> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const tab = line.lastIndexOf("\t");
    if (tab < 0) return { problem: `${name}:${i + 1}: expected text<TAB>label` };
    rows.push({ text: line.slice(0, tab), label: line.slice(tab + 1).trim() });
  }
  return { rows };
}

/** A transcript's kind, by its name's ending: `.json` a conversation, `.tsv` labelled lines, anything else plain lines. */
export const TRANSCRIPT_EXTENSIONS = [".json", ".tsv", ".txt"] as const;

/**
 * The utterances of a transcript file, with, for labelled lines, whether each carries `signal`: a conversation's turns,
 * labelled lines, or plain lines. Problems name the file.
 */
export function transcriptUtterances(name: string, text: string, signal: string): { utterances: Array<{ text: string; positive?: boolean }> } | { problems: string[] } {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) {
    const parsed = parseJsonText(text);
    if (!parsed.ok) return { problems: [`${name}: ${parsed.problem === "too-deep" ? `nested more than ${MAX_JSON_DEPTH} deep` : `invalid JSON (${parsed.detail})`}`] };
    const conversation = ConversationSchema.safeParse(parsed.json);
    if (!conversation.success) return { problems: formatIssues(name, conversation.error) };
    return { utterances: conversation.data.events.flatMap((e) => (e.type === "turn" && e.text.trim() ? [{ text: e.text }] : [])) };
  }
  if (lower.endsWith(".tsv")) {
    const labelled = parseLabelled(name, text);
    if ("problem" in labelled) return { problems: [labelled.problem] };
    return { utterances: labelled.rows.map((r) => ({ text: r.text, positive: carries(r.label, signal) })) };
  }
  return { utterances: text.split(/\r?\n/).filter((line) => line.trim()).map((line) => ({ text: line })) };
}
