import browser from "webextension-polyfill";
import { isRtl, resolveInterfaceLanguage, translate, type InterfaceLanguage } from "../shared/locales.js";
import { readSettings } from "../shared/settings.js";

let language: InterfaceLanguage = "en";

export const t = (key: string, ...substitutions: string[]): string => translate(language, key, ...substitutions);

/**
 * Picks the agent's interface language (their setting, else the browser's), fills every element carrying
 * data-i18n="key" with its text, and sets the page's language and direction.
 */
export async function localizePage(doc: Document): Promise<InterfaceLanguage> {
  const { settings } = await browser.storage.local.get("settings");
  language = resolveInterfaceLanguage(readSettings(settings).interfaceLanguage, browser.i18n.getUILanguage());
  for (const el of doc.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset.i18n ?? "");
  doc.documentElement.lang = language;
  doc.documentElement.dir = isRtl(language) ? "rtl" : "ltr";
  return language;
}
