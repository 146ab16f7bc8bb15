import { expandEvents } from "../../engine/examples.js";
import { runConversation } from "../../engine/index.js";
import { parseArgs } from "../args.js";
import { loadPacks } from "../load.js";

export const usage = "attune test-rules [PACK…]";

/**
 * Runs every rule's own examples (LanguageTool style): each must raise its rule at exactly the events listed, with
 * the outcomes listed, and nothing else. The lexicons of every pack given (default: the shipped ones) are loaded.
 */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, [], []);
  const { compiled } = loadPacks(args.positional);
  let passed = 0;
  let failed = 0;
  for (const pack of compiled.packs) {
    for (const rule of pack.rules) {
      rule.examples.forEach((example, i) => {
        const { events } = expandEvents(example.events);
        const nudges = runConversation(compiled, {
          language: example.language,
          channel: example.channel,
          ...(example.customerName ? { customerName: example.customerName } : {}),
          ...(example.endAt !== undefined ? { endAt: example.endAt } : {}),
          events,
        }).filter((n) => n.rule === rule.id);
        const got = nudges.map((n) => ({ event: n.event, outcome: n.outcome }));
        const ok = got.length === example.raises.length
          && example.raises.every((want, k) => got[k]?.event === want.event && (want.outcome === undefined || got[k]?.outcome === want.outcome));
        if (ok) {
          passed++;
          return;
        }
        failed++;
        const describe = (list: ReadonlyArray<{ event: number; outcome?: string | undefined }>) =>
          list.length ? list.map((r) => `event ${r.event}${r.outcome ? ` (${r.outcome})` : ""}`).join(", ") : "nothing";
        out(`FAIL ${pack.id}/${rule.id} example ${i + 1} [${example.language}${example.name ? `: ${example.name}` : ""}]`);
        for (const line of example.events) out(`       ${typeof line === "string" ? line : JSON.stringify(line)}`);
        out(`     expected ${describe(example.raises)}; raised ${describe(got)}`);
      });
    }
  }
  out(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
