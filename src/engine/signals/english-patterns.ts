import type compromise from "compromise";

type Nlp = typeof compromise;
type Net = ReturnType<Nlp["buildNet"]>;

/**
 * compromise builds its English model while it is imported, and its first sweep warms up more of it: together about
 * a third of a second of an extension worker's start. So it is loaded only when some pack has patterns.
 */
let nlp: Nlp | undefined;

function hasPatterns(pack: unknown): boolean {
  const signals = (pack as { signals?: unknown } | null)?.signals;
  if (!signals || typeof signals !== "object") return false;
  return Object.values(signals).some((byLanguage) =>
    byLanguage && typeof byLanguage === "object" && Object.values(byLanguage).some((lexicon) => Array.isArray((lexicon as { patterns?: unknown } | null)?.patterns) && (lexicon as { patterns: unknown[] }).patterns.length > 0));
}

/** Loads what compiling these (unvalidated) packs needs beyond the engine itself: compromise, when a pack has patterns. */
export async function preparePacks(packs: readonly unknown[]): Promise<void> {
  if (!nlp && packs.some(hasPatterns)) nlp = (await import("compromise")).default;
}

/**
 * English patterns in compromise's match syntax (tags, lemmas, optional words), compiled once into one net and swept
 * over an utterance in a single pass, so "I've been waiting" and "I waited" can share one pattern family.
 */
export class EnglishPatterns {
  private readonly net: Net | undefined;

  constructor(patterns: ReadonlyArray<{ pattern: string; signal: string }>) {
    if (!patterns.length) return;
    if (!nlp) throw new Error("A pack has English patterns: await preparePacks(packs) before compiling them");
    this.net = nlp.buildNet(patterns.map(({ pattern, signal }) => ({ match: pattern, val: signal })));
  }

  /** Signals whose patterns match, each with the text before the match (to judge negation). */
  match(text: string): Array<{ signal: string; before: string }> {
    if (!this.net || !nlp) return [];
    const { found } = nlp(text).sweep(this.net) as unknown as { found: Array<{ val: string; view: { json(o: object): Array<{ offset: { start: number } }> } }> };
    return found.map((f) => ({ signal: f.val, before: text.slice(0, f.view.json({ offset: true })[0]?.offset.start ?? 0) }));
  }
}
