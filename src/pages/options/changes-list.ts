import { ruleName } from "../../engine/index.js";
import { number, pageLanguage, t, tCount } from "../i18n.js";
import { h } from "./dom.js";
import { paramLabel } from "./field-check.js";
import type { DraftChange } from "./team-draft.js";

// "Changes from the defaults": every override the draft holds, in words, each with a reset of its own. The reset
// buttons carry the change's place in the list; the team section puts that change back.

const SETTING_LABELS: Record<string, string> = {
  enabled: "teamRuleEnabled",
  severity: "teamSeverity",
  cooldownSeconds: "teamCooldown",
  maxPerConversation: "teamMaxPerConversation",
};

function value(field: string, v: unknown): string {
  if (v === undefined || v === "") return "—";
  if (typeof v === "boolean") return t(v ? "teamOn" : "teamOff");
  if (typeof v === "number") return number(v);
  if (field === "severity") return t(`teamSeverity_${String(v)}`);
  return String(v);
}

function fieldLabel(change: Extract<DraftChange, { kind: "rule" }>): string {
  const [kind, key] = change.field.split(":") as [string, string | undefined];
  if (kind === "param" && key) return paramLabel(key, change.rule.params);
  if ((kind === "message" || kind === "suggestion") && key) return `${t(kind === "message" ? "teamMessage" : "teamSuggestion")} (${key})`;
  return t(SETTING_LABELS[kind] ?? kind);
}

/** What one change does, as parts of a line: names and texts kept apart so that either direction reads right. */
function describe(change: DraftChange): Array<string | HTMLElement> {
  if (change.kind === "pack") return [t("teamChangePackOff", change.pack)];
  if (change.kind === "phrases") {
    return [`${change.signal} (${change.language}): ${tCount(change.list === "phrases" ? "teamChangeExtraPhrases" : "teamChangeExceptions", change.phrases.length)}`];
  }
  return [
    h("bdi", { text: ruleName(change.rule, pageLanguage()) }),
    ` — ${fieldLabel(change)}: `,
    h("bdi", { text: value(change.field, change.from) }),
    " → ",
    h("bdi", { text: value(change.field, change.to) }),
  ];
}

export function renderChanges(container: HTMLElement, changes: readonly DraftChange[]): void {
  container.querySelector("#team-changes-count")!.textContent = changes.length ? `(${number(changes.length)})` : "";
  (container.querySelector("#team-changes-none") as HTMLElement).hidden = changes.length > 0;
  container.querySelector("#team-changes-list")!.replaceChildren(
    ...changes.map((change, index) =>
      h(
        "li",
        { "data-change": change.kind === "rule" ? `${change.rule.id}/${change.field}` : change.kind === "pack" ? `pack/${change.pack}` : `${change.signal}/${change.language}/${change.list}` },
        h("span", {}, ...describe(change)),
        h("button", { type: "button", "data-reset-change": index, text: t("teamReset") }),
      ),
    ),
  );
}
