import type { Nudge } from "../engine/nudge.js";
import { STAT_FIELDS, type StatField, type Stats } from "../shared/stats.js";

export interface LocalStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = "stats";

const outcomeOf = (n: Nudge) => (n.outcome === "open" ? [] : [[n.rule, n.outcome] as const]);

/** Counts kept in storage.local for the team lead; writes are serialised so that concurrent events add up. */
export class StatsRecorder {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: LocalStorage) {}

  count(rule: string, field: StatField): Promise<void> {
    return this.add([[rule, field]]);
  }

  /** Takes back a count (a snooze undone), never below zero. */
  uncount(rule: string, field: StatField): Promise<void> {
    return this.add([[rule, field, -1]]);
  }

  /**
   * A step's nudges: each raised one, and the outcome of each resolved one whose card the agent saw (followed and missed
   * count the cards shown, as the popup and the scorecard do).
   */
  countStep(raised: readonly Nudge[], resolvedShown: readonly Nudge[]): Promise<void> {
    return this.add([...raised.map((n) => [n.rule, "raised"] as const), ...resolvedShown.flatMap(outcomeOf)]);
  }

  /** A card drawn for the first time, and its outcome if its moment passed before the page said so. */
  countShown(nudge: Nudge): Promise<void> {
    return this.add([[nudge.rule, "shown"], ...outcomeOf(nudge)]);
  }

  /** Back to zero for every rule (the team lead's choice), after any count already on its way. */
  reset(): Promise<void> {
    const run = this.chain.then(() => this.storage.set({ [KEY]: {} }));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private add(entries: ReadonlyArray<readonly [string, StatField, number?]>): Promise<void> {
    if (!entries.length) return Promise.resolve();
    const run = this.chain.then(async () => {
      const stats = ((await this.storage.get(KEY))[KEY] ?? {}) as Stats;
      for (const [rule, field, by = 1] of entries) {
        const counts = (stats[rule] ??= Object.fromEntries(STAT_FIELDS.map((f) => [f, 0])) as Record<StatField, number>);
        counts[field] = Math.max(0, (counts[field] ?? 0) + by);
      }
      await this.storage.set({ [KEY]: stats });
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
