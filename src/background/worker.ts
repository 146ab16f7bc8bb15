import browser, { type Runtime } from "webextension-polyfill";
import { ContentToWorkerSchema, type WorkerToContent } from "../shared/messages.js";
import { createCoach } from "./coach.js";
import { ConversationStore } from "./conversation-store.js";

const store = new ConversationStore(
  {
    get: (key) => browser.storage.session.get(key),
    set: (items) => browser.storage.session.set(items),
    remove: (keys) => browser.storage.session.remove(keys),
  },
  createCoach,
);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Only our own content scripts, in a tab, may feed a conversation.
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || tabId === undefined) return undefined;
  const parsed = ContentToWorkerSchema.safeParse(message);
  if (!parsed.success) return undefined;
  const frameId = sender.frameId ?? 0;
  return store.accept(tabId, frameId, parsed.data).then(({ ack, step }) => {
    if (step.raised.length || step.resolved.length) {
      const reply: WorkerToContent = {
        type: "nudges",
        conversationKey: parsed.data.conversation.key,
        raised: step.raised,
        resolved: step.resolved,
      };
      browser.tabs.sendMessage(tabId, reply, { frameId }).catch(() => undefined);
    }
    return ack;
  });
});

browser.tabs.onRemoved.addListener((tabId) => void store.forgetTab(tabId));
