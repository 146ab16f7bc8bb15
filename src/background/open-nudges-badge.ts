import type { Nudge } from "../engine/nudge.js";
import type { SessionStorage } from "./conversation-store.js";

const PREFIX = "badge:";
const storageKey = (tabId: number) => `${PREFIX}${tabId}`;
const nudgeId = (nudge: Pick<Nudge, "rule" | "event">) => `${nudge.rule}\u0000${nudge.event}`;

/**
 * The toolbar badge: how many nudges shown in a tab are still open. The set behind the number is kept in session
 * storage, not only in memory, so that a worker started again counts on from it instead of from nothing.
 */
export class OpenNudgesBadge {
  /** Changes to a tab's set, one at a time: each reads what the last one wrote. */
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(
    private readonly storage: SessionStorage,
    /** Shows the count (0: an empty badge). */
    private readonly show: (tabId: number, count: number) => Promise<void>,
  ) {}

  shown(tabId: number, raised: readonly Nudge[], resolved: readonly Nudge[]): Promise<void> {
    return this.change(tabId, (open) => {
      for (const nudge of raised) open.add(nudgeId(nudge));
      for (const nudge of resolved) open.delete(nudgeId(nudge));
    });
  }

  /** The agent dismissed or rated a rule's nudge. */
  dropRule(tabId: number, rule: string): Promise<void> {
    return this.change(tabId, (open) => {
      for (const id of open) if (id.startsWith(`${rule}\u0000`)) open.delete(id);
    });
  }

  clear(tabId: number): Promise<void> {
    return this.change(tabId, (open) => open.clear());
  }

  /** Every tab's badge emptied (coaching snoozed). */
  async clearAll(): Promise<void> {
    const tabs = Object.keys(await this.storage.get(null)).filter((key) => key.startsWith(PREFIX)).map((key) => Number(key.slice(PREFIX.length)));
    await Promise.all(tabs.map((tabId) => this.clear(tabId)));
  }

  /** The tab was closed. */
  async forget(tabId: number): Promise<void> {
    this.queues.delete(tabId);
    await this.storage.remove([storageKey(tabId)]);
  }

  private change(tabId: number, edit: (open: Set<string>) => void): Promise<void> {
    const run = (this.queues.get(tabId) ?? Promise.resolve()).then(async () => {
      const saved = (await this.storage.get(storageKey(tabId)))[storageKey(tabId)];
      const open = new Set(Array.isArray(saved) ? saved.filter((id): id is string => typeof id === "string") : []);
      edit(open);
      await this.storage.set({ [storageKey(tabId)]: [...open] });
      await this.show(tabId, open.size);
    });
    this.queues.set(tabId, run.catch(() => undefined));
    return run;
  }
}
