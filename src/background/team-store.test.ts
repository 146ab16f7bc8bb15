import { describe, expect, it } from "vitest";
import { OVERRIDES_KEY, PACK_PREFIX, SYNC_QUOTA_BYTES_PER_ITEM, TeamStore, type StorageArea } from "./team-store.js";

/** A storage area in memory; `refuse` makes set() fail as sync does over its total quota or when it is off. */
function area(options: { perItem?: number; refuse?: boolean } = {}): StorageArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (keys) => (keys === null ? structuredClone(data) : Object.fromEntries([keys].flat().filter((k) => k in data).map((k) => [k, structuredClone(data[k])]))),
    set: async (items) => {
      if (options.refuse) throw new Error("QUOTA_BYTES quota exceeded");
      for (const [key, value] of Object.entries(items)) {
        if (options.perItem && key.length + JSON.stringify(value).length > options.perItem) throw new Error("QUOTA_BYTES_PER_ITEM quota exceeded");
        data[key] = structuredClone(value);
      }
    },
    remove: async (keys) => void [keys].flat().forEach((k) => delete data[k]),
  };
}

describe("TeamStore", () => {
  it("keeps an item that fits in storage.sync, and one over sync's per-item quota in storage.local with the reason", async () => {
    const sync = area({ perItem: SYNC_QUOTA_BYTES_PER_ITEM });
    const local = area();
    const store = new TeamStore(sync, local);
    const small = await store.save(OVERRIDES_KEY, { rules: { "open-question": { enabled: false } } });
    const big = await store.save(`${PACK_PREFIX}big`, { description: "x".repeat(SYNC_QUOTA_BYTES_PER_ITEM) });
    expect(small).toMatchObject({ area: "sync" });
    expect(big).toMatchObject({ area: "local", reason: "too-big" });
    expect(Object.keys(sync.data)).toEqual([OVERRIDES_KEY]);
    expect(Object.keys(local.data)).toEqual([`${PACK_PREFIX}big`]);
    expect((await store.all()).map((i) => [i.key, i.area]).sort()).toEqual([[OVERRIDES_KEY, "sync"], [`${PACK_PREFIX}big`, "local"]]);
  });

  it("falls back to storage.local when sync refuses the write", async () => {
    const store = new TeamStore(area({ refuse: true }), area());
    expect(await store.save(OVERRIDES_KEY, {})).toMatchObject({ area: "local", reason: "sync-refused" });
    expect(await store.all()).toEqual([expect.objectContaining({ key: OVERRIDES_KEY, area: "local" })]);
  });

  it("moves an item between the areas as it grows and shrinks, and reads the newest copy", async () => {
    let now = 1;
    const sync = area({ perItem: SYNC_QUOTA_BYTES_PER_ITEM });
    const local = area();
    const store = new TeamStore(sync, local, () => now++);
    await store.save(OVERRIDES_KEY, { signals: { greeting: { en: { phrases: ["y".repeat(9000)] } } } });
    await store.save(OVERRIDES_KEY, { rules: {} });
    expect(local.data).toEqual({});
    // A copy synced from another browser, newer than the local one, wins.
    local.data[OVERRIDES_KEY] = { savedAt: 0, value: { old: true } };
    expect((await store.all())[0]).toMatchObject({ value: { rules: {} }, area: "sync" });
    await store.remove(OVERRIDES_KEY);
    expect(await store.all()).toEqual([]);
  });
});
