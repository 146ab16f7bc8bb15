import browser from "webextension-polyfill";

export const t = (key: string, ...substitutions: string[]): string => browser.i18n.getMessage(key, substitutions) || key;

/** Fills every element carrying data-i18n="key" with its text, and sets the page's language and direction. */
export function localizePage(doc: Document): void {
  for (const el of doc.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset.i18n ?? "");
  const language = browser.i18n.getUILanguage();
  doc.documentElement.lang = language;
  doc.documentElement.dir = t("@@bidi_dir") === "rtl" ? "rtl" : "ltr";
}
