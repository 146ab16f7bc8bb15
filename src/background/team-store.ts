// Where a team lead's overrides and imported packs are kept: storage.sync, so that they follow the lead to their
// other browsers, when an item fits its quota; storage.local otherwise (the options page says so). Each item carries
// the time it was saved, and the newest copy wins when both areas hold one.

export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** chrome.storage.sync.QUOTA_BYTES_PER_ITEM: an item's key plus its JSON text. */
export const SYNC_QUOTA_BYTES_PER_ITEM = 8192;

export const OVERRIDES_KEY = "team:overrides";
export const PACK_PREFIX = "team:pack:";
export const isTeamKey = (key: string) => key === OVERRIDES_KEY || key.startsWith(PACK_PREFIX);

export type Area = "sync" | "local";
/** Why an item is kept in storage.local: over the per-item quota, or sync refused it (total quota, sync off). */
export type LocalReason = "too-big" | "sync-refused";

interface Stored {
  savedAt: number;
  value: unknown;
}

export interface TeamItem {
  key: string;
  value: unknown;
  area: Area;
  reason?: LocalReason;
  bytes: number;
}

const bytesOf = (key: string, value: unknown) => new TextEncoder().encode(key + JSON.stringify(value)).length;
const isStored = (value: unknown): value is Stored => typeof value === "object" && value !== null && "savedAt" in value && "value" in value;

export class TeamStore {
  constructor(
    private readonly sync: StorageArea,
    private readonly local: StorageArea,
    private readonly now: () => number = Date.now,
  ) {}

  /** Saves in sync when it fits, else in local; the other area's copy is removed so that it cannot come back. */
  async save(key: string, value: unknown): Promise<TeamItem> {
    const stored: Stored = { savedAt: this.now(), value };
    const bytes = bytesOf(key, stored);
    if (bytes <= SYNC_QUOTA_BYTES_PER_ITEM) {
      try {
        await this.sync.set({ [key]: stored });
        await this.local.remove(key);
        return { key, value, area: "sync", bytes };
      } catch {
        // Over the total quota, or sync unavailable: kept on this browser below.
      }
    }
    await this.local.set({ [key]: stored });
    await this.sync.remove(key).catch(() => undefined);
    return { key, value, area: "local", reason: bytes > SYNC_QUOTA_BYTES_PER_ITEM ? "too-big" : "sync-refused", bytes };
  }

  async remove(key: string): Promise<void> {
    await Promise.all([this.local.remove(key), this.sync.remove(key).catch(() => undefined)]);
  }

  /** Every team item, the newest copy of each. */
  async all(): Promise<TeamItem[]> {
    const [synced, local] = await Promise.all([this.sync.get(null).catch(() => ({})), this.local.get(null)]);
    const items = new Map<string, TeamItem & { savedAt: number }>();
    for (const [area, entries] of [["sync", synced], ["local", local]] as const) {
      for (const [key, stored] of Object.entries(entries)) {
        if (!isTeamKey(key) || !isStored(stored)) continue;
        const known = items.get(key);
        if (known && known.savedAt >= stored.savedAt) continue;
        const bytes = bytesOf(key, stored);
        items.set(key, {
          key, value: stored.value, area, bytes, savedAt: stored.savedAt,
          ...(area === "local" ? { reason: bytes > SYNC_QUOTA_BYTES_PER_ITEM ? ("too-big" as const) : ("sync-refused" as const) } : {}),
        });
      }
    }
    return [...items.values()].map(({ savedAt: _, ...item }) => item);
  }
}
