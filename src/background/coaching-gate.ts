import type { Nudge } from "../engine/nudge.js";
import type { Settings } from "../shared/settings.js";
import { isSnoozed, type Snoozes } from "../shared/snoozes.js";
import type { SessionStorage } from "./conversation-store.js";

const WINDOW_MS = 5 * 60_000;

interface Admitted {
  at: number;
  id: string;
}

const admittedId = (conversationKey: string, nudge: Pick<Nudge, "rule" | "event">) => `${conversationKey}\u0000${nudge.rule}\u0000${nudge.event}`;

const isAdmitted = (value: unknown): value is Admitted =>
  typeof value === "object" && value !== null && Number.isFinite((value as Admitted).at) && typeof (value as Admitted).id === "string";

/** Where a tab's window is kept in session storage. */
export const gateKey = (tabId: number) => `gate:${tabId}`;

/**
 * Decides which raised nudges reach the agent: none while coaching (or that rule) is snoozed, only the severities the agent chose
 * (alerts only in quiet mode), and no more than the density limit per tab in any five minutes — counting the cards
 * drawn: one the page dropped unseen is taken back (`refund`). The engine still
 * records every nudge, so outcomes and stats stay complete. The window lives in session storage beside the
 * conversations: the browser stops an idle worker after 30 s, and a limit kept only in memory would start again.
 */
export class CoachingGate {
  /** Per tab, what was let through in the window: when, and which nudge (so that one never drawn can be taken back). */
  private readonly shownAt = new Map<number, Admitted[]>();

  constructor(private readonly storage?: Pick<SessionStorage, "get" | "remove">) {}

  /** Brings the tab's window back from session storage, where a worker stopped before left it. */
  async ready(tabId: number): Promise<void> {
    if (this.shownAt.has(tabId) || !this.storage) return;
    const saved = (await this.storage.get(gateKey(tabId)))[gateKey(tabId)];
    // Another batch of the tab may have brought it back (and admitted nudges) while this one waited.
    if (!this.shownAt.has(tabId)) this.shownAt.set(tabId, Array.isArray(saved) ? saved.filter(isAdmitted) : []);
  }

  admit(tabId: number, nudges: readonly Nudge[], settings: Settings, snoozes: Snoozes, now: number, conversationKey = ""): Nudge[] {
    const recent = (this.shownAt.get(tabId) ?? []).filter(({ at }) => now - at < WINDOW_MS);
    const admitted = nudges.filter((nudge) => {
      if (isSnoozed(snoozes, nudge.rule, now)) return false;
      if (settings.quiet ? nudge.severity !== "alert" : !settings.severities.includes(nudge.severity)) return false;
      if (recent.length >= settings.maxPerFiveMinutes) return false;
      recent.push({ at: now, id: admittedId(conversationKey, nudge) });
      return true;
    });
    this.shownAt.set(tabId, recent);
    return admitted;
  }

  /**
   * Nudges let through that the page dropped without drawing them (their moment passed while another card was up):
   * the limit counts cards the agent saw, so their places are free again.
   */
  refund(tabId: number, conversationKey: string, nudges: ReadonlyArray<Pick<Nudge, "rule" | "event">>): void {
    const window = this.shownAt.get(tabId);
    if (!window) return;
    for (const nudge of nudges) {
      const at = window.findIndex(({ id }) => id === admittedId(conversationKey, nudge));
      if (at >= 0) window.splice(at, 1);
    }
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
