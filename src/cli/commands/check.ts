import { z } from "zod";
import type { ConversationEvent } from "../../engine/conversation.js";
import { runConversation, type Nudge } from "../../engine/index.js";
import { formatIssues } from "../../engine/validation-errors.js";
import { parseArgs } from "../args.js";
import { CliError } from "../cli-error.js";
import { loadConversation, loadPacks, readJson } from "../load.js";

export const usage = "attune check FILE… [--pack PATH]… [--overrides FILE] [--lang CODE] [--json | --expect]";

/** What a conversation file says it must raise (`--expect`): each nudge's rule, event and, optionally, outcome. */
const ExpectedSchema = z.object({
  expect: z.array(z.strictObject({ rule: z.string(), event: z.number().int().nonnegative(), outcome: z.enum(["open", "followed", "missed"]).optional() })),
});
type Expected = z.infer<typeof ExpectedSchema>["expect"][number];

/**
 * Runs conversation files through the engine and prints the nudges raised; with `--expect`, compares them with each
 * file's `expect` list instead and fails on any difference.
 */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, ["pack", "overrides", "lang"], ["json", "expect"]);
  if (!args.positional.length) {
    out(`usage: ${usage}`);
    return 2;
  }
  const { compiled } = await loadPacks(args.options.get("pack") ?? [], args.options.get("overrides")?.[0]);
  const language = args.options.get("lang")?.[0];
  let failed = 0;
  for (const file of args.positional) {
    const conversation = loadConversation(file);
    const lang = language ?? conversation.language;
    const nudges = runConversation(compiled, conversation, { ...(lang ? { language: lang, interfaceLanguage: lang } : {}) });
    if (args.flags.has("expect")) {
      if (!compareExpected(file, nudges, out)) failed++;
    } else if (args.flags.has("json")) {
      out(JSON.stringify({
        file,
        language: lang ?? "en",
        nudges: nudges.map(({ rule, event, at, severity, message, outcome }) => ({ rule, event, at, severity, message, outcome })),
      }));
    } else {
      printTranscript(file, conversation.events, nudges, out);
    }
  }
  if (args.flags.has("expect")) out(`${args.positional.length - failed} as expected, ${failed} not`);
  return failed ? 1 : 0;
}

/** Prints `ok` or what differs between the file's `expect` list and the nudges raised; true when they agree. */
export function compareExpected(file: string, nudges: readonly Nudge[], out: (line: string) => void): boolean {
  const parsed = ExpectedSchema.safeParse(readJson(file));
  if (!parsed.success) throw new CliError(formatIssues(file, parsed.error).join("\n"));
  const matches = (want: Expected, got: Nudge) => want.rule === got.rule && want.event === got.event && (want.outcome === undefined || want.outcome === got.outcome);
  const unmatched = [...nudges];
  const missing = parsed.data.expect.filter((want) => {
    const at = unmatched.findIndex((got) => matches(want, got));
    if (at < 0) return true;
    unmatched.splice(at, 1);
    return false;
  });
  if (!missing.length && !unmatched.length) {
    out(`ok   ${file}: ${nudges.length} nudge${nudges.length === 1 ? "" : "s"} as expected`);
    return true;
  }
  out(`FAIL ${file}`);
  for (const want of missing) out(`     expected ${want.rule} at event ${want.event}${want.outcome ? ` (${want.outcome})` : ""}, not raised`);
  for (const got of unmatched) out(`     raised ${got.rule} at event ${got.event} (${got.outcome}), not expected`);
  return false;
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
