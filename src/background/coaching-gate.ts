import type { Nudge } from "../engine/nudge.js";
import type { Settings } from "../shared/settings.js";

const WINDOW_MS = 5 * 60_000;

/**
 * Decides which raised nudges reach the agent: none while coaching is snoozed, only the severities the agent chose
 * (alerts only in quiet mode), and no more than the density limit per tab in any five minutes. The engine still
 * records every nudge, so outcomes and stats stay complete.
 */
export class CoachingGate {
  private readonly shownAt = new Map<number, number[]>();

  admit(tabId: number, nudges: readonly Nudge[], settings: Settings, snoozedUntil: number, now: number): Nudge[] {
    if (now < snoozedUntil) return [];
    const recent = (this.shownAt.get(tabId) ?? []).filter((t) => now - t < WINDOW_MS);
    const admitted = nudges.filter((nudge) => {
      if (settings.quiet ? nudge.severity !== "alert" : !settings.severities.includes(nudge.severity)) return false;
      if (recent.length >= settings.maxPerFiveMinutes) return false;
      recent.push(now);
      return true;
    });
    this.shownAt.set(tabId, recent);
    return admitted;
  }

  forgetTab(tabId: number): void {
    this.shownAt.delete(tabId);
  }
}
