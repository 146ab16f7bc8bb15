import type { CompiledPacks } from "./engine.js";

/** One lexicon example run: an utterance that must (or must not) carry a signal, and whether it did. */
export interface SignalExampleResult {
  pack: string;
  signal: string;
  language: string;
  text: string;
  /** true: the utterance must carry the signal (`matches`); false: it must not (`ignores`). */
  expected: boolean;
  ok: boolean;
}

/**
 * Runs every lexicon's own examples with the packs as compiled (overrides included): each `matches` utterance must carry
 * its signal in its language, each `ignores` one must not. With `onlyPack`, that pack's lexicons' examples only.
 */
export function runSignalExamples(compiled: CompiledPacks, onlyPack?: string): SignalExampleResult[] {
  const results: SignalExampleResult[] = [];
  for (const pack of compiled.packs) {
    if (onlyPack !== undefined && pack.id !== onlyPack) continue;
    for (const [signal, byLanguage] of Object.entries(pack.signals)) {
      for (const [language, lexicon] of Object.entries(byLanguage)) {
        const run = (texts: readonly string[] | undefined, expected: boolean) => {
          for (const text of texts ?? []) {
            const ok = compiled.detector.detect(text, language).has(signal) === expected;
            results.push({ pack: pack.id, signal, language, text, expected, ok });
          }
        };
        run(lexicon.examples?.matches, true);
        run(lexicon.examples?.ignores, false);
      }
    }
  }
  return results;
}
