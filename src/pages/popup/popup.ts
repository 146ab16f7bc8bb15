import browser from "webextension-polyfill";
import { askWorker } from "../ask-worker.js";
import { localizePage, number, t, tCount, tIsolated, timeOfDay } from "../i18n.js";
import { scorecardPanel } from "../scorecard-panel.js";
import { ReadingStatusSchema, type ReadingStatus } from "../../shared/messages.js";
import { READING_STATUS } from "../../shared/ports.js";

const SNOOZE_MINUTES = 15;
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

async function render(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const status = await askWorker({ type: "tab-status", tabId: tab.id });

  const conversation = status.conversations[0];
  const site = tab.url && URL.canParse(tab.url) ? new URL(tab.url).origin : undefined;
  const frameId = conversation?.frameId ?? 0;
  const reading = await readingStatus(tab.id, frameId);
  showReading(tab.id, frameId, site, reading);
  // A conversation found with nothing in it yet is known to the page only: the worker knows it from its first message.
  const reader = reading?.reader?.name;
  $("conversation-state").replaceChildren(...(conversation
    ? tIsolated(document, "popupFoundBy", reader ?? conversation.adapter, conversation.language ?? t("popupLanguageUnknown"))
    : reader ? tIsolated(document, "popupReadingWith", reader) : [t("popupNoConversation")]));
  $("figures").hidden = !conversation;
  // The cards the agent saw, and what became of them; what the engine raised beyond them is said apart.
  const totals = { shown: 0, followed: 0, missed: 0, open: 0 };
  for (const c of status.conversations) for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += c.nudges[key];
  const labels = { shown: "popupRaised", followed: "popupFollowed", missed: "popupMissed", open: "popupOpen" };
  for (const [key, value] of Object.entries(totals) as Array<[keyof typeof totals, number]>) {
    $(key).textContent = number(value);
    $(`${key}-label`).textContent = tCount(labels[key], value);
  }
  const raised = status.conversations.reduce((sum, c) => sum + c.nudges.raised, 0);
  $("raised-in-all").hidden = raised === totals.shown;
  $("raised-in-all").textContent = tCount("popupRaisedInAll", raised);
  $("scorecard-section").hidden = !conversation;
  $("scorecard").replaceChildren(...(conversation ? [scorecardPanel(document, conversation.scorecard, { exportName: "attune-scorecard.json" })] : []));

  const toggle = $<HTMLInputElement>("site-enabled");
  toggle.checked = status.siteEnabled;
  toggle.disabled = !site;
  toggle.onchange = async () => {
    if (site) await askWorker({ type: "set-site-enabled", origin: site, enabled: toggle.checked });
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

  const snoozed = status.snoozedUntil > Date.now();
  $("snooze-state").textContent = snoozed
    ? t("popupSnoozedUntil", timeOfDay(status.snoozedUntil))
    : t("popupCoachingOn");
  const snooze = $<HTMLButtonElement>("snooze");
  snooze.textContent = snoozed ? t("popupResume") : t("overlaySnooze");
  snooze.onclick = async () => {
    await askWorker({ type: "snooze", minutes: snoozed ? 0 : SNOOZE_MINUTES });
    await render();
  };

  $("problems-section").hidden = !status.problems.length;
  $("problems").replaceChildren(
    ...status.problems.map((problem) => {
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

void localizePage(document).then(render);
