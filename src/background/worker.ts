import browser, { type Runtime } from "webextension-polyfill";
import type { Nudge } from "../engine/nudge.js";
import { ContentToWorkerSchema, type ConversationEventMessage, type WorkerToContent } from "../shared/messages.js";
import { readSettings } from "../shared/settings.js";
import { createCoach } from "./coach.js";
import { CoachingGate } from "./coaching-gate.js";
import { ConversationStore } from "./conversation-store.js";
import { StatsRecorder } from "./stats.js";

const store = new ConversationStore(
  {
    get: (key) => browser.storage.session.get(key),
    set: (items) => browser.storage.session.set(items),
    remove: (keys) => browser.storage.session.remove(keys),
  },
  createCoach,
);
const stats = new StatsRecorder(browser.storage.local);
const gate = new CoachingGate();
/** Open nudges shown per tab, for the toolbar badge. */
const openPerTab = new Map<number, Set<string>>();

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  // Only our own content scripts, in a tab, may talk to the worker through this channel.
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || tabId === undefined) return undefined;
  const parsed = ContentToWorkerSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  switch (message.type) {
    case "conversation-event":
      return onConversationEvent(tabId, sender.frameId ?? 0, message);
    case "nudge-feedback":
      return stats.count(message.rule, message.helpful ? "helpful" : "notHelpful").then(() => dropFromBadge(tabId, message.rule));
    case "nudge-dismissed":
      return stats.count(message.rule, "dismissed").then(() => dropFromBadge(tabId, message.rule));
    case "snooze":
      return browser.storage.local.set({ snoozedUntil: Date.now() + message.minutes * 60_000 }).then(() => updateBadge(tabId, new Set()));
  }
});

async function onConversationEvent(tabId: number, frameId: number, message: ConversationEventMessage) {
  const { ack, step } = await store.accept(tabId, frameId, message);
  if (!step.raised.length && !step.resolved.length) return ack;
  await stats.countStep(step);
  const { settings, snoozedUntil } = await browser.storage.local.get(["settings", "snoozedUntil"]);
  const raised = gate.admit(tabId, step.raised, readSettings(settings), Number(snoozedUntil ?? 0), Date.now());
  const open = openPerTab.get(tabId) ?? new Set();
  for (const nudge of raised) open.add(badgeKey(nudge));
  for (const nudge of step.resolved) open.delete(badgeKey(nudge));
  await updateBadge(tabId, open);
  if (raised.length || step.resolved.length) {
    const reply: WorkerToContent = { type: "nudges", conversationKey: message.conversation.key, raised, resolved: step.resolved };
    browser.tabs.sendMessage(tabId, reply, { frameId }).catch(() => undefined);
  }
  return ack;
}

const badgeKey = (nudge: Nudge) => `${nudge.rule}\u0000${nudge.event}`;

async function dropFromBadge(tabId: number, rule: string): Promise<void> {
  const open = openPerTab.get(tabId) ?? new Set();
  for (const key of open) if (key.startsWith(`${rule}\u0000`)) open.delete(key);
  await updateBadge(tabId, open);
}

async function updateBadge(tabId: number, open: Set<string>): Promise<void> {
  openPerTab.set(tabId, open);
  await browser.action.setBadgeText({ tabId, text: open.size ? String(open.size) : "" }).catch(() => undefined);
}

browser.commands.onCommand.addListener(async (command) => {
  if (command !== "dismiss-nudge") return;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const message: WorkerToContent = { type: "dismiss-nudge" };
  if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
});

browser.tabs.onRemoved.addListener((tabId) => {
  openPerTab.delete(tabId);
  gate.forgetTab(tabId);
  void store.forgetTab(tabId);
});
