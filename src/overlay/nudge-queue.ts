import type { Nudge, Severity } from "../engine/nudge.js";

const SEVERITY_RANK: Record<Severity, number> = { alert: 3, warn: 2, tip: 1 };

export function nudgeKey(nudge: Pick<Nudge, "rule" | "event">): string {
  return `${nudge.rule}\u0000${nudge.event}`;
}

/**
 * The nudges waiting to be shown: one at a time, the most important first (severity, then priority, then the newest).
 * A nudge leaves the queue when the agent dismisses it, when its outcome is decided, or when it goes stale: the agent
 * has replied since the moment it was about, or the same rule has raised a newer one.
 */
export class NudgeQueue {
  private readonly open = new Map<string, Nudge>();

  /** A rule's newer nudge replaces its older one: the moment it is about is the one that counts now. */
  add(nudges: readonly Nudge[]): void {
    for (const nudge of nudges) {
      for (const [key, older] of this.open) if (older.rule === nudge.rule && older.event < nudge.event) this.open.delete(key);
      this.open.set(nudgeKey(nudge), nudge);
    }
  }

  /** Removes nudges whose outcome was decided; returns those that were waiting, as now decided. */
  resolve(nudges: readonly Nudge[]): Nudge[] {
    const decided = nudges.filter((nudge) => this.open.has(nudgeKey(nudge)));
    for (const nudge of nudges) this.open.delete(nudgeKey(nudge));
    return decided;
  }

  /** The agent has replied: the nudges still waiting were about moments before it, so they are stale. */
  dropWaiting(shown: Nudge | undefined): void {
    for (const [key, nudge] of this.open) {
      if (nudge !== shown) this.open.delete(key);
    }
  }

  has(nudge: Nudge): boolean {
    return this.open.get(nudgeKey(nudge)) === nudge;
  }

  /** Whether the nudge was in the queue. */
  remove(nudge: Nudge): boolean {
    return this.open.delete(nudgeKey(nudge));
  }

  current(): Nudge | undefined {
    let best: Nudge | undefined;
    for (const nudge of this.open.values()) {
      if (!best || compare(nudge, best) < 0) best = nudge;
    }
    return best;
  }

  get size(): number {
    return this.open.size;
  }
}

function compare(a: Nudge, b: Nudge): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.priority - a.priority || b.at - a.at;
}
