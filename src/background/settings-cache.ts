import browser from "webextension-polyfill";
import { resolveInterfaceLanguage, type InterfaceLanguage } from "../shared/locales.js";
import { effectiveSettings, NO_POLICY, type ManagedPolicy } from "../shared/managed-policy.js";
import { readSettings, type Settings } from "../shared/settings.js";
import { readSnoozes, SNOOZE_KEYS, type Snoozes } from "../shared/snoozes.js";

let current: Settings = readSettings(undefined);
/** As stored by the agent, before the administrator's policy is applied over it. */
let stored: unknown;
let policy: ManagedPolicy = NO_POLICY;
/** As stored: whether each is still running is decided at the moment it is asked. */
let snoozeValues: Record<string, unknown> = {};
let offSites: string[] = [];
const readSites = (value: unknown) => (Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : []);
// Read once per worker life and kept current: the path from a message to its nudge does no storage reads for these.
const ready = browser.storage.local.get(["settings", "disabledSites", ...SNOOZE_KEYS]).then((local) => {
  stored = local.settings;
  current = effectiveSettings(stored, policy);
  snoozeValues = local;
  offSites = readSites(local.disabledSites);
});
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== "local") return;
  if (changes.settings) {
    stored = changes.settings.newValue;
    current = effectiveSettings(stored, policy);
  }
  for (const key of SNOOZE_KEYS) if (changes[key]) snoozeValues = { ...snoozeValues, [key]: changes[key].newValue };
  if (changes.disabledSites) offSites = readSites(changes.disabledSites.newValue);
});

/** The administrator's policy changed: locked settings take its values from the next event on. */
export function setSettingsPolicy(next: ManagedPolicy): void {
  policy = next;
  current = effectiveSettings(stored, policy);
}

/** Sites (origins) where the agent switched coaching off. */
export async function disabledSites(): Promise<string[]> {
  await ready;
  return offSites;
}

/** Switches coaching off or on for a site: at once for the next event, and saved. */
export async function setSiteEnabled(origin: string, enabled: boolean): Promise<void> {
  await ready;
  offSites = [...offSites.filter((site) => site !== origin), ...(enabled ? [] : [origin])];
  await browser.storage.local.set({ disabledSites: offSites });
}

/** What is snoozed now: all coaching, single rules. */
export async function snoozes(): Promise<Snoozes> {
  await ready;
  return readSnoozes(snoozeValues, Date.now());
}

/** The agent's settings, read once per worker life and kept current as they change. */
export async function settings(): Promise<Settings> {
  await ready;
  return current;
}

export function interfaceLanguage(): InterfaceLanguage {
  return resolveInterfaceLanguage(current.interfaceLanguage, browser.i18n.getUILanguage());
}
