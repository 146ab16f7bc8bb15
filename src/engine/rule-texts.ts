import type { Rule } from "./pack-schema.js";

// What people read about a rule — its name, what it coaches, why — in the language they read in. A pack may give a
// text in some languages only (a third-party pack, English alone), or none: a language missing falls back to English,
// then to any the pack has, then (for the name) to the rule's id.

type Texts = string | Partial<Record<string, string>> | undefined;

/** The text in `language`, else English, else the first the pack gives; a plain string is the same in every language. */
function inLanguage(texts: Texts, language: string): string | undefined {
  if (typeof texts === "string" || texts === undefined) return texts;
  return texts[language] ?? texts.en ?? Object.values(texts).find((text) => text !== undefined);
}

export const ruleName = (rule: Pick<Rule, "id" | "name">, language: string): string => inLanguage(rule.name, language) ?? rule.id;
export const ruleDescription = (rule: Pick<Rule, "description">, language: string): string => inLanguage(rule.description, language)!;
export const ruleWhy = (rule: Pick<Rule, "why">, language: string): string | undefined => inLanguage(rule.why, language);

/**
 * Names by rule id, for what carries ids only (statistics, a team's files, a nudge): a rule no loaded pack has is
 * shown by its id.
 */
export function ruleNames(rules: Iterable<Pick<Rule, "id" | "name">>, language: string): (id: string) => string {
  const names = new Map([...rules].map((rule) => [rule.id, ruleName(rule, language)]));
  return (id) => names.get(id) ?? id;
}
