import browser from "webextension-polyfill";
import { formatNumber, isRtl, resolveInterfaceLanguage, translate, translateCount, type InterfaceLanguage } from "../shared/locales.js";
import { readSettings } from "../shared/settings.js";

let language: InterfaceLanguage = "en";

/** The interface language the page was localized in: the language rules' names and lines are shown in. */
export const pageLanguage = (): InterfaceLanguage => language;
export const t = (key: string, ...substitutions: string[]): string => translate(language, key, ...substitutions);
/** The key's variant for n (`key_one`, `key_few`, `key_other`), n as $1 in the interface language's digits. */
export const tCount = (key: string, n: number, ...more: string[]): string => translateCount(language, key, n, ...more);
export const number = (n: number, options?: Intl.NumberFormatOptions): string => formatNumber(language, n, options);
/**
 * The key's text with each substitution in a <bdi>: a name or line from elsewhere keeps its own direction inside a
 * sentence of another (a Latin-script reader's name in a Persian sentence).
 */
export function tIsolated(doc: Document, key: string, ...substitutions: string[]): Array<string | HTMLElement> {
  return t(key).split(/\$(\d)/).map((part, i) => {
    if (i % 2 === 0) return part;
    const isolate = doc.createElement("bdi");
    isolate.textContent = substitutions[Number(part) - 1] ?? "";
    return isolate;
  });
}
export const timeOfDay = (at: number): string => new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit" }).format(at);

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
