import { describeRaises, runRuleExamples } from "../../engine/rule-examples.js";
import { runSignalExamples } from "../../engine/signal-examples.js";
import { parseArgs } from "../args.js";
import { loadPacks } from "../load.js";

export const usage = "attune test-rules [PACK…]";

/**
 * Runs every rule's own examples (LanguageTool style): each must raise its rule at exactly the events listed, with
 * the outcomes listed, and nothing else; and every lexicon's examples: utterances that must, or must not, carry its
 * signal. The lexicons of every pack given (default: the shipped ones) are loaded.
 */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, [], []);
  const { compiled } = await loadPacks(args.positional);
  const results = runRuleExamples(compiled);
  const signalResults = runSignalExamples(compiled);
  const failed = results.filter((r) => !r.ok).length + signalResults.filter((r) => !r.ok).length;
  const passed = results.length + signalResults.length - failed;
  for (const { pack, rule, index, example, ok, got } of results) {
    if (ok) continue;
    out(`FAIL ${pack}/${rule} example ${index + 1} [${example.language}${example.name ? `: ${example.name}` : ""}]`);
    for (const line of example.events) out(`       ${typeof line === "string" ? line : JSON.stringify(line)}`);
    out(`     expected ${describeRaises(example.raises)}; raised ${describeRaises(got)}`);
  }
  for (const { pack, signal, language, text, expected, ok } of signalResults) {
    if (!ok) out(`FAIL ${pack}/${signal} [${language}] ${expected ? "must carry it, does not" : "must not carry it, does"}: ${text}`);
  }
  out(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
