import en from "../../_locales/en/messages.json";
import fa from "../../_locales/fa/messages.json";
import it from "../../_locales/it/messages.json";
import ro from "../../_locales/ro/messages.json";

// The interface strings of _locales/, for the places where the agent's chosen interface language must win over the
// browser's (chrome.i18n always follows the browser). Only the worker and extension pages bundle these.

export const INTERFACE_LANGUAGES = ["en", "it", "ro", "fa"] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

type Messages = Record<string, { message: string }>;
const LOCALES: Record<InterfaceLanguage, Messages> = { en, it, ro, fa };

/** "auto" (or anything unsupported) follows the browser's language, falling back to English. */
export function resolveInterfaceLanguage(setting: string | undefined, browserLanguage: string): InterfaceLanguage {
  const pick = (code: string | undefined) => INTERFACE_LANGUAGES.find((l) => l === code?.split("-")[0]?.toLowerCase());
  return (setting !== "auto" ? pick(setting) : undefined) ?? pick(browserLanguage) ?? "en";
}

export function translate(language: InterfaceLanguage, key: string, ...substitutions: string[]): string {
  const text = LOCALES[language][key]?.message ?? LOCALES.en[key]?.message ?? key;
  return substitutions.reduce((out, value, i) => out.replaceAll(`$${i + 1}`, value), text);
}

/** A number as the language writes it: its digits (Persian ones in fa), separators and decimal mark. */
export function formatNumber(language: InterfaceLanguage, n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(language, options).format(n);
}

/**
 * A text about n things: the key's variant for n's plural category in the language (`key_one`, `key_few`,
 * `key_other`: Romanian has three, Persian counts 0 as one), with n as $1 in the language's digits and `more` as $2….
 * A category the language's messages do not give falls back to its `_other`.
 */
export function translateCount(language: InterfaceLanguage, key: string, n: number, ...more: string[]): string {
  const variant = `${key}_${new Intl.PluralRules(language).select(n)}`;
  return translate(language, LOCALES[language][variant] ? variant : `${key}_other`, formatNumber(language, n), ...more);
}

export const isRtl = (language: InterfaceLanguage) => language === "fa";
