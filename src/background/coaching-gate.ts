import type { Nudge } from "../engine/nudge.js";
import type { Settings } from "../shared/settings.js";
import type { SessionStorage } from "./conversation-store.js";

const WINDOW_MS = 5 * 60_000;

/** Where a tab's window is kept in session storage. */
export const gateKey = (tabId: number) => `gate:${tabId}`;

/**
 * Decides which raised nudges reach the agent: none while coaching is snoozed, only the severities the agent chose
 * (alerts only in quiet mode), and no more than the density limit per tab in any five minutes. The engine still
 * records every nudge, so outcomes and stats stay complete. The window lives in session storage beside the
 * conversations: the browser stops an idle worker after 30 s, and a limit kept only in memory would start again.
 */
export class CoachingGate {
  private readonly shownAt = new Map<number, number[]>();

  constructor(private readonly storage?: Pick<SessionStorage, "get" | "remove">) {}

  /** Brings the tab's window back from session storage, where a worker stopped before left it. */
  async ready(tabId: number): Promise<void> {
    if (this.shownAt.has(tabId) || !this.storage) return;
    const saved = (await this.storage.get(gateKey(tabId)))[gateKey(tabId)];
    // Another batch of the tab may have brought it back (and admitted nudges) while this one waited.
    if (!this.shownAt.has(tabId)) this.shownAt.set(tabId, Array.isArray(saved) ? saved.filter((t): t is number => Number.isFinite(t)) : []);
  }

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

  /** The tab's window as it is to be saved: with the conversation state that admitted its nudges, in one write. */
  saved(tabId: number): Record<string, unknown> {
    return { [gateKey(tabId)]: this.shownAt.get(tabId) ?? [] };
  }

  /** The tab is closed: its window goes, from memory and from session storage. */
  async forgetTab(tabId: number): Promise<void> {
    this.shownAt.delete(tabId);
    await this.storage?.remove([gateKey(tabId)]);
  }
}
