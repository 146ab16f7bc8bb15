// What the agent snoozed, as storage.local keeps it: the worker holds nudges back by it, and every page's overlay shows
// it (the sign "snoozed until …" with Resume), so a snooze in one tab is seen in all.

export const SNOOZE_MINUTES = 15;
/** Storage.local keys: all coaching until a time; single rules, each until its time (ms since the epoch). */
export const SNOOZE_KEYS = ["snoozedUntil", "snoozedRules"] as const;

export interface Snoozes {
  /** All coaching is snoozed until then (0: not snoozed). */
  all: number;
  /** Rule ids snoozed on their own, each until its time; only those still running. */
  rules: Record<string, number>;
}

export const NO_SNOOZES: Snoozes = { all: 0, rules: {} };

/** The snoozes in storage.local's values, those over at `now` left out; anything malformed reads as no snooze. */
export function readSnoozes(stored: Record<string, unknown>, now: number): Snoozes {
  const all = Number(stored.snoozedUntil ?? 0);
  const rules: Record<string, number> = {};
  const saved = stored.snoozedRules;
  if (typeof saved === "object" && saved !== null && !Array.isArray(saved)) {
    for (const [rule, until] of Object.entries(saved)) if (typeof until === "number" && until > now) rules[rule] = until;
  }
  return { all: Number.isFinite(all) && all > now ? all : 0, rules };
}

export function isSnoozed(snoozes: Snoozes, rule: string, now: number): boolean {
  return now < snoozes.all || now < (snoozes.rules[rule] ?? 0);
}

/** Whether anything is snoozed at `now`, and until when the last of it: what the page's sign says. */
export function snoozeSign(snoozes: Snoozes, now: number): { all: boolean; until: number } | undefined {
  if (now < snoozes.all) return { all: true, until: snoozes.all };
  const running = Object.values(snoozes.rules).filter((until) => until > now);
  return running.length ? { all: false, until: Math.max(...running) } : undefined;
}
