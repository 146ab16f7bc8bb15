import browser from "./extension-api.js";
import type { Adapter } from "../adapters/adapter.js";
import { selectorAdapter } from "../adapters/selector-adapter.js";
import type { SelectorSpec } from "../adapters/selector-spec.js";
import { taughtAdapterKey } from "../shared/storage-keys.js";

/** The adapter taught for this page's site, if someone taught one ("Teach this site"). */
export async function loadTaughtAdapter(location: Location): Promise<Adapter | undefined> {
  const key = taughtAdapterKey(location.origin);
  try {
    const spec = (await browser.storage.local.get(key))[key] as SelectorSpec | undefined;
    return spec ? selectorAdapter(spec) : undefined;
  } catch {
    return undefined;
  }
}

/** Someone taught (or forgot) this site while the page is open: read it anew. */
export function onTaughtAdapterChange(location: Location, listener: () => void): void {
  const key = taughtAdapterKey(location.origin);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && key in changes) listener();
  });
}
