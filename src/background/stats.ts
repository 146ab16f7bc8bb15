import type { Nudge } from "../engine/nudge.js";
import { STAT_FIELDS, type StatField, type Stats } from "../shared/stats.js";
import { PERIOD_KEY, STATS_KEY as KEY, type StatsPeriod } from "../shared/team-stats.js";

export interface LocalStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const HOUR = 3_600_000;

const outcomeOf = (n: Nudge) => (n.outcome === "open" ? [] : [[n.rule, n.outcome] as const]);

/** Counts kept in storage.local for the team lead; writes are serialised so that concurrent events add up. */
export class StatsRecorder {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: LocalStorage,
    private readonly now: () => number = Date.now,
  ) {}

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
    const run = this.chain.then(() => this.storage.set({ [KEY]: {}, [PERIOD_KEY]: null }));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The period with this moment in it: a clock hour not seen before is one more active hour. */
  private period(period: StatsPeriod | null | undefined): StatsPeriod {
    const now = this.now();
    const hour = Math.floor(now / HOUR);
    if (!period) return { from: now, activeHours: 1, lastHour: hour };
    return hour === period.lastHour ? period : { ...period, activeHours: period.activeHours + 1, lastHour: hour };
  }

  private add(entries: ReadonlyArray<readonly [string, StatField, number?]>): Promise<void> {
    if (!entries.length) return Promise.resolve();
    const run = this.chain.then(async () => {
      const stored = await this.storage.get([KEY, PERIOD_KEY]);
      const stats = (stored[KEY] ?? {}) as Stats;
      for (const [rule, field, by = 1] of entries) {
        const counts = (stats[rule] ??= Object.fromEntries(STAT_FIELDS.map((f) => [f, 0])) as Record<StatField, number>);
        counts[field] = Math.max(0, (counts[field] ?? 0) + by);
      }
      await this.storage.set({ [KEY]: stats, [PERIOD_KEY]: this.period(stored[PERIOD_KEY] as StatsPeriod | null | undefined) });
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
