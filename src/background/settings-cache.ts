import browser from "webextension-polyfill";
import { resolveInterfaceLanguage, type InterfaceLanguage } from "../shared/locales.js";
import { readSettings, type Settings } from "../shared/settings.js";

let current: Settings = readSettings(undefined);
const ready = browser.storage.local.get("settings").then(({ settings }) => {
  current = readSettings(settings);
});
browser.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes.settings) current = readSettings(changes.settings.newValue);
});

/** The agent's settings, read once per worker life and kept current as they change. */
export async function settings(): Promise<Settings> {
  await ready;
  return current;
}

export function interfaceLanguage(): InterfaceLanguage {
  return resolveInterfaceLanguage(current.interfaceLanguage, browser.i18n.getUILanguage());
}
