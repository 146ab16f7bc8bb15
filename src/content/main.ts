import { registeredAdapters, type Adapter } from "../adapters/index.js";
import type { ConversationRef } from "../shared/messages.js";
import { CoachingView } from "./coaching-view.js";
import { TranscriptSession } from "./transcript-session.js";
import { onWorkerMessage, WorkerLink } from "./worker-link.js";

// The content script: find the page's transcript with the first adapter that can read it, send each new turn to the
// worker, and draw the nudges that come back. On a page with no transcript it only watches, cheaply, for one to appear.

const adapters = registeredAdapters().filter((adapter) => adapter.matchesPage(location));
let session: TranscriptSession | undefined;
const view = new CoachingView(() => {
  const replyBox = document.querySelector("textarea, [contenteditable='true'], [contenteditable=''], [role='textbox']");
  return [session?.transcript, replyBox].filter((el): el is Element => !!el);
});

function pageLanguage(): string | undefined {
  const primary = document.documentElement.lang.split("-")[0]?.toLowerCase() ?? "";
  return /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

function conversationRef(adapter: Adapter): ConversationRef {
  const language = pageLanguage();
  return {
    key: adapter.conversationKey(document),
    adapter: adapter.id,
    channel: adapter.channel,
    ...(language ? { language } : {}),
  };
}

function attach(): void {
  if (session?.transcript.isConnected) return;
  session?.stop();
  session = undefined;
  for (const adapter of adapters) {
    const transcript = adapter.findTranscript(document);
    if (!transcript) continue;
    const link = new WorkerLink(() => conversationRef(adapter));
    session = new TranscriptSession(adapter, transcript, (event, history) => {
      link.send(event, history);
      if (!history && event.type === "turn" && event.speaker === "agent") view.agentReplied();
    }, link.startedAt);
    view.prepare();
    return;
  }
}

let pending = false;
function scheduleAttach(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    attach();
  });
}

if (adapters.length) {
  onWorkerMessage((message) => {
    if (session) void view.receive(message);
  });
  attach();
  // Consoles are single-page apps: the transcript may appear, or be replaced, long after load.
  new MutationObserver(scheduleAttach).observe(document.documentElement, { childList: true, subtree: true });
}
