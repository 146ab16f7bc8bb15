import type { Count, Moment, Scorecard } from "../trainer/scorecard.js";
import { downloadJson } from "./download.js";
import { number, t, tCount } from "./i18n.js";

export interface ScorecardPanelOptions {
  /** Where a figure's moment links to (the trainer jumps there); without it, moments are shown as text. */
  onMoment?: ((moment: Moment) => void) | undefined;
  /** The file name its JSON export is saved under. */
  exportName: string;
}

/** Seconds as m:ss, in the interface language's digits. */
export const clockTime = (seconds: number): string => {
  const whole = Math.floor(seconds);
  return `${number(Math.floor(whole / 60))}:${number(whole % 60, { minimumIntegerDigits: 2 })}`;
};

const SVG = "http://www.w3.org/2000/svg";

/**
 * The scorecard as a small panel: one row per figure (with links to its moments) and a bar chart of the counts. The
 * same panel shows in the trainer and, for the agent's live conversation, in the popup.
 */
export function scorecardPanel(doc: Document, card: Scorecard, options: ScorecardPanelOptions): HTMLElement {
  const panel = doc.createElement("div");
  panel.className = "scorecard";
  const list = doc.createElement("dl");
  const row = (figure: string, label: string, value: string, moments: Moment[]) => {
    const item = doc.createElement("div");
    item.dataset.figure = figure;
    const term = doc.createElement("dt");
    term.textContent = label;
    const detail = doc.createElement("dd");
    const strong = doc.createElement("strong");
    strong.className = "value";
    strong.textContent = value;
    detail.append(strong, ...momentLinks(doc, moments, options));
    item.append(term, detail);
    list.append(item);
  };
  const counted = (figure: keyof Scorecard, key: string) => {
    const count = card[figure] as Count;
    row(figure, t(key), number(count.value), count.moments);
  };
  counted("openQuestions", "scorecardOpenQuestions");
  counted("closedQuestions", "scorecardClosedQuestions");
  counted("feelingAcknowledgements", "scorecardAcknowledgements");
  counted("apologies", "scorecardApologies");
  counted("thanks", "scorecardThanks");
  counted("nameUsed", "scorecardNameUsed");
  if (card.responseTime) {
    row("medianResponse", t("scorecardMedianResponse"), t("scorecardSeconds", number(card.responseTime.median)), []);
    row("longestResponse", t("scorecardLongestResponse"), t("scorecardSeconds", number(card.responseTime.longest)), [card.responseTime.longestAt]);
  }
  if (card.talkShare) row("talkShare", t("scorecardTalkShare"), number(card.talkShare.agent, { style: "percent" }), []);
  if (card.speechRate) {
    row("speechRate", t("scorecardSpeechRate"), tCount("scorecardWordsPerMinute", card.speechRate.wordsPerMinute), []);
    row("fastestTurn", t("scorecardFastestTurn"), tCount("scorecardWordsPerMinute", card.speechRate.fastest.wordsPerMinute), [card.speechRate.fastest]);
  }
  const monologue = card.longestMonologue;
  row("longestMonologue", t("scorecardLongestMonologue"), !monologue ? "—" : card.channel === "call" ? tCount("scorecardWords", monologue.words, number(monologue.seconds)) : tCount("scorecardWordCount", monologue.words), monologue ? [monologue] : []);
  const { raised, shown, followed, missed, open, used } = card.nudges;
  row("nudgesRaised", t("scorecardNudgesRaised"), number(raised.value), raised.moments);
  row("nudgesShown", t("scorecardNudgesShown"), number(shown.value), shown.moments);
  row("nudgesFollowed", t("scorecardNudgesFollowed"), number(followed.value), followed.moments);
  row("nudgesMissed", t("scorecardNudgesMissed"), number(missed.value), missed.moments);
  row("nudgesOpen", t("scorecardNudgesOpen"), number(open.value), open.moments);
  row("nudgesUsed", t("scorecardNudgesUsed"), number(used.value), used.moments);
  const exportButton = doc.createElement("button");
  exportButton.type = "button";
  exportButton.className = "export-scorecard";
  exportButton.textContent = t("scorecardExport");
  exportButton.addEventListener("click", () => downloadJson(doc, options.exportName, card));
  panel.append(list, countsChart(doc, card), exportButton);
  return panel;
}

function momentLinks(doc: Document, moments: Moment[], options: ScorecardPanelOptions): HTMLElement[] {
  return moments.map((moment) => {
    const label = t("scorecardMoment", number(moment.event + 1), clockTime(moment.at));
    const link = doc.createElement(options.onMoment ? "button" : "span");
    link.className = "moment";
    link.dataset.event = String(moment.event);
    link.textContent = clockTime(moment.at);
    link.title = label;
    link.setAttribute("aria-label", label);
    if (link instanceof HTMLButtonElement) {
      link.type = "button";
      link.addEventListener("click", () => options.onMoment?.(moment));
    }
    return link;
  });
}

/** Horizontal bars, one per count: drawn as SVG, no chart library. */
function countsChart(doc: Document, card: Scorecard): SVGElement {
  const bars: Array<[string, number, string]> = [
    [t("scorecardOpenQuestions"), card.openQuestions.value, "good"],
    [t("scorecardClosedQuestions"), card.closedQuestions.value, "neutral"],
    [t("scorecardAcknowledgements"), card.feelingAcknowledgements.value, "good"],
    [t("scorecardApologies"), card.apologies.value, "good"],
    [t("scorecardThanks"), card.thanks.value, "good"],
    [t("scorecardNameUsed"), card.nameUsed.value, "good"],
    [t("scorecardNudgesShown"), card.nudges.shown.value, "neutral"],
    [t("scorecardNudgesFollowed"), card.nudges.followed.value, "good"],
    [t("scorecardNudgesMissed"), card.nudges.missed.value, "bad"],
    [t("scorecardNudgesOpen"), card.nudges.open.value, "bad"],
    [t("scorecardNudgesUsed"), card.nudges.used.value, "good"],
  ];
  const max = Math.max(1, ...bars.map(([, value]) => value));
  const rowHeight = 20;
  const width = 320;
  const labelWidth = 170;
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("viewBox", `0 0 ${width} ${bars.length * rowHeight}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", bars.map(([label, value]) => `${label}: ${number(value)}`).join(", "));
  bars.forEach(([, value, tone], i) => {
    const rect = doc.createElementNS(SVG, "rect");
    rect.setAttribute("x", String(labelWidth));
    rect.setAttribute("y", String(i * rowHeight + 3));
    rect.setAttribute("width", String(Math.max(0.5, ((width - labelWidth) * value) / max)));
    rect.setAttribute("height", String(rowHeight - 6));
    rect.setAttribute("class", `bar ${tone}`);
    svg.append(rect);
  });
  bars.forEach(([label, value], i) => {
    const text = doc.createElementNS(SVG, "text");
    text.setAttribute("x", String(labelWidth - 6));
    text.setAttribute("y", String(i * rowHeight + rowHeight / 2 + 4));
    text.setAttribute("text-anchor", "end");
    text.setAttribute("class", "label");
    text.textContent = `${label} ${number(value)}`;
    svg.append(text);
  });
  return svg;
}
