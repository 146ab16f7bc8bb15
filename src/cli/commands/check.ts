import type { ConversationEvent } from "../../engine/conversation.js";
import { runConversation, type Nudge } from "../../engine/index.js";
import { parseArgs } from "../args.js";
import { loadConversation, loadPacks } from "../load.js";

export const usage = "attune check FILE… [--pack PATH]… [--overrides FILE] [--lang CODE] [--json]";

/** Runs conversation files through the engine and prints the nudges raised. */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, ["pack", "overrides", "lang"], ["json"]);
  if (!args.positional.length) {
    out(`usage: ${usage}`);
    return 2;
  }
  const { compiled } = loadPacks(args.options.get("pack") ?? [], args.options.get("overrides")?.[0]);
  const language = args.options.get("lang")?.[0];
  for (const file of args.positional) {
    const conversation = loadConversation(file);
    const lang = language ?? conversation.language;
    const nudges = runConversation(compiled, conversation, { ...(lang ? { language: lang, interfaceLanguage: lang } : {}) });
    if (args.flags.has("json")) {
      out(JSON.stringify({
        file,
        language: lang ?? "en",
        nudges: nudges.map(({ rule, event, at, severity, message, outcome }) => ({ rule, event, at, severity, message, outcome })),
      }));
    } else {
      printTranscript(file, conversation.events, nudges, out);
    }
  }
  return 0;
}

function printTranscript(file: string, events: readonly ConversationEvent[], nudges: readonly Nudge[], out: (line: string) => void): void {
  out(`${file}`);
  events.forEach((event, index) => {
    const time = `${event.at.toFixed(1).padStart(6)}s`;
    const what = event.type === "typing" ? `(customer typing${event.until !== undefined ? ` until ${event.until}s` : ""})`
      : event.type === "draft" ? `agent (draft): ${event.text}`
      : `${event.speaker}: ${event.text}`;
    out(`  [${index}] ${time}  ${what}`);
    for (const n of nudges.filter((n) => n.event === index)) {
      out(`         ↳ ${n.severity.toUpperCase()} ${n.rule}${n.at !== event.at ? ` (at ${n.at}s)` : ""}: ${n.message} — ${n.suggestion} [${n.outcome}]`);
    }
  });
  out(`  ${nudges.length} nudge${nudges.length === 1 ? "" : "s"}`);
}
