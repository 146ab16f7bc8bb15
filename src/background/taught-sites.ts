import browser from "webextension-polyfill";
import { SelectorSpecSchema, type SelectorSpec } from "../adapters/selector-spec.js";
import { formatIssues } from "../engine/validation-errors.js";
import { TAUGHT_PREFIX, taughtAdapterKey } from "../shared/storage-keys.js";
import { OriginSchema, TaughtSitesFileSchema, type TaughtSite, type TaughtSitesFile } from "../shared/taught-sites-file.js";

// Sites taught with "Teach this site": one selector spec per origin in storage.local, a content script registered for
// each origin the agent granted access to, and a JSON file format to pass them between agents.

export type SaveResult = { ok: true } | { ok: false; problems: string[] };

const scriptId = (origin: string) => `taught:${origin}`;
const patternFor = (origin: string) => `${origin}/*`;

/** Saves what was taught for a site; the site's hosts are its own, whatever the spec says. */
export async function saveTaughtSite(origin: string, raw: unknown): Promise<SaveResult> {
  const originOk = OriginSchema.safeParse(origin);
  if (!originOk.success) return { ok: false, problems: formatIssues("origin", originOk.error) };
  const parsed = SelectorSpecSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: formatIssues(origin, parsed.error) };
  const spec = { ...parsed.data, hosts: [new URL(origin).host] };
  await browser.storage.local.set({ [taughtAdapterKey(origin)]: spec });
  await syncTaughtScripts();
  return { ok: true };
}

export async function taughtSites(): Promise<TaughtSite[]> {
  const stored = await browser.storage.local.get(null);
  const sites: TaughtSite[] = [];
  for (const [key, spec] of Object.entries(stored)) {
    if (!key.startsWith(TAUGHT_PREFIX)) continue;
    const origin = key.slice(TAUGHT_PREFIX.length);
    sites.push({ origin, spec: spec as SelectorSpec, access: await browser.permissions.contains({ origins: [patternFor(origin)] }) });
  }
  return sites.sort((a, b) => a.origin.localeCompare(b.origin));
}

export async function forgetTaughtSite(origin: string): Promise<void> {
  await browser.storage.local.remove(taughtAdapterKey(origin));
  await syncTaughtScripts();
}

export async function exportTaughtSites(): Promise<TaughtSitesFile> {
  return { attune: "taught-sites", version: 1, sites: (await taughtSites()).map(({ origin, spec }) => ({ origin, spec })) };
}

/** All or nothing: a file with one bad site changes nothing, and says where the problem is. */
export async function importTaughtSites(raw: unknown): Promise<SaveResult & { imported?: number }> {
  const parsed = TaughtSitesFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: formatIssues("file", parsed.error) };
  await browser.storage.local.set(
    Object.fromEntries(parsed.data.sites.map(({ origin, spec }) => [taughtAdapterKey(origin), { ...spec, hosts: [new URL(origin).host] }])),
  );
  await syncTaughtScripts();
  return { ok: true, imported: parsed.data.sites.length };
}

/**
 * Keeps the registered content scripts in line with the taught sites the agent granted access to: taught sites
 * outside the built-in consoles' hosts get the content script only this way.
 */
export async function syncTaughtScripts(): Promise<void> {
  const wanted = new Map((await taughtSites()).filter((site) => site.access).map((site) => [scriptId(site.origin), site.origin]));
  const registered = (await browser.scripting.getRegisteredContentScripts()).map((script) => script.id).filter((id) => id.startsWith("taught:"));
  const stale = registered.filter((id) => !wanted.has(id));
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const missing = [...wanted].filter(([id]) => !registered.includes(id));
  if (missing.length) {
    await browser.scripting.registerContentScripts(
      missing.map(([id, origin]) => ({ id, matches: [patternFor(origin)], js: ["content.js"], allFrames: true, runAt: "document_idle" as const, persistAcrossSessions: true })),
    );
  }
}
