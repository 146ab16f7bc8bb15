import browser from "webextension-polyfill";
import { askWorker } from "../ask-worker.js";
import { STAT_FIELDS, statsToCsv, type Stats } from "../../shared/stats.js";
import { AGENT_LABEL_KEY, AgentLabelSchema, storedCounts } from "../../shared/team-stats.js";
import { downloadText } from "../download.js";
import { agentLabel, downloadOwnStats } from "../stats-export.js";
import { ruleNames } from "../../engine/index.js";
import { number, pageLanguage, t } from "../i18n.js";
import { h } from "./dom.js";
import { installedRules } from "./team-section.js";

// How agents reacted to each rule's nudges, counted in storage.local by the worker: counts and rule ids only, shown
// by the rules' names (the id in the row's title).

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const readStats = async () => (await storedCounts(browser.storage.local)).stats;
let nameOf = (id: string) => id;

function render(stats: Stats): void {
  const rules = Object.keys(stats).sort();
  $("stats-empty").hidden = rules.length > 0;
  $("stats-table").hidden = !rules.length;
  $("stats-table").querySelector("tbody")!.replaceChildren(
    ...rules.map((rule) => h("tr", { "data-rule": rule }, h("th", { scope: "row", title: rule }, h("bdi", { text: nameOf(rule) })), ...STAT_FIELDS.map((f) => h("td", { "data-field": f, text: number(stats[rule]?.[f] ?? 0) })))),
  );
}

export async function wireStats(): Promise<void> {
  $("stats-table").querySelector("thead tr")!.replaceChildren(h("th", { scope: "col", text: t("statsRule") }), ...STAT_FIELDS.map((f) => h("th", { scope: "col", text: t(`stats_${f}`) })));
  // Named from the packs the team section loaded (wired before this one): no second question to the worker.
  nameOf = ruleNames(installedRules(), pageLanguage());
  render(await readStats());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes.stats) render((changes.stats.newValue ?? {}) as Stats);
  });
  $("stats-csv").addEventListener("click", async () => downloadText(document, "attune-stats.csv", statsToCsv(await readStats()), "text/csv"));
  $("stats-json").addEventListener("click", () => void downloadOwnStats(document));
  await wireAgentLabel();
  $("stats-reset").addEventListener("click", async () => {
    if (!confirm(t("statsResetConfirm"))) return;
    await askWorker({ type: "reset-stats" });
    render(await readStats());
  });
}

/** The agent's pseudonymous label in the team view: saved as typed when valid; an invalid one is named at the field and the last good kept. */
async function wireAgentLabel(): Promise<void> {
  const input = $<HTMLInputElement>("agent-label");
  const error = $("agent-label-error");
  input.value = await agentLabel();
  input.addEventListener("input", async () => {
    const parsed = AgentLabelSchema.safeParse(input.value);
    error.hidden = parsed.success;
    error.textContent = parsed.success ? "" : t("statsAgentLabelInvalid");
    input.setAttribute("aria-invalid", String(!parsed.success));
    if (parsed.success) await browser.storage.local.set({ [AGENT_LABEL_KEY]: parsed.data });
  });
}
