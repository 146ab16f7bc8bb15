import browser from "webextension-polyfill";
import { SNOOZE_MINUTES, snoozeSign } from "../../shared/snoozes.js";
import { askWorker } from "../ask-worker.js";
import { localizePage, number, t, tCount, tIsolated, timeOfDay } from "../i18n.js";
import { scorecardPanel } from "../scorecard-panel.js";
import { downloadOwnStats } from "../stats-export.js";
import { CallStatusSchema, ReadingStatusSchema, type CallWindowMessage, type ConversationSummary, type ReadingStatus, type TabStatus } from "../../shared/messages.js";
import { READING_STATUS } from "../../shared/ports.js";

/** How long the popup waits for the page to be read again after the sides are swapped. */
const REREAD_WAIT_MS = 3000;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the content script in that frame of the tab reads; undefined where none answers (no script, no access). */
async function readingStatus(tabId: number, frameId: number): Promise<ReadingStatus | undefined> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, { type: READING_STATUS }, { frameId }).catch(() => undefined);
  const parsed = ReadingStatusSchema.safeParse(answer);
  return parsed.success ? parsed.data : undefined;
}

/** The reader in use and the last messages it read, labelled You / Customer, with the correction of the sides. */
function showReading(tabId: number, frameId: number, site: string | undefined, reading: ReadingStatus | undefined): void {
  $("reading").hidden = !reading?.reader;
  if (!reading?.reader) return;
  $("recent").replaceChildren(
    ...(reading.messages.length ? reading.messages : [undefined]).map((message) => {
      const item = document.createElement("li");
      if (!message) {
        item.textContent = t("popupNothingReadYet");
        return item;
      }
      // The same words the picker uses for the two sides.
      const who = document.createElement("b");
      who.textContent = t(message.speaker === "agent" ? "teachAgent" : "teachCustomer");
      item.dataset.speaker = message.speaker;
      // The page's words keep their own direction, whatever the popup's: an Italian line in a Persian popup.
      const text = document.createElement("bdi");
      text.textContent = message.text;
      item.append(who, " ", text);
      return item;
    }),
  );
  $("swap-state").hidden = !reading.swapped;
  const swap = $<HTMLButtonElement>("swap-speakers");
  swap.textContent = t(reading.swapped ? "popupUnswap" : "popupSwap");
  swap.disabled = !site;
  swap.onclick = async () => {
    if (!site) return;
    swap.disabled = true;
    const swapped = !reading.swapped;
    await askWorker({ type: "set-speakers-swapped", tabId, origin: site, swapped });
    // The page reads its conversation again the corrected way: shown as soon as it has.
    const until = Date.now() + REREAD_WAIT_MS;
    let now = await readingStatus(tabId, frameId);
    while (now?.swapped !== swapped && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      now = await readingStatus(tabId, frameId);
    }
    await render();
  };
}

/** Which of the tab's conversations is on screen: the one the page says it reads, else the first the worker has. */
function onScreen(conversations: ConversationSummary[], frameId: number, reading: ReadingStatus | undefined): ConversationSummary | undefined {
  const reader = reading?.reader;
  return conversations.find((c) => c.frameId === frameId && c.adapter === reader?.id && c.key === reader.conversationKey) ?? conversations[0];
}

/**
 * The state in one line: paused on this site, snoozed until… (all coaching, or some nudges from their cards), reading,
 * or nothing found; and snooze or Resume (which ends every snooze, as the page's sign does).
 */
function showState(status: TabStatus, found: boolean): void {
  const sign = snoozeSign({ all: status.snoozedUntil, rules: status.snoozedRules }, Date.now());
  const snoozed = !!sign;
  const state = !status.siteEnabled ? "paused" : snoozed ? "snoozed" : found ? "reading" : "none";
  const line = $("state-line");
  line.dataset.state = state;
  line.textContent = {
    paused: t("popupStatePaused"),
    snoozed: sign?.all === false ? t("overlaySnoozedRules", timeOfDay(sign.until)) : t("popupSnoozedUntil", timeOfDay(sign?.until ?? 0)),
    reading: t("popupStateReading"),
    none: t("popupNoConversation"),
  }[state];
  const snooze = $<HTMLButtonElement>("snooze");
  snooze.textContent = snoozed ? t("popupResume") : t("overlaySnooze");
  snooze.classList.toggle("primary", snoozed);
  snooze.onclick = async () => {
    await askWorker({ type: "snooze", minutes: snoozed ? 0 : SNOOZE_MINUTES });
    await render();
  };
}

/** The conversation's nudges, newest first: the rule's message, the moment it came, and what became of it. */
function showNudges(conversation: ConversationSummary | undefined): void {
  $("nudges-section").hidden = !conversation;
  if (!conversation) return;
  // The figures are the scorecard's (the worker takes them from it), as are the statistics' counts.
  const labels = { shown: "popupShown", followed: "popupFollowed", missed: "popupMissed", open: "popupOpen", used: "popupUsed" } as const;
  for (const [key, label] of Object.entries(labels) as Array<[keyof typeof labels, string]>) {
    const value = conversation.nudges[key];
    $(key).textContent = number(value);
    $(`${key}-label`).textContent = tCount(label, value);
  }
  const { raised, shown } = conversation.nudges;
  $("raised-in-all").hidden = raised === shown;
  $("raised-in-all").textContent = tCount("popupRaisedInAll", raised);
  const items = [...conversation.list].reverse().map((nudge) => {
    const item = document.createElement("li");
    Object.assign(item.dataset, { rule: nudge.rule, event: String(nudge.event), outcome: nudge.outcome, shown: String(nudge.shown), used: String(nudge.used) });
    item.classList.toggle("unshown", !nudge.shown);
    const at = conversation.startedAt + nudge.at * 1000;
    const moment = document.createElement("time");
    moment.className = "moment";
    moment.dateTime = new Date(at).toISOString();
    moment.textContent = timeOfDay(at);
    // A pack's message may be in another script than the interface (an English rule in a Persian popup).
    const message = document.createElement("bdi");
    message.className = "message";
    message.textContent = nudge.message;
    const outcome = document.createElement("span");
    outcome.className = "outcome";
    outcome.textContent = nudge.shown ? t(`teamOutcome_${nudge.outcome}`) : t("popupNotShown");
    item.append(moment, " ", message, " ", outcome);
    if (nudge.used) {
      const used = document.createElement("span");
      used.className = "used";
      used.textContent = t("popupNudgeUsed");
      item.append(" ", used);
    }
    return item;
  });
  $("nudges").replaceChildren(...(items.length ? items : [Object.assign(document.createElement("li"), { className: "muted", textContent: t("popupNoNudges") })]));
}

/** Behind "Details": the reader and language, the last messages read, problems (counted on the summary) and packs. */
function showDetails(status: TabStatus, conversation: ConversationSummary | undefined, reading: ReadingStatus | undefined): void {
  // A conversation found with nothing in it yet is known to the page only: the worker knows it from its first message.
  const reader = reading?.reader?.name;
  $("conversation-state").replaceChildren(...(conversation
    ? tIsolated(document, "popupFoundBy", reader ?? conversation.adapter, conversation.language ?? t("popupLanguageUnknown"))
    : reader ? tIsolated(document, "popupReadingWith", reader) : [t("popupNoConversation")]));
  const problems = status.problems;
  // Problems are not hidden away: their count shows on the closed disclosure.
  $("problem-count").hidden = !problems.length;
  $("problem-count").textContent = tCount("popupProblemCount", problems.length);
  $("problems-section").hidden = !problems.length;
  $("problems").replaceChildren(
    ...problems.map((problem) => {
      const item = document.createElement("li");
      item.textContent = problem;
      return item;
    }),
  );
  $("packs").replaceChildren(
    ...status.packs.map((pack) => {
      const item = document.createElement("li");
      item.dir = "auto";
      item.textContent = `${pack.id} ${pack.version} (${pack.languages.join(", ")})`;
      return item;
    }),
  );
}

async function render(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const status = await askWorker({ type: "tab-status", tabId: tab.id });
  const site = tab.url && URL.canParse(tab.url) ? new URL(tab.url).origin : undefined;
  const frameId = status.conversations[0]?.frameId ?? 0;
  const reading = await readingStatus(tab.id, frameId);
  const conversation = onScreen(status.conversations, frameId, reading);

  showState(status, !!conversation || !!reading?.reader);
  showNudges(conversation);
  $("scorecard-section").hidden = !conversation;
  $("scorecard").replaceChildren(...(conversation ? [scorecardPanel(document, conversation.scorecard, { exportName: "attune-scorecard.json" })] : []));
  showDetails(status, conversation, reading);
  showReading(tab.id, frameId, site, reading);

  const toggle = $<HTMLInputElement>("site-enabled");
  toggle.checked = status.siteEnabled;
  toggle.disabled = !site;
  toggle.onchange = async () => {
    if (site) await askWorker({ type: "set-site-enabled", origin: site, enabled: toggle.checked });
    await render();
  };

  const teach = $<HTMLButtonElement>("teach");
  teach.disabled = !site?.startsWith("http");
  teach.onclick = () => {
    if (!site || tab.id === undefined) return;
    // The picker now (opening this popup gave access to the tab), then the site's permission, asked at this moment:
    // the one a browser allows, a click. Asking may close the popup, so the picker does not wait for the answer.
    void askWorker({ type: "teach-site", tabId: tab.id });
    void browser.permissions.request({ origins: [`${site}/*`] }).finally(() => window.close());
  };

  // Opening this popup let Attune capture this tab's audio: the worker asks for it now and opens the call window.
  $("coach-call").onclick = () => {
    if (tab.id !== undefined) void askWorker({ type: "coach-call", tabId: tab.id }).finally(() => window.close());
  };
  await showCallListening();
}

/** A call window listening (in any window): said here, with one click to stop it; otherwise the way to start one. */
async function showCallListening(): Promise<void> {
  const ask = (message: CallWindowMessage) => browser.runtime.sendMessage(message).then((answer: unknown) => CallStatusSchema.safeParse(answer).data, () => undefined);
  const show = (listening: boolean) => {
    $("call-listening").hidden = !listening;
    $("coach-call").hidden = listening;
  };
  show((await ask({ type: "call-status" }))?.listening ?? false);
  $("stop-call").onclick = async () => show((await ask({ type: "stop-call" }))?.listening ?? false);
}

// The agent's counts for their team lead's team view: counts per rule, a pseudonymous label, no conversation text.
$("export-stats").onclick = () => void downloadOwnStats(document);

void localizePage(document).then(render);
