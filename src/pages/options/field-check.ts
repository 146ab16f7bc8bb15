import { inRange, paramRange, ruleSettingRange, type ParamRange, type Rule } from "../../engine/index.js";
import { number, t } from "../i18n.js";
import { paramLabel as paramLabelIn, paramUnitKey, withRange, type Words } from "./param-labels.js";

// What a rule's number field may hold, and what to say next to it when it does not: the ranges come from the rule
// kind's schema (the engine's own check, also in the published JSON Schema), the words from the interface language.

const words: Words = { t, number: (n) => number(n) };

/** A rule's numeric field (`cooldownSeconds`, `maxPerConversation`, `param:<path>`) and its range for these params. */
export function fieldRange(rule: Rule, field: string, params: Record<string, unknown> = rule.params): ParamRange | undefined {
  if (field === "cooldownSeconds" || field === "maxPerConversation") return ruleSettingRange(field);
  return field.startsWith("param:") ? paramRange(rule.kind, params, field.slice("param:".length)) : undefined;
}

export const paramLabel = (path: string, params: Record<string, unknown>): string => paramLabelIn(words, path, params);

/** A number field's label as shown, with its range and unit in the interface language. */
export function fieldLabel(label: string, rule: Rule, field: string): string {
  const path = field.startsWith("param:") ? field.slice("param:".length) : field;
  return withRange(words, label, fieldRange(rule, field), paramUnitKey(path, rule.params));
}

/**
 * A field's problem in words in the element its `aria-describedby` names (or none), and the field marked invalid while
 * it has one.
 */
export function showFieldProblem(control: HTMLInputElement, problem: string | undefined): void {
  const error = control.ownerDocument.getElementById(control.getAttribute("aria-describedby") ?? "");
  if (error) {
    error.textContent = problem ?? "";
    error.hidden = !problem;
  }
  if (problem) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
}

/** What is wrong with the value typed, in words, or undefined when it is fine (empty puts the shipped value back). */
export function fieldProblem(label: string, value: number | undefined, range: ParamRange | undefined): string | undefined {
  if (value === undefined || !range || inRange(value, range)) return undefined;
  const [min, max] = [range.min ?? 0, range.max ?? Infinity].map((n) => (Number.isFinite(n) ? number(n) : "∞"));
  return t(range.integer ? "fieldRangeWhole" : "fieldRange", label, min!, max!);
}
