import browser, { type Runtime } from "webextension-polyfill";
import type { Nudge } from "../engine/nudge.js";
import { ruleName } from "../engine/rule-texts.js";
import {
  CALL_AUDIO_ADAPTER,
  ContentToWorkerSchema,
  ConversationEventsSchema,
  NudgesReceivedSchema,
  PageToWorkerSchema,
  type CallWindowMessage,
  type ConversationEventsMessage,
  type ConversationRef,
  type EventsAccepted,
  type EventsRefused,
  type OverlaySetup,
  type PageToWorker,
  type TabStatus,
  type WorkerToContent,
} from "../shared/messages.js";
import { formatNumber, translate } from "../shared/locales.js";
import { overlayLabels } from "../shared/overlay-setup.js";
import { EVENTS_PORT } from "../shared/ports.js";
import { MAX_CONVERSATION_KEY, MAX_TEXT } from "../shared/limits.js";
import { speakersSwappedKey } from "../shared/storage-keys.js";
import { agentLabelIn, storedCounts } from "../shared/team-stats.js";
import { coachCall } from "./call-coaching.js";
import { CallLinks, judging, type CallLink } from "./call-links.js";
import { listenedTab, senderKind, type SenderKind } from "./senders.js";
import { activePacks, createCoach } from "./coach.js";
import { CoachingGate } from "./coaching-gate.js";
import { ConversationStore, type Delivery, type SessionStorage } from "./conversation-store.js";
import { refusalOf } from "./events-refusal.js";
import { OpenNudgesBadge } from "./open-nudges-badge.js";
import { PageProblems } from "./page-problems.js";
import { currentProblems, reportProblem } from "./problems.js";
import { disabledSites, interfaceLanguage, setSiteEnabled, settings, snoozes } from "./settings-cache.js";
import { StatsRecorder } from "./stats.js";
import { importPack, policyNow, removePack, reviewPack, saveOverrides, teamReady, teamState } from "./team-config.js";
import { sendTelemetry, TELEMETRY_ALARM } from "./telemetry.js";
import { exportTaughtSites, forgetTaughtSite, importTaughtSites, saveTaughtSite, syncTaughtScripts, taughtSites } from "./taught-sites.js";
import { Wake } from "./wake.js";

// Everything coaching holds between two events is in session storage, not only in the worker's memory: the browser
// stops an idle worker after 30 s, or at any moment.
const session: SessionStorage = {
  get: (key) => browser.storage.session.get(key),
  set: (items) => browser.storage.session.set(items),
  remove: (keys) => browser.storage.session.remove(keys),
};
const store = new ConversationStore(session, createCoach, reportProblem);
const stats = new StatsRecorder(browser.storage.local);
const gate = new CoachingGate(session);
const pageProblems = new PageProblems(session, reportProblem);
const callLinks = new CallLinks(session);
// The count in the agent's interface language's digits (Persian ones in fa).
const badge = new OpenNudgesBadge(session, (tabId, count) =>
  browser.action.setBadgeText({ tabId, text: count ? formatNumber(interfaceLanguage(), count) : "" }).catch(() => undefined),
);
const wake = new Wake(() => void fireTimers(), browser.alarms);
void store.nextDue().then((when) => wake.at(when));

// Metrics to the organisation's collector, only where its policy names one: the policy is read again at each send
// (the alarm is set, or cleared, whenever it is read), and the browser's start reads it so the alarm follows it.
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== TELEMETRY_ALARM) return;
  void policyNow().then((policy) =>
    sendTelemetry(
      policy.telemetry,
      async () => ({ ...(await storedCounts(browser.storage.local)), agent: await agentLabelIn(browser.storage.local) }),
      browser.runtime.getManifest().version,
    ),
  );
});
browser.runtime.onStartup.addListener(() => void teamReady());
browser.runtime.onInstalled.addListener(() => void teamReady());
/** Each frame's connection, while it is open: how to hand it a conversation's outbox. */
const connections = new Map<string, (conversation: ConversationRef, outbox: Delivery[]) => void>();
const frameOf = (tabId: number, frameId: number) => `${tabId}:${frameId}`;

const kindOf = (sender: Runtime.MessageSender | undefined) => senderKind(sender, browser.runtime.id, browser.runtime.getURL(""));

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const kind = kindOf(sender);
  if (kind === "page") {
    const parsed = PageToWorkerSchema.safeParse(raw);
    return parsed.success ? onPageMessage(parsed.data) : undefined;
  }
  // Otherwise only our own content scripts, in a tab, and the call window, which speaks for its call as a content
  // script does for its page.
  const tabId = sender.tab?.id;
  if (kind === "other" || tabId === undefined) return undefined;
  const parsed = ContentToWorkerSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  switch (message.type) {
    case "nudge-feedback":
      return firstAnswer(kind, sender, message.rule, message.nudge, "rated")
        .then((first) => (first ? stats.count(message.rule, message.helpful ? "helpful" : "notHelpful") : undefined))
        .then(() => dropFromBadge(kind, tabId, message.rule));
    case "nudge-feedback-reason":
      return stats.count(message.rule, message.reason);
    case "nudge-dismissed":
      return stats.count(message.rule, "dismissed").then(() => dropFromBadge(kind, tabId, message.rule));
    case "nudge-shown": {
      const { adapter, conversationKey: key, rule, event } = message;
      return conversationPlace(kind, tabId, sender.frameId ?? 0, adapter)
        .then((place) => store.markShown(place.tabId, place.frameId, { adapter, key }, { rule, event }))
        .then((first) => (first ? stats.countShown(first) : undefined));
    }
    case "nudges-unshown":
      // The density limit counts the cards the agent saw: these places are free again.
      return gate.ready(tabId).then(() => {
        gate.refund(tabId, message.conversationKey, message.nudges);
        return session.set(gate.saved(tabId));
      });
    case "nudge-used": {
      const { adapter, conversationKey: key, rule, event } = message;
      return conversationPlace(kind, tabId, sender.frameId ?? 0, adapter)
        .then((place) => store.markUsed(place.tabId, place.frameId, { adapter, key }, { rule, event }))
        .then((first) => (first ? stats.count(rule, "used") : undefined));
    }
    case "call-listening":
      return kind === "call-window" ? callListening(tabId, listenedTab(sender, browser.runtime.getURL("")), message.listening) : undefined;
    case "stop-listening":
      return kind === "content" ? stopListeningTo(tabId) : undefined;
    case "timers-due":
      return fireTimers();
    case "events-undelivered":
      pageProblems.add("A page's events went unanswered however often they were sent: they were dropped, and coaching went on with the next.");
      return undefined;
    case "snooze": {
      const { rule } = message;
      const counted = rule && firstAnswer(kind, sender, rule, message.nudge, "snoozed").then((first) => (first ? stats.count(rule, "snoozed") : undefined));
      return Promise.all([snooze(message.minutes, message.only ? rule : undefined), counted]).then(() => undefined);
    }
    case "snooze-undone": {
      const counted = firstAnswer(kind, sender, message.rule, message.nudge, "snoozed", true).then((taken) => (taken ? stats.uncount(message.rule, "snoozed") : undefined));
      return Promise.all([snooze(0, message.only ? message.rule : undefined), counted]).then(() => undefined);
    }
    case "resume":
      return snooze(0);
    case "overlay-setup":
      return overlaySetup(tabId);
    case "teach-setup":
      return teachLabels();
    case "save-taught-site":
      return saveTaughtSite(siteOf(sender), message.spec).then(async (result) => {
        // The site may not have the content script yet (it is not a built-in console): start reading it now.
        if (result.ok) await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: ["content.js"] }).catch(() => undefined);
        return result;
      });
  }
});

// A content script's conversation events, on its events port: nudges and acknowledgements go back on the same port,
// and the page's receipts for the nudges come on it.
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== EVENTS_PORT) return;
  const sender = port.sender;
  const tabId = sender?.tab?.id;
  // Only our own content scripts, in a tab, send events, and the call window its call's turns.
  const kind = kindOf(sender);
  if (!sender || (kind !== "content" && kind !== "call-window") || tabId === undefined) {
    port.disconnect();
    return;
  }
  const frameId = sender.frameId ?? 0;
  const site = siteOf(sender);
  const post = (message: WorkerToContent | EventsAccepted | EventsRefused) => {
    try {
      port.postMessage(message);
    } catch {
      // The page went away or reloaded: what it had not seen acknowledged, it sends again on its next connection.
    }
  };
  /** Deliveries sent on this connection: the rest of a conversation's outbox is sent with the next answer on it. */
  const sentHere = new Set<string>();
  const deliver = (conversation: ConversationRef, outbox: Delivery[]) => {
    for (const { delivery, raised, resolved } of outbox) {
      const id = `${conversation.adapter}\u0000${conversation.key}\u0000${delivery}`;
      if (sentHere.has(id)) continue;
      sentHere.add(id);
      post({ type: "nudges", adapter: conversation.adapter, conversationKey: conversation.key, delivery, raised, resolved });
    }
  };
  connections.set(frameOf(tabId, frameId), deliver);
  port.onDisconnect.addListener(() => {
    if (connections.get(frameOf(tabId, frameId)) === deliver) connections.delete(frameOf(tabId, frameId));
  });
  port.onMessage.addListener((raw: unknown) => {
    const receipt = NudgesReceivedSchema.safeParse(raw);
    if (receipt.success) {
      const { adapter, conversationKey, delivery } = receipt.data;
      void store.acknowledge(tabId, frameId, { adapter, key: conversationKey }, delivery);
      return;
    }
    const parsed = ConversationEventsSchema.safeParse(raw);
    if (!parsed.success) {
      // Said, not kept silent: the page drops the batch and goes on, and the popup shows what was refused.
      const refusal = refusalOf(raw, parsed.error);
      pageProblems.add(refusal.problem);
      if (refusal.session !== undefined) post({ type: "events-refused", session: refusal.session, reason: refusal.reason });
      return;
    }
    const { session } = parsed.data;
    void onConversationEvent(tabId, frameId, kind, site, parsed.data, (outbox) => deliver(parsed.data.conversation, outbox)).then(
      ({ acceptedThrough, wakeAt }) => post({ type: "events-accepted", session, acceptedThrough, ...(wakeAt === undefined ? {} : { wakeAt }) }),
      (error: unknown) => reportProblem(`Could not take in the page's events: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
});

// Access to a taught site granted or taken back (popup, options page, browser settings): read it, or stop.
browser.permissions.onAdded.addListener(() => void syncTaughtScripts());
browser.permissions.onRemoved.addListener(() => void syncTaughtScripts());

/** The picker's words, in the agent's interface language (async: the polyfill answers only promises). */
async function teachLabels(): Promise<Record<string, string>> {
  const language = interfaceLanguage();
  return Object.fromEntries(TEACH_LABELS.map((key) => [key, translate(language, key)]));
}

const TEACH_LABELS = [
  "teachTitle", "teachStepTranscript", "teachStepAgent", "teachStepCustomer", "teachStepReplyBox", "teachSkip",
  "teachStartOver", "teachCancel", "teachSave", "teachPreview", "teachSaved", "teachAgent", "teachCustomer",
  "teachNothingRead", "teachProblemOutsidePane", "teachProblemSameMessage", "teachProblemNoStablePane",
  "teachProblemNoMessageShape", "teachProblemSpeakers", "teachWider", "teachNarrower", "teachPickThis", "teachWidenHint",
];

async function overlaySetup(tabId: number): Promise<OverlaySetup> {
  const [{ autoHideSeconds }, listening] = await Promise.all([settings(), callLinks.listeningTo(tabId)]);
  const language = interfaceLanguage();
  // The team's packs, not only the shipped ones: the card's menu names the rule a nudge came from.
  await teamReady();
  const ruleNames = Object.fromEntries(activePacks().flatMap((pack) => pack.rules.map((rule) => [rule.id, ruleName(rule, language)])));
  return { labels: overlayLabels((key) => translate(language, key)), ruleNames, locale: language, autoHideSeconds, listening };
}

/** The site the agent is on: the tab's page, even when the chat is read from a frame inside it. */
function siteOf(sender: Runtime.MessageSender): string {
  const url = sender.tab?.url ?? sender.url ?? "";
  return URL.canParse(url) ? new URL(url).origin : "";
}

/**
 * Takes a batch in and hands `deliver` the conversation's outbox once it is saved (this batch's nudges, and any the page
 * has not acknowledged); the badge and the stats come after, off the path to the agent's eyes. The answer says when the
 * next timer is due, for the page to wake the worker then.
 */
async function onConversationEvent(tabId: number, frameId: number, kind: "content" | "call-window", site: string, message: ConversationEventsMessage, deliver: (outbox: Delivery[]) => void) {
  // Switched off for this site: acknowledged, so the page stops resending, and otherwise ignored.
  const off = await disabledSites();
  if (off.includes(site)) return { ok: true, acceptedThrough: message.events.at(-1)!.seq, wakeAt: undefined };
  reportCuts(message);
  const { channel } = message.conversation;
  if (kind === "content" && channel === "call") await callLinks.transcriptIn(tabId, frameId);
  // A call heard by a call window and read from its tab's transcript is coached once (call-links.ts).
  const links = await callLinks.all();
  // Only this window's tab is looked up: the other windows' links do not bear on its batch.
  const phones = kind === "call-window" ? links.filter((link) => link.window === tabId).map((link) => link.phone) : [];
  const how = judging(links, tabId, kind, channel, await tabsOnSites(phones, off));
  const shownIn = how.shownIn;
  const [current, snoozed] = await Promise.all([settings(), snoozes(), teamReady(), gate.ready(shownIn)]);
  let raised: Nudge[] = [];
  const { ack, step, resolvedShown, outbox } = await store.accept(tabId, frameId, message, (step) => {
    raised = gate.admit(shownIn, step.raised, current, snoozed, Date.now(), message.conversation.key);
    return { raised, resolved: step.resolved, alsoSave: gate.saved(shownIn) };
  }, how);
  deliver(outbox);
  for (const frame of how.alsoTo?.frames ?? []) await sendOutbox(how.alsoTo!.tab, frame, message.conversation, outbox);
  const wakeAt = await store.nextDue();
  wake.at(wakeAt);
  if (step.raised.length || step.resolved.length) await Promise.all([badge.shown(shownIn, raised, step.resolved), stats.countStep(step.raised, resolvedShown)]);
  return { ...ack, wakeAt };
}

/** Which of these tabs show a page of one of these sites now (a tab Attune may not see the address of is not). */
async function tabsOnSites(tabIds: readonly number[], sites: readonly string[]): Promise<number[]> {
  if (!sites.length || !tabIds.length) return [];
  const urls = await Promise.all(tabIds.map((id) => browser.tabs.get(id).then((tab) => tab.url, () => undefined)));
  return tabIds.filter((_, i) => URL.canParse(urls[i] ?? "") && sites.includes(new URL(urls[i]!).origin));
}

/**
 * A call window started or stopped listening to the tab its address names (a window opened on no tab, or listening
 * to another source, is not linked): while it listens, the tab's call transcript leaves the timing to the audio.
 */
async function callListening(window: number, phone: number | undefined, listening: boolean): Promise<void> {
  if (!listening) {
    const stopped = await callLinks.stopped(window);
    if (stopped) await tellListening(stopped);
    return;
  }
  if (phone === undefined) return;
  await tellListening(await callLinks.listen(window, phone, true, await store.callFrames(phone)));
}

/**
 * The listened tab's page shows a sign while a call window listens to it, with Stop: where its card is (the frames
 * reading the call's transcript), else in the tab's top frame. A page with no content script of ours has none: the
 * popup and the call window say it there, and the browser marks the tab.
 */
async function tellListening({ phone, listening, frames }: CallLink): Promise<void> {
  const message: WorkerToContent = { type: "call-listening", listening };
  const to = frames.length ? frames : [0];
  await Promise.all(to.map((frameId) => browser.tabs.sendMessage(phone, message, { frameId }).catch(() => undefined)));
}

/** Stop, on a page's listening sign: passed on to the call window listening to that tab (it alone knows its stream). */
async function stopListeningTo(phone: number): Promise<void> {
  if (!(await callLinks.listeningTo(phone))) return;
  const message: CallWindowMessage = { type: "stop-call", tab: phone };
  await browser.runtime.sendMessage(message).catch(() => undefined);
}

/**
 * Whether an answer to a nudge is counted: the first time it is given to that nudge (a call's nudge is answered in the
 * call window or on the console's card; once counts), or, `undo`, when one given is taken back. An answer naming no
 * nudge is counted.
 */
async function firstAnswer(kind: SenderKind, sender: Runtime.MessageSender, rule: string, nudge: { adapter: string; conversationKey: string; event: number } | undefined, answer: "rated" | "snoozed", undo = false): Promise<boolean> {
  if (!nudge || sender.tab?.id === undefined) return true;
  const place = await conversationPlace(kind, sender.tab.id, sender.frameId ?? 0, nudge.adapter);
  return store.answer(place.tabId, place.frameId, { adapter: nudge.adapter, key: nudge.conversationKey }, { rule, event: nudge.event }, answer, undo);
}

/** A nudge rated or dismissed leaves the badge it counts in: a call window's, that of the tab whose card shows it. */
async function dropFromBadge(kind: SenderKind, tabId: number, rule: string): Promise<void> {
  const card = kind === "call-window" ? await callLinks.cardOf(tabId) : undefined;
  await badge.dropRule(card ?? tabId, rule);
}

/**
 * Where a card's report about a nudge goes: its own conversation, or, for a call window's nudge shown on the card of
 * the tab it listens to, the window's.
 */
async function conversationPlace(kind: SenderKind, tabId: number, frameId: number, adapter: string): Promise<{ tabId: number; frameId: number }> {
  const window = kind === "content" && adapter === CALL_AUDIO_ADAPTER ? await callLinks.windowOf(tabId) : undefined;
  return window === undefined ? { tabId, frameId } : { tabId: window, frameId: 0 };
}

/**
 * Hands a conversation's outbox to a frame: on the frame's connection, or, when the worker was stopped meanwhile and
 * the page has not connected again, by a message to the frame; the delivery stays in the outbox until acknowledged.
 */
async function sendOutbox(tabId: number, frameId: number, ref: ConversationRef, outbox: Delivery[]): Promise<void> {
  const connection = connections.get(frameOf(tabId, frameId));
  if (connection) return connection(ref, outbox);
  for (const { delivery, raised, resolved } of outbox) {
    const message: WorkerToContent = { type: "nudges", adapter: ref.adapter, conversationKey: ref.key, delivery, raised, resolved };
    await browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined);
  }
}

/**
 * The conversations' timers that are due fire (a wait with no reply), and what they raise goes to the page as any
 * nudge does: on the frame's connection, or, when the worker was stopped meanwhile and the page has not connected
 * again, by a message to the frame; the delivery stays in the outbox until the page acknowledges it.
 */
async function fireTimers(): Promise<void> {
  const [current, snoozed, links] = await Promise.all([settings(), snoozes(), callLinks.all(), teamReady()]);
  // A call window's timers count, and show, where its other nudges do.
  const how = (tabId: number, ref: ConversationRef) => judging(links, tabId, ref.adapter === CALL_AUDIO_ADAPTER ? "call-window" : "content", ref.channel);
  const ticked = await store.tickDue(Date.now(), async (tabId, conversation, step) => {
    const { shownIn } = how(tabId, conversation);
    await gate.ready(shownIn);
    const raised = gate.admit(shownIn, step.raised, current, snoozed, Date.now(), conversation.key);
    return { raised, resolved: step.resolved, alsoSave: gate.saved(shownIn) };
  });
  for (const { tabId, frameId, ref, step, admitted, resolvedShown, outbox } of ticked) {
    const { shownIn, alsoTo } = how(tabId, ref);
    await sendOutbox(tabId, frameId, ref, outbox);
    for (const frame of alsoTo?.frames ?? []) await sendOutbox(alsoTo!.tab, frame, ref, outbox);
    if (step.raised.length || step.resolved.length) await Promise.all([badge.shown(shownIn, admitted, step.resolved), stats.countStep(step.raised, resolvedShown)]);
  }
  wake.at(await store.nextDue());
}

/** What the page had to shorten to send (bounds.ts in the content script) shows in the popup: coaching went on. */
function reportCuts(message: ConversationEventsMessage): void {
  if (message.keyCutFrom) pageProblems.add(`A conversation id longer than ${MAX_CONVERSATION_KEY} characters was shortened: its start and a hash of the whole tell it apart.`);
  if (message.events.some((entry) => entry.cutFrom)) pageProblems.add(`A message longer than ${MAX_TEXT.toLocaleString("en")} characters was cut short: its start was coached.`);
}

async function onPageMessage(message: PageToWorker): Promise<unknown> {
  switch (message.type) {
    case "tab-status": {
      const [tab, sites, snoozed] = await Promise.all([
        teamReady().then(() => browser.tabs.get(message.tabId)).catch(() => undefined),
        disabledSites(),
        snoozes(),
      ]);
      const site = tab?.url && URL.canParse(tab.url) ? new URL(tab.url).origin : "";
      const status: TabStatus = {
        conversations: await store.summaries(message.tabId),
        siteEnabled: !sites.includes(site),
        snoozedUntil: snoozed.all,
        snoozedRules: snoozed.rules,
        problems: await pageProblems.ready().then(currentProblems),
        packs: activePacks().map(({ id, version, languages }) => ({ id, version, languages })),
      };
      return status;
    }
    case "set-site-enabled":
      await setSiteEnabled(message.origin, message.enabled);
      return { ok: true };
    case "snooze":
      await snooze(message.minutes);
      return { ok: true };
    case "teach-site":
      await browser.scripting.executeScript({ target: { tabId: message.tabId }, files: ["teach.js"] });
      return { ok: true };
    case "coach-call":
      await coachCall({ id: message.tabId });
      return { ok: true };
    case "list-taught-sites":
      return taughtSites();
    case "forget-taught-site":
      await forgetTaughtSite(message.origin);
      return { ok: true };
    case "export-taught-sites":
      return exportTaughtSites();
    case "import-taught-sites":
      return importTaughtSites(message.file);
    case "sync-taught-sites":
      await syncTaughtScripts();
      return { ok: true };
    case "set-speakers-swapped":
      // What the tab's conversations were told with the sides wrong is forgotten first: the content script, seeing the
      // correction, reads them again from the start.
      // Nudges already shown still count toward the tab's limit.
      await store.forgetTab(message.tabId);
      await badge.clear(message.tabId);
      if (message.swapped) await browser.storage.local.set({ [speakersSwappedKey(message.origin)]: true });
      else await browser.storage.local.remove(speakersSwappedKey(message.origin));
      return { ok: true };
    case "team-state":
      return teamState();
    case "save-overrides":
      return saveOverrides(message.overrides, message.file);
    case "review-pack":
      return reviewPack(message.file, message.pack);
    case "import-pack":
      return importPack(message.file, message.pack);
    case "remove-pack":
      return removePack(message.id);
    case "reset-stats":
      await stats.reset();
      return { ok: true };
  }
}

/**
 * Pause coaching in every tab, or one rule's nudges only; 0 minutes resumes it (all of it: every rule too, unless
 * a rule is named). Every page's overlay shows what is snoozed from storage.
 */
async function snooze(minutes: number, rule?: string): Promise<void> {
  const until = minutes ? Date.now() + minutes * 60_000 : 0;
  if (rule) {
    const { rules } = await snoozes();
    const next = { ...rules };
    if (until) next[rule] = until;
    else delete next[rule];
    await browser.storage.local.set({ snoozedRules: next });
    if (until) await badge.clearAll();
    return;
  }
  await browser.storage.local.set({ snoozedUntil: until, ...(until ? {} : { snoozedRules: {} }) });
  if (until) await badge.clearAll();
}

browser.commands.onCommand.addListener(async (command) => {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (command === "coach-call") return coachCall(tab);
  if (command !== "dismiss-nudge" && command !== "insert-suggestion") return;
  const message: WorkerToContent = { type: command };
  if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
});

browser.tabs.onRemoved.addListener((tabId) => {
  void callLinks.forgetTab(tabId).then((closed) => Promise.all(closed.map((link) => tellListening({ ...link, listening: false }))));
  void gate.forgetTab(tabId);
  void badge.forget(tabId);
  void store.forgetTab(tabId);
});
