import browser from "webextension-polyfill";
import { askWorker } from "../ask-worker.js";
import { localizePage, t } from "../i18n.js";
import { scorecardPanel } from "../scorecard-panel.js";

const SNOOZE_MINUTES = 15;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function render(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const status = await askWorker({ type: "tab-status", tabId: tab.id });

  const conversation = status.conversations[0];
  $("conversation-state").textContent = conversation
    ? t("popupFoundBy", conversation.adapter, conversation.language ?? t("popupLanguageUnknown"))
    : t("popupNoConversation");
  $("figures").hidden = !conversation;
  const totals = { raised: 0, followed: 0, missed: 0, open: 0 };
  for (const c of status.conversations) for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += c.nudges[key];
  for (const [key, value] of Object.entries(totals)) $(key).textContent = String(value);
  $("scorecard-section").hidden = !conversation;
  $("scorecard").replaceChildren(...(conversation ? [scorecardPanel(document, conversation.scorecard, { t, exportName: "attune-scorecard.json" })] : []));

  const site = tab.url && URL.canParse(tab.url) ? new URL(tab.url).origin : undefined;
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

  const snoozed = status.snoozedUntil > Date.now();
  $("snooze-state").textContent = snoozed
    ? t("popupSnoozedUntil", new Date(status.snoozedUntil).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }))
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
      item.textContent = `${pack.id} ${pack.version} (${pack.languages.join(", ")})`;
      return item;
    }),
  );
}

void localizePage(document).then(render);
