import browser from "webextension-polyfill";
import { askWorker } from "../ask-worker.js";
import { STAT_FIELDS, statsToCsv, type Stats } from "../../shared/stats.js";
import { downloadJson, downloadText } from "../download.js";
import { number, t } from "../i18n.js";
import { h } from "./dom.js";

// How agents reacted to each rule's nudges, counted in storage.local by the worker: counts and rule ids only.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const readStats = async () => ((await browser.storage.local.get("stats")).stats ?? {}) as Stats;

function render(stats: Stats): void {
  const rules = Object.keys(stats).sort();
  $("stats-empty").hidden = rules.length > 0;
  $("stats-table").hidden = !rules.length;
  $("stats-table").querySelector("tbody")!.replaceChildren(
    ...rules.map((rule) => h("tr", { "data-rule": rule }, h("th", { scope: "row", text: rule }), ...STAT_FIELDS.map((f) => h("td", { "data-field": f, text: number(stats[rule]?.[f] ?? 0) })))),
  );
}

export async function wireStats(): Promise<void> {
  $("stats-table").querySelector("thead tr")!.replaceChildren(h("th", { scope: "col", text: t("statsRule") }), ...STAT_FIELDS.map((f) => h("th", { scope: "col", text: t(`stats_${f}`) })));
  render(await readStats());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes.stats) render((changes.stats.newValue ?? {}) as Stats);
  });
  $("stats-csv").addEventListener("click", async () => downloadText(document, "attune-stats.csv", statsToCsv(await readStats()), "text/csv"));
  $("stats-json").addEventListener("click", async () => downloadJson(document, "attune-stats.json", await readStats()));
  $("stats-reset").addEventListener("click", async () => {
    if (!confirm(t("statsResetConfirm"))) return;
    await askWorker({ type: "reset-stats" });
    render(await readStats());
  });
}
