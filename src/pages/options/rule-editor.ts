import { INTERFACE_LANGUAGES } from "../../shared/locales.js";
import type { Overrides, Pack, Rule } from "../../engine/index.js";
import { t } from "../i18n.js";
import { h } from "./dom.js";
import { ruleWithDraft, tunableParams } from "./team-draft.js";

const SEVERITIES = ["tip", "warn", "alert"] as const;

/** The languages a rule's texts are edited in: the interface languages and the pack's own. */
const textLanguages = (pack: Pack) => [...new Set([...INTERFACE_LANGUAGES, ...pack.languages])];

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  return h("label", {}, h("span", { text }), control);
}

/** The summary line of a rule: what it is and how it is set now. */
export function ruleSummary(rule: Rule, changed: boolean): string {
  return [rule.id, t(`teamSeverity_${rule.severity}`), rule.enabled ? "" : t("teamOff"), changed ? t("teamChanged") : ""].filter(Boolean).join(" · ");
}

/**
 * One rule's editor: every control names its field (`data-field`) and rule (`data-rule`), so that one listener on the
 * list turns edits into overrides. Values shown are the shipped rule with the draft's changes.
 */
export function ruleEditor(pack: Pack, shipped: Rule, draft: Overrides, open: boolean): HTMLDetailsElement {
  const rule = ruleWithDraft(shipped, draft);
  const field = (name: string) => ({ "data-rule": rule.id, "data-field": name });
  const number = (name: string, value: number | undefined, step = "any") =>
    h("input", { type: "number", min: "0", step, value: value === undefined ? "" : String(value), ...field(name) });

  const severity = h("select", field("severity"), ...SEVERITIES.map((s) => h("option", { value: s, text: t(`teamSeverity_${s}`), selected: s === rule.severity })));
  const params = tunableParams(rule.params).map(({ path, value }) =>
    typeof value === "boolean"
      ? h("label", {}, h("input", { type: "checkbox", checked: value, ...field(`param:${path}`) }), h("span", { text: path }))
      : labelled(path, number(`param:${path}`, value)),
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
    h("summary", { text: ruleSummary(rule, !!draft.rules[rule.id]) }),
    h("p", { className: "muted", text: rule.description }),
    h("div", { className: "grid" },
      h("label", {}, h("input", { type: "checkbox", checked: rule.enabled, ...field("enabled") }), h("span", { text: t("teamRuleEnabled") })),
      labelled(t("teamSeverity"), severity),
      labelled(t("teamCooldown"), number("cooldownSeconds", rule.cooldownSeconds)),
      labelled(t("teamMaxPerConversation"), number("maxPerConversation", rule.maxPerConversation, "1")),
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
