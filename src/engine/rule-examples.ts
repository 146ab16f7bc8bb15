import type { CompiledPacks } from "./engine.js";
import { runConversation } from "./engine.js";
import { expandEvents, type Example } from "./examples.js";

/** One rule example run: what it expected and what the rule raised. */
export interface ExampleResult {
  pack: string;
  rule: string;
  /** 0-based position among the rule's examples. */
  index: number;
  example: Example;
  ok: boolean;
  got: Array<{ event: number; outcome: string; suggestion: string; because: string[] }>;
}

/**
 * Runs every rule's own examples (LanguageTool style) with the packs as compiled (overrides included): each must raise
 * its rule at exactly the events listed, with the outcomes, suggestions and words listed, and nothing else. With
 * `onlyPack`, that pack's examples only (run among all the packs, as they are installed together).
 */
export function runRuleExamples(compiled: CompiledPacks, onlyPack?: string): ExampleResult[] {
  const results: ExampleResult[] = [];
  for (const pack of compiled.packs) {
    if (onlyPack !== undefined && pack.id !== onlyPack) continue;
    for (const rule of pack.rules) {
      rule.examples.forEach((example, index) => {
        const { events } = expandEvents(example.events);
        const got = runConversation(compiled, {
          language: example.language,
          channel: example.channel,
          ...(example.customerName ? { customerName: example.customerName } : {}),
          ...(example.endAt !== undefined ? { endAt: example.endAt } : {}),
          events,
        })
          .filter((n) => n.rule === rule.id)
          .map((n) => ({ event: n.event, outcome: n.outcome, suggestion: n.suggestion, because: n.because ?? [] }));
        const ok = got.length === example.raises.length
          && example.raises.every((want, k) => got[k]?.event === want.event && (want.outcome === undefined || got[k]?.outcome === want.outcome)
            && (want.suggestion === undefined || got[k]?.suggestion === want.suggestion)
            && (want.because === undefined || JSON.stringify(got[k]?.because) === JSON.stringify(want.because)));
        results.push({ pack: pack.id, rule: rule.id, index, example, ok, got });
      });
    }
  }
  return results;
}

type Raise = { event: number; outcome?: string | undefined; suggestion?: string | undefined; because?: readonly string[] | undefined };

/** Nudges expected or raised, in words: "event 0 (followed) saying \"…\"", or "nothing". */
export function describeRaises(list: readonly Raise[]): string {
  return list.length
    ? list.map((r) => `event ${r.event}${r.outcome ? ` (${r.outcome})` : ""}${r.suggestion !== undefined ? ` saying ${JSON.stringify(r.suggestion)}` : ""}${r.because ? ` because ${JSON.stringify(r.because)}` : ""}`).join(", ")
    : "nothing";
}
