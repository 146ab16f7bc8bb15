import nlp from "compromise";

type Net = ReturnType<typeof nlp.buildNet>;

/**
 * English patterns in compromise's match syntax (tags, lemmas, optional words), compiled once into one net and swept
 * over an utterance in a single pass, so "I've been waiting" and "I waited" can share one pattern family.
 */
export class EnglishPatterns {
  private readonly net: Net | undefined;

  constructor(patterns: ReadonlyArray<{ pattern: string; signal: string }>) {
    this.net = patterns.length ? nlp.buildNet(patterns.map(({ pattern, signal }) => ({ match: pattern, val: signal }))) : undefined;
  }

  /** Signals whose patterns match, each with the text before the match (to judge negation). */
  match(text: string): Array<{ signal: string; before: string }> {
    if (!this.net) return [];
    const { found } = nlp(text).sweep(this.net) as unknown as { found: Array<{ val: string; view: { json(o: object): Array<{ offset: { start: number } }> } }> };
    return found.map((f) => ({ signal: f.val, before: text.slice(0, f.view.json({ offset: true })[0]?.offset.start ?? 0) }));
  }
}
