import browser from "../shared/injected-api.js";
import type { Adapter } from "../adapters/adapter.js";
import { selectorAdapter } from "../adapters/selector-adapter.js";
import type { SelectorSpec } from "../adapters/selector-spec.js";
import { speakersSwappedKey, taughtAdapterKey } from "../shared/storage-keys.js";

/** What the agent set up for this page's site: a reader taught for it, and a correction of the sides. */
export interface SiteSetup {
  /** The adapter taught for the site ("Teach this site"). */
  taught?: Adapter;
  /** "These messages are mine": the site's reader has the two sides the wrong way round. */
  swapped: boolean;
}

const keys = (location: Location) => [taughtAdapterKey(location.origin), speakersSwappedKey(location.origin)] as const;

export async function loadSiteSetup(location: Location): Promise<SiteSetup> {
  const [taughtKey, swappedKey] = keys(location);
  try {
    const stored = await browser.storage.local.get([taughtKey, swappedKey]);
    const spec = stored[taughtKey] as SelectorSpec | undefined;
    return { ...(spec ? { taught: selectorAdapter(spec) } : {}), swapped: stored[swappedKey] === true };
  } catch {
    return { swapped: false };
  }
}

/** The site was taught (or forgotten), or its sides corrected, while the page is open: read it anew. */
export function onSiteSetupChange(location: Location, listener: () => void): void {
  const watched = keys(location) as readonly string[];
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && Object.keys(changes).some((key) => watched.includes(key))) listener();
  });
}
