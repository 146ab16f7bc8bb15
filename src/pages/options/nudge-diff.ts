import type { Nudge } from "../../engine/index.js";

// The live preview runs one conversation twice, with the draft and with the defaults, and marks where they part:
// a nudge only one side raises, or the same rule at the same moment saying or ending differently.

export type Difference = "same" | "changed" | "only";

export interface ComparedNudge {
  nudge: Nudge;
  difference: Difference;
}

const alike = (a: Nudge, b: Nudge) => a.message === b.message && a.severity === b.severity && a.outcome === b.outcome && a.at === b.at;

/** Each side's nudges with how they differ from the other's: paired by rule and event, in order. */
export function compareNudges(edited: readonly Nudge[], defaults: readonly Nudge[]): { edited: ComparedNudge[]; defaults: ComparedNudge[] } {
  const partner = new Map<number, number>();
  const taken = new Set<number>();
  edited.forEach((nudge, i) => {
    const j = defaults.findIndex((other, k) => !taken.has(k) && other.rule === nudge.rule && other.event === nudge.event);
    if (j < 0) return;
    taken.add(j);
    partner.set(i, j);
  });
  const byDefault = new Map([...partner].map(([i, j]) => [j, i]));
  return {
    edited: edited.map((nudge, i) => {
      const j = partner.get(i);
      return { nudge, difference: j === undefined ? "only" : alike(nudge, defaults[j]!) ? "same" : "changed" };
    }),
    defaults: defaults.map((nudge, j) => {
      const i = byDefault.get(j);
      return { nudge, difference: i === undefined ? "only" : alike(nudge, edited[i]!) ? "same" : "changed" };
    }),
  };
}
