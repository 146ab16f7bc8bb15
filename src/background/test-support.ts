import type { SessionStorage } from "./conversation-store.js";
import type { LocalStorage } from "./stats.js";

/** For unit tests of the worker's recorders: extension storage in memory, copied in and out as the real one is. */
export function memoryStorage(): LocalStorage & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (keys: string[]) => structuredClone(Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]]))),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  };
}

/** For unit tests of the worker's conversations: storage.session in memory, copied in and out as the real one is. */
export function memorySessionStorage(): SessionStorage & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key === null ? structuredClone(data) : key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (keys) => keys.forEach((k) => delete data[k]),
  };
}
