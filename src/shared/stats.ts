// What the worker counts per rule and the options page shows and exports: counts and rule ids, never conversation text.

/**
 * `shown`: drawn on the agent's screen (let through by the density limit and the settings, and not stale before its
 * turn came). `used`: the agent put the nudge's suggested reply into the reply box (Insert). `snoozed`: the agent
 * snoozed this rule, or all coaching, from its card (an undone snooze is not counted). `wrongMoment` and `misread`:
 * the reason given after "not helpful", where the agent gave one.
 */
export const STAT_FIELDS = ["raised", "shown", "followed", "missed", "dismissed", "helpful", "notHelpful", "wrongMoment", "misread", "used", "snoozed"] as const;
export type StatField = (typeof STAT_FIELDS)[number];
/** Per rule id: counts only, never conversation text. */
export type Stats = Record<string, Record<StatField, number>>;

/** The stats as CSV, one row per rule: counts and rule ids only. */
export function statsToCsv(stats: Stats): string {
  const rows = Object.keys(stats).sort().map((rule) => [rule, ...STAT_FIELDS.map((field) => String(stats[rule]?.[field] ?? 0))]);
  // Rule ids are kebab-case: no field needs quoting.
  return [["rule", ...STAT_FIELDS], ...rows].map((row) => row.join(",")).join("\n") + "\n";
}
