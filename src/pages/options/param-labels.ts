import type { ParamRange } from "../../engine/index.js";

// Which _locales messages name a rule's setting, its unit and its range: kept apart from the page's code, with the
// words passed in, so that a unit test can check every shipped rule's settings in every language.

const camel = (text: string) => text.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The words of one language: its messages and how it writes numbers. */
export interface Words {
  t: (key: string, ...substitutions: string[]) => string;
  number: (n: number) => string;
}

/** What a threshold measures ("talkShare"): a call's threshold may measure something else than the chat's. */
function measured(path: string, params: Record<string, unknown>): string {
  const call = path.startsWith("call.") ? (params.call as Record<string, unknown> | undefined) : undefined;
  return camel(String(call?.measure ?? params.measure ?? ""));
}

/**
 * The _locales key of a param's label: a metric's threshold is named by what it measures ("Share of talk time"), the
 * rest by their own name.
 */
export function paramLabelKey(path: string, params: Record<string, unknown>): string {
  const name = path.split(".").at(-1)!;
  return name === "threshold" ? `param_threshold_${measured(path, params)}` : `param_${name}`;
}

const UNITS: Record<string, string> = {
  seconds: "unit_seconds", typingSeconds: "unit_seconds", afterSeconds: "unit_seconds", cooldownSeconds: "unit_seconds",
  threshold_monologueSeconds: "unit_seconds",
  minWords: "unit_words", minCustomerWords: "unit_words", threshold_monologueWords: "unit_words",
  threshold_speechRate: "unit_wordsPerMinute",
};

/** The _locales key of the unit a param (or a rule's own setting) counts in, or undefined for a count or a share. */
export function paramUnitKey(path: string, params: Record<string, unknown>): string | undefined {
  const name = path.split(".").at(-1)!;
  return UNITS[name === "threshold" ? `threshold_${measured(path, params)}` : name];
}

/** A param's label, without its range: what a problem with its value is said about. A call's setting is "in calls". */
export function paramLabel(words: Words, path: string, params: Record<string, unknown>): string {
  const label = words.t(paramLabelKey(path, params));
  return path.startsWith("call.") ? words.t("paramInCalls", label) : label;
}

/** A number field's label as shown: with its range and unit in words ("Wait before the nudge (1–3,600 seconds)"). */
export function withRange(words: Words, label: string, range: ParamRange | undefined, unitKey: string | undefined): string {
  if (range?.min === undefined || range.max === undefined) return unitKey ? words.t("paramUnitOnly", label, words.t(unitKey)) : label;
  const [min, max] = [words.number(range.min), words.number(range.max)];
  return unitKey ? words.t("paramRangeUnit", label, min, max, words.t(unitKey)) : words.t("paramRange", label, min, max);
}
