import type { Coaching, Figure, Handout, HandoutMoment, Quote, Unit } from "../../trainer/handout.js";
import { ruleName, type Rule } from "../../engine/index.js";
import { number, pageLanguage, t, tCount } from "../i18n.js";
import { paramLabel } from "../options/param-labels.js";
import { clockTime } from "../scorecard-panel.js";

/** What the handout is of: the scenario, the conversation scored and the good agent it is set against. */
export interface HandoutTitle {
  scenario: string;
  /** The conversation's label: a variant's ("Poor agent") or the practice's. */
  subject: string;
  good: string;
  /** The rule packs whose thresholds are the targets, as "id version". */
  packs: string;
  date: Date;
}

const formatValue = (n: number, unit: Unit): string =>
  unit === "share" ? number(n, { style: "percent" }) : unit === "seconds" ? t("scorecardSeconds", number(n)) : number(n);

/** A figure's value as the handout writes it: "—" where there was nothing to measure, "never" for no acknowledgement. */
export function figureValue(figure: Figure, which: "value" | "good"): string {
  if (which === "value" ? figure.never : figure.goodNever) return t("handoutNever");
  const n = figure[which];
  return n === null ? "—" : formatValue(n, figure.unit);
}

export const targetText = (figure: Figure): string => (figure.target ? t("handoutAtMost", formatValue(figure.target.most, figure.unit)) : t("handoutNoTarget"));
/**
 * Where the target was read: the pack, the rule and its setting — by their ids (for a file), or given the rules, by
 * the names and labels a team lead sees in the options page, in the interface language.
 */
export function targetSource(figure: Figure, rules?: readonly Rule[]): string {
  if (!figure.target) return "";
  const { pack, rule: id, param } = figure.target;
  const rule = rules?.find((r) => r.id === id);
  if (!rule) return [pack, id, param].filter(Boolean).join(" › ");
  return [pack, ruleName(rule, pageLanguage()), param ? paramLabel({ t, number: (n) => number(n) }, param, rule.params) : ""].filter(Boolean).join(" › ");
}

/** One thing to work on, worded in the interface language. */
export function coachingText(coaching: Coaching): string {
  const args = coaching.args.map((arg) => ("text" in arg ? arg.text : formatValue(arg.n, arg.unit)));
  const counted = coaching.args.find((arg): arg is { n: number; unit: "count" } => "n" in arg && arg.unit === "count");
  // A text about a number of moments takes the plural form of that number.
  return coaching.key === "coachMoment" || coaching.key === "coachKeepGoing" ? tCount(coaching.key, counted?.n ?? 0, ...args.filter((_, i) => coaching.args[i] !== counted)) : t(coaching.key, ...args);
}

const outcomeText = (moment: HandoutMoment) => t(`teamOutcome_${moment.outcome}`);

/**
 * The handout as a page: title, three things to work on, the figures, then the moments side by side. `rules`: the
 * packs' rules, by which a target's rule and setting are named as the options page names them.
 */
export function handoutElement(doc: Document, handout: Handout, title: HandoutTitle, rules: readonly Rule[] = []): HTMLElement {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const quoted = (quote: Quote | undefined, fallback: string) => {
    const cell = el("td");
    if (!quote) {
      cell.append(el("span", fallback, "muted"));
      return cell;
    }
    const text = el("q", quote.text);
    // The conversation's language, not the interface's (a Persian scenario in an English trainer).
    text.dir = "auto";
    cell.append(el("span", clockTime(quote.at), "when"), " ", text);
    return cell;
  };
  const article = el("article", undefined, "handout-page");
  const heading = el("h1", t("handoutTitle", title.scenario));
  const subtitle = el("p", undefined, "muted");
  subtitle.append(
    ...[t("handoutCompared", title.subject, title.good), new Intl.DateTimeFormat(doc.documentElement.lang || undefined, { dateStyle: "long", timeStyle: "short" }).format(title.date), t("handoutPacks", title.packs)].flatMap((part, i) =>
      i ? [" · ", part] : [part],
    ),
  );
  article.append(heading, subtitle);

  const coaching = el("section");
  coaching.dataset.section = "coaching";
  coaching.append(el("h2", t("handoutWorkOn")));
  const things = el("ol", undefined, "coaching");
  for (const item of handout.coaching) {
    const li = el("li", coachingText(item));
    li.dataset.key = item.key;
    li.dataset.about = item.about;
    things.append(li);
  }
  coaching.append(things);

  const figures = el("section");
  figures.dataset.section = "figures";
  figures.append(el("h2", t("handoutFigures")));
  const figureTable = el("table", undefined, "figures-table");
  const head = el("tr");
  for (const key of ["handoutFigure", "handoutThisConversation", "handoutGoodAgent", "handoutTarget", "handoutTargetFrom"]) head.append(Object.assign(el("th", t(key)), { scope: "col" }));
  figureTable.append(el("thead"), el("tbody"));
  figureTable.tHead!.append(head);
  for (const figure of handout.figures) {
    const row = el("tr");
    row.dataset.figure = figure.id;
    if (figure.met !== undefined) row.dataset.met = String(figure.met);
    const name = el("th", t(`handoutFigure_${figure.id}`));
    name.scope = "row";
    const verdict = figure.met === undefined ? "" : figure.met ? t("handoutMet") : t("handoutNotMet");
    const value = el("td");
    value.append(el("strong", figureValue(figure, "value")), ...(verdict ? [" ", el("span", verdict, "verdict")] : []));
    row.append(name, value, el("td", figureValue(figure, "good")), el("td", targetText(figure)), el("td", targetSource(figure, rules), "source"));
    figureTable.tBodies[0]!.append(row);
  }
  figures.append(figureTable, el("p", t("handoutFiguresNote"), "muted note"));

  const moments = el("section");
  moments.dataset.section = "moments";
  moments.append(el("h2", t("handoutMoments")), el("p", t("handoutMomentsNote"), "muted note"));
  const momentTable = el("table", undefined, "moments-table");
  const momentHead = el("tr");
  for (const key of ["handoutNudge", "handoutCustomerSaid", "handoutAgentSaid", "handoutGoodAgentSaid"]) momentHead.append(Object.assign(el("th", t(key)), { scope: "col" }));
  momentTable.append(el("thead"), el("tbody"));
  momentTable.tHead!.append(momentHead);
  for (const moment of handout.moments) {
    const row = el("tr");
    row.dataset.rule = moment.rule;
    row.dataset.event = String(moment.event);
    row.dataset.outcome = moment.outcome;
    const nudge = el("th");
    nudge.scope = "row";
    nudge.append(el("span", clockTime(moment.at), "when"), " ", el("span", moment.message, "message"), " ", el("span", outcomeText(moment), `outcome ${moment.outcome}`));
    const good = quoted(moment.good, t("handoutNoReply"));
    if (moment.good) good.dataset.matchedBy = moment.good.matchedBy;
    row.append(nudge, quoted(moment.customer, "—"), quoted(moment.agent, t("handoutNoReply")), good);
    row.cells[1]!.classList.add("customer");
    row.cells[2]!.classList.add("agent");
    row.cells[3]!.classList.add("good");
    momentTable.tBodies[0]!.append(row);
  }
  moments.append(handout.moments.length ? momentTable : el("p", t("handoutNoMoments")));
  article.append(coaching, figures, moments);
  return article;
}

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula sign defused. */
function field(value: string | number): string {
  const text = typeof value === "number" ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The handout as CSV, one row per moment, figure and thing to work on (the `section` column says which). Numbers are
 * plain (seconds, shares 0–1) for a spreadsheet; words are the scenario's own lines, the agent's replies and the
 * interface's. No other customer text.
 */
export function handoutCsv(handout: Handout): string {
  const header = ["section", "id", "at_seconds", "outcome", "message", "customer_said", "agent_said", "good_agent_said", "good_matched_by", "value", "good_value", "target_at_most", "target_from", "target_met"];
  const blank = (row: Partial<Record<(typeof header)[number], string | number>>) => header.map((column) => field(row[column] ?? ""));
  const rows = [
    ...handout.moments.map((m) =>
      blank({ section: "moment", id: m.rule, at_seconds: m.at, outcome: m.outcome, message: m.message, customer_said: m.customer?.text ?? "", agent_said: m.agent?.text ?? "", good_agent_said: m.good?.text ?? "", good_matched_by: m.good?.matchedBy ?? "" }),
    ),
    ...handout.figures.map((f) =>
      blank({
        section: "figure",
        id: f.id,
        value: f.never ? "never" : (f.value ?? ""),
        good_value: f.goodNever ? "never" : (f.good ?? ""),
        target_at_most: f.target?.most ?? "",
        target_from: targetSource(f),
        target_met: f.met === undefined ? "" : String(f.met),
      }),
    ),
    ...handout.coaching.map((c) => blank({ section: "coaching", id: c.about, message: coachingText(c) })),
  ];
  return [header.join(","), ...rows.map((row) => row.join(","))].join("\r\n") + "\r\n";
}
