import browser from "webextension-polyfill";
import { addStatsFiles, readStatsFile, teamTable, teamTableToCsv, type StatsFile, type TeamRow, type TeamTable } from "../../shared/team-stats.js";
import { downloadText } from "../download.js";
import { ruleNames } from "../../engine/index.js";
import { number, pageLanguage, t, tIsolated } from "../i18n.js";
import { readJsonFile } from "../json-import.js";
import { fillList, h } from "./dom.js";
import { installedRules } from "./team-section.js";

// The team lead's team view: agents' statistics files imported (many at once, or dropped), kept in storage.local, and
// shown as one table and a chart per rule, each rule by its name (an agent's file may count a rule this browser has no
// pack for: that one by its id). Nothing is sent anywhere.

const KEY = "teamViewFiles";
const SVG = "http://www.w3.org/2000/svg";
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const readKept = async () => ((await browser.storage.local.get(KEY))[KEY] ?? []) as StatsFile[];
const percent = (n: number | undefined) => (n === undefined ? "—" : number(n, { style: "percent", maximumFractionDigits: 0 }));
const perHour = (n: number | undefined) => (n === undefined ? "—" : number(n, { maximumFractionDigits: 1 }));
let nameOf = (id: string) => id;

function tableRow(r: TeamRow): HTMLTableRowElement {
  const team = r.agent === undefined;
  return h(
    "tr",
    { className: team ? "team" : "agent", "data-rule": r.rule, "data-agent": r.agent ?? "" },
    team ? h("th", { scope: "row", title: r.rule }, h("bdi", { text: nameOf(r.rule) })) : h("td"),
    h("td", { text: r.agent ?? t("teamViewAll") }),
    h("td", { "data-field": "shown", text: number(r.counts.shown) }),
    h("td", { "data-field": "helpfulRate", text: percent(r.helpfulRate) }),
    h("td", { "data-field": "followedRate", text: percent(r.followedRate) }),
    h("td", { "data-field": "shownPerHour", text: perHour(r.shownPerHour) }),
  );
}

/**
 * One rule's chart: a row per agent and one for all of them, each with three bars (helpful rate, followed rate, shown
 * per hour against the highest of the rule's rows). Plain SVG; the numbers are in its label and in the table.
 */
function ruleChart(rule: string, rows: readonly TeamRow[]): HTMLElement {
  const columns = [
    { title: t("teamViewHelpfulRate"), value: (r: TeamRow) => r.helpfulRate, max: 1, text: percent },
    { title: t("teamViewFollowedRate"), value: (r: TeamRow) => r.followedRate, max: 1, text: percent },
    { title: t("teamViewShownPerHour"), value: (r: TeamRow) => r.shownPerHour, max: Math.max(0.0001, ...rows.map((r) => r.shownPerHour ?? 0)), text: perHour },
  ];
  const labelWidth = 110;
  const columnWidth = 150;
  const barSpace = columnWidth - 50;
  const rowHeight = 20;
  const head = 18;
  const width = labelWidth + columns.length * columnWidth;
  // Drawn left to right, then mirrored for a right-to-left page: labels at the start, bars growing towards the end.
  const rtl = document.documentElement.dir === "rtl";
  const x = (at: number, size = 0) => (rtl ? width - at - size : at);
  const flip = (anchor: "start" | "end") => (rtl ? (anchor === "start" ? "end" : "start") : anchor);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("direction", "ltr");
  svg.setAttribute("viewBox", `0 0 ${width} ${head + rows.length * rowHeight}`);
  svg.style.maxWidth = "600px";
  svg.setAttribute("role", "img");
  const name = (r: TeamRow) => r.agent ?? t("teamViewAll");
  svg.setAttribute("aria-label", rows.map((r) => `${name(r)}: ${columns.map((c) => `${c.title} ${c.text(c.value(r))}`).join(", ")}`).join("; "));
  const text = (at: number, y: number, content: string, anchor: "start" | "end" = "start") => {
    const node = document.createElementNS(SVG, "text");
    node.setAttribute("x", String(x(at)));
    node.setAttribute("y", String(y));
    node.setAttribute("text-anchor", flip(anchor));
    node.setAttribute("class", "label");
    node.textContent = content;
    svg.append(node);
  };
  columns.forEach((c, i) => text(labelWidth + i * columnWidth, 12, c.title));
  rows.forEach((r, j) => {
    const y = head + j * rowHeight;
    text(labelWidth - 6, y + rowHeight / 2 + 4, name(r), "end");
    columns.forEach((c, i) => {
      const value = c.value(r);
      const length = Math.max(0.5, (barSpace * (value ?? 0)) / c.max);
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", String(x(labelWidth + i * columnWidth, length)));
      rect.setAttribute("y", String(y + 3));
      rect.setAttribute("width", String(length));
      rect.setAttribute("height", String(rowHeight - 6));
      rect.setAttribute("class", `bar ${r.agent === undefined ? "good" : "neutral"}`);
      svg.append(rect);
      text(labelWidth + i * columnWidth + length + 4, y + rowHeight / 2 + 4, c.text(value));
    });
  });
  return h("figure", { "data-rule": rule }, h("figcaption", { title: rule }, h("bdi", { text: nameOf(rule) })), svg);
}

function render(table: TeamTable): void {
  $("team-view-empty").hidden = table.agents.length > 0;
  $("team-view-result").hidden = !table.agents.length;
  $("team-view-agents").textContent = t("teamViewAgents", number(table.agents.length), table.agents.join(", "));
  $("team-view-unhelpful").replaceChildren(
    ...(table.unhelpful.length
      ? table.unhelpful.map((u) => h("li", { "data-rule": u.rule }, ...tIsolated(document, "teamViewUnhelpfulLine", nameOf(u.rule), number(u.agents), number(u.of))))
      : [h("li", { className: "muted", text: t("teamViewUnhelpfulNone") })]),
  );
  $("team-view-table").querySelector("tbody")!.replaceChildren(...table.rules.flatMap((r) => [r.team, ...r.agents].map(tableRow)));
  $("team-view-charts").replaceChildren(...table.rules.map((r) => ruleChart(r.rule, [...r.agents, r.team])));
}

/** Reads the chosen or dropped files: each good one kept (an agent already there replaced), each bad one refused with why. */
async function importFiles(files: readonly File[]): Promise<void> {
  const good: StatsFile[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const read = await readJsonFile(file);
    if ("problem" in read) {
      problems.push(read.problem);
      continue;
    }
    const checked = readStatsFile(file.name, read.json);
    if ("problems" in checked) problems.push(...checked.problems);
    else good.push(checked.file);
  }
  const kept = addStatsFiles(await readKept(), good);
  if (good.length) await browser.storage.local.set({ [KEY]: kept });
  $("team-view-status").textContent = t("teamViewImported", number(good.length), number(files.length - good.length));
  fillList($("team-view-problems"), problems);
  render(teamTable(kept));
}

export async function wireTeamView(): Promise<void> {
  // Named from the packs the team section loaded (wired before this one): no second question to the worker.
  nameOf = ruleNames(installedRules(), pageLanguage());
  render(teamTable(await readKept()));
  const input = $<HTMLInputElement>("team-view-import");
  input.addEventListener("change", async () => {
    const files = [...(input.files ?? [])];
    // Cleared at once, so that choosing the same files again is a change.
    input.value = "";
    if (files.length) await importFiles(files);
  });
  const drop = $("team-view-drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) void importFiles(files);
  });
  $("team-view-csv").addEventListener("click", async () => downloadText(document, "attune-team.csv", teamTableToCsv(teamTable(await readKept())), "text/csv"));
  $("team-view-clear").addEventListener("click", async () => {
    if (!confirm(t("teamViewClearConfirm"))) return;
    await browser.storage.local.remove(KEY);
    $("team-view-status").textContent = "";
    fillList($("team-view-problems"), []);
    render(teamTable([]));
  });
}
