import browser from "./extension-api.js";
import type { Adapter } from "../adapters/adapter.js";
import { selectorAdapter } from "../adapters/selector-adapter.js";
import type { SelectorSpec } from "../adapters/selector-spec.js";

/** Where the adapter taught for a site is kept: written only by the worker, after validating it. */
export const taughtAdapterKey = (origin: string) => `taught:${origin}`;

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
