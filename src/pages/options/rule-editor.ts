import { INTERFACE_LANGUAGES } from "../../shared/locales.js";
import { ruleDescription, ruleName, ruleWhy, type Overrides, type Pack, type Rule } from "../../engine/index.js";
import { pageLanguage, t } from "../i18n.js";
import { h } from "./dom.js";
import { fieldLabel, fieldProblem, fieldRange, paramLabel } from "./field-check.js";
import { ruleWithDraft, tunableParams } from "./team-draft.js";

const SEVERITIES = ["tip", "warn", "alert"] as const;

/** The languages a rule's texts are edited in: the interface languages and the pack's own. */
const textLanguages = (pack: Pack) => [...new Set([...INTERFACE_LANGUAGES, ...pack.languages])];

function labelled(text: string, control: HTMLElement, ...after: HTMLElement[]): HTMLLabelElement {
  return h("label", {}, h("span", { text }), control, ...after);
}

/**
 * The summary line of a rule: its name in the interface language, how it is set now, and its id (small, for whoever
 * writes an overrides file). The name is isolated: a pack's English name keeps its own direction on a Persian page.
 */
export function ruleSummary(rule: Rule, changed: boolean): Array<string | HTMLElement> {
  const state = [t(`teamSeverity_${rule.severity}`), rule.enabled ? "" : t("teamOff"), changed ? t("teamChanged") : ""].filter(Boolean).join(" · ");
  return [h("bdi", { className: "rule-name", text: ruleName(rule, pageLanguage()) }), ` · ${state} `, h("code", { className: "rule-id muted", text: rule.id })];
}

/**
 * One rule's editor: every control names its field (`data-field`) and rule (`data-rule`), so that one listener on the
 * list turns edits into overrides. Values shown are the shipped rule with the draft's changes.
 */
export function ruleEditor(pack: Pack, shipped: Rule, draft: Overrides, open: boolean): HTMLDetailsElement {
  const rule = ruleWithDraft(shipped, draft);
  const why = ruleWhy(rule, pageLanguage());
  const field = (name: string) => ({ "data-rule": rule.id, "data-field": name });
  /**
   * A number field with its range (from the rule kind's schema) on the input and, when the value typed is out of it,
   * the problem in words right under it.
   */
  const numberField = (label: string, name: string, value: number | undefined) => {
    const range = fieldRange(rule, name);
    const errorId = `error-${rule.id}-${name.replace(/\W/g, "-")}`;
    const shown = fieldLabel(label, rule, name);
    const input = h("input", {
      type: "number", step: range?.integer ? "1" : "any", min: range?.min ?? "", max: range?.max ?? "", value: value === undefined ? "" : String(value),
      "aria-describedby": errorId, "data-label": label, ...field(name),
    });
    const problem = fieldProblem(label, value, range);
    const error = h("span", { className: "field-error", id: errorId, text: problem ?? "", hidden: !problem });
    if (problem) input.setAttribute("aria-invalid", "true");
    return labelled(shown, input, error);
  };

  const severity = h("select", field("severity"), ...SEVERITIES.map((s) => h("option", { value: s, text: t(`teamSeverity_${s}`), selected: s === rule.severity })));
  const params = tunableParams(rule.params).map(({ path, value }) =>
    typeof value === "boolean"
      ? h("label", {}, h("input", { type: "checkbox", checked: value, ...field(`param:${path}`) }), h("span", { text: paramLabel(path, rule.params) }))
      : numberField(paramLabel(path, rule.params), `param:${path}`, value),
  );
  const texts = (kind: "message" | "suggestion") =>
    textLanguages(pack).map((language) =>
      labelled(`${t(kind === "message" ? "teamMessage" : "teamSuggestion")} (${language})`, h("input", {
        type: "text", className: "wide", dir: "auto", value: rule[kind][language] ?? "", placeholder: shipped[kind].en ?? "", ...field(`${kind}:${language}`),
      })),
    );
  return h(
    "details",
    { className: "rule", "data-rule": rule.id, open },
    h("summary", {}, ...ruleSummary(rule, !!draft.rules[rule.id])),
    // dir="auto": each line takes its own direction, so a full stop ends an English line on a Persian page too.
    h("p", { className: "muted rule-what", dir: "auto", text: ruleDescription(rule, pageLanguage()) }),
    ...(why ? [h("p", { className: "rule-why", dir: "auto", text: why })] : []),
    h("div", { className: "grid" },
      h("label", {}, h("input", { type: "checkbox", checked: rule.enabled, ...field("enabled") }), h("span", { text: t("teamRuleEnabled") })),
      labelled(t("teamSeverity"), severity),
      numberField(t("teamCooldown"), "cooldownSeconds", rule.cooldownSeconds),
      numberField(t("teamMaxPerConversation"), "maxPerConversation", rule.maxPerConversation),
      ...params,
    ),
    h("div", { className: "texts" }, ...texts("message"), ...texts("suggestion")),
    h("button", { type: "button", "data-reset-rule": rule.id, text: t("teamResetRule") }),
  );
}

/** The value an edited control stands for: undefined puts the shipped value back. */
export function controlValue(control: HTMLInputElement | HTMLSelectElement): unknown {
  if (control instanceof HTMLInputElement && control.type === "checkbox") return control.checked;
  if (control instanceof HTMLInputElement && control.type === "number") return control.value.trim() === "" ? undefined : Number(control.value);
  return control.value;
}
