export interface LabelScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Scores {
  labels: Record<string, LabelScore>;
  macroF1: number;
}

/** Per-label precision, recall and F1 (one label against the rest), and their macro average. */
export function scoreLabels(rows: ReadonlyArray<{ gold: string; predicted: string }>, labels: readonly string[]): Scores {
  const result: Record<string, LabelScore> = {};
  for (const label of labels) {
    const tp = rows.filter((r) => r.gold === label && r.predicted === label).length;
    const fp = rows.filter((r) => r.gold !== label && r.predicted === label).length;
    const fn = rows.filter((r) => r.gold === label && r.predicted !== label).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    result[label] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support: tp + fn };
  }
  const f1s = Object.values(result).map((s) => s.f1);
  return { labels: result, macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length };
}
