import { registeredAdapters, type Adapter } from "../adapters/index.js";
import { pageRoots } from "../adapters/generic/page-roots.js";
import type { ConversationRef } from "../shared/messages.js";
import { boundedKey } from "../shared/bounds.js";
import { CoachingView } from "./coaching-view.js";
import { ComposeWatcher, findReplyBox } from "./reply-box.js";
import { answerReadingStatus } from "./reading-status.js";
import { loadSiteSetup, onSiteSetupChange } from "./site-setup.js";
import { TranscriptSession, type ConversationContext } from "./transcript-session.js";
import { TurnTracker } from "./turn-tracker.js";
import { onWorkerMessage, WorkerLink } from "../shared/worker-link.js";

// The content script: find the page's transcript with the first adapter that can read it, send each new turn (and the
// agent's drafts, and the customer's typing) to the worker, and draw the nudges that come back. On a page with no
// transcript it only watches, cheaply, for one to appear.

/** Conversations remembered in one tab, so that switching back to one carries on where it was. */
const MAX_CONVERSATIONS = 50;

const conversations = new Map<string, ConversationContext>();
/**
 * Conversations read before the site's setup changed (taught, or its sides corrected) and read again since: what waited
 * for the agent in them was coached the first time, and is history now.
 */
const readBefore = new Set<string>();
const conversationId = (adapter: Adapter, key: string) => `${adapter.id}\u0000${key}`;
let adapters: Adapter[] = [];
/** The agent said this site's reader has the two sides the wrong way round. */
let swapped = false;
/** What is being read now, and with which adapter. */
let current: { adapter: Adapter; session: TranscriptSession; compose: ComposeWatcher } | undefined;
const composers = new Map<Adapter, ComposeWatcher>();
const replyBox = () => findReplyBox(current?.adapter, document);
const view = new CoachingView(() => [current?.session.transcript, replyBox()].filter((el): el is Element => !!el), replyBox);

function pageLanguage(): string | undefined {
  const primary = document.documentElement.lang.split("-")[0]?.toLowerCase() ?? "";
  return /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

function conversationRef(adapter: Adapter, key: string): ConversationRef {
  const language = pageLanguage();
  const customerName = adapter.customerName?.(document);
  return {
    key,
    adapter: adapter.id,
    channel: adapter.channel,
    ...(language ? { language } : {}),
    ...(customerName ? { customerName } : {}),
  };
}

/** The conversation the page shows under this key: the one read before, or a new one. */
function conversation(adapter: Adapter, key: string): ConversationContext {
  const id = conversationId(adapter, key);
  const known = conversations.get(id);
  if (known) {
    conversations.delete(id);
    conversations.set(id, known);
    return known;
  }
  const link = new WorkerLink(() => conversationRef(adapter, key));
  const context: ConversationContext = {
    key,
    tracker: new TurnTracker(),
    now: () => Math.max(0, Date.now() - link.startedAt) / 1000,
    send(event, reading) {
      const seq = link.send(event, reading);
      if (reading === "live" && event.type === "turn" && event.speaker === "agent") {
        link.afterAnswer(seq, view.agentReplied());
        current?.compose.replySent();
      }
    },
  };
  conversations.set(id, context);
  if (conversations.size > MAX_CONVERSATIONS) conversations.delete(conversations.keys().next().value!);
  return context;
}

/** The page has been looked at once: a pane found from now on appeared while the agent was on the page. */
let looked = false;

/**
 * A reader that guesses where the conversation is looks again while the pane holds fewer messages than this: with one
 * message, a list and its only item cannot be told apart.
 */
const SURE_AFTER_MESSAGES = 3;

/** Whether the conversation being read is still the one to read: on the page, the same conversation, not empty. */
function stillReading(): boolean {
  if (!current?.session.transcript.isConnected) return false;
  const { adapter, session } = current;
  const enough = adapter.guesses ? SURE_AFTER_MESSAGES : 1;
  return adapter.conversationKey(document, session.transcript) === session.context.key && session.messagesRead >= enough;
}

/**
 * Searching the page costs time on its main thread: after a search that took t ms, the next waits 9t, so that a page
 * that changes all the time (a clock, a ticker) and shows no chat gives the search at most a tenth of its time.
 */
const SEARCH_SHARE = 0.1;
let quietUntil = 0;

function attach(): void {
  const started = performance.now();
  attachNow();
  const took = performance.now() - started;
  quietUntil = performance.now() + (took * (1 - SEARCH_SHARE)) / SEARCH_SHARE;
}

function attachNow(): void {
  current?.compose.checkTyping();
  // Adapters are tried in order of preference, each time the page changes, until the one in use: a taught or
  // console-specific reader whose pane appears later takes over from the generic one, and a pane that stays empty
  // (a notifications log, a chat not started) is looked past while messages may appear elsewhere.
  for (const adapter of adapters) {
    if (adapter === current?.adapter && stillReading()) break;
    const transcript = adapter.findTranscript(document);
    if (!transcript) continue;
    const key = adapter.conversationKey(document, transcript);
    if (adapter === current?.adapter && transcript === current.session.transcript && key === current.session.context.key) break;
    read(adapter, transcript, key);
    break;
  }
  looked = true;
  // Chat UIs drawn in web components change inside shadow roots, out of the document observer's sight.
  for (const root of pageRoots(document)) if (root instanceof ShadowRoot) observePage(root);
}

function read(adapter: Adapter, transcript: Element, key: string): void {
  // A pane that appears on a page that showed no message (a chat starting; the empty pane or the other list read till
  // now was not it): its lone message is the conversation starting. Another conversation opened in place of one that
  // was read (a switch) shows its history.
  const late = looked && !current?.session.messagesRead;
  current?.session.stop();
  const context = conversation(adapter, key);
  let compose = composers.get(adapter);
  if (!compose) composers.set(adapter, (compose = new ComposeWatcher(adapter, () => current?.session.context)));
  const reading = compose;
  // Another conversation on the same pane (single-page consoles reuse it) is read into its own state.
  current = {
    adapter,
    compose,
    session: new TranscriptSession(adapter, transcript, context, attach, {
      late,
      swapped,
      coachWaiting: !readBefore.has(conversationId(adapter, key)),
      sentByAgent: (text) => reading.sentByAgent(text),
    }),
  };
  view.prepare();
}

let pending = false;
function scheduleAttach(): void {
  if (pending) return;
  pending = true;
  const run = () =>
    requestAnimationFrame(() => {
      pending = false;
      attach();
    });
  const wait = quietUntil - performance.now();
  if (wait > 0) setTimeout(run, wait);
  else run();
}

async function loadSetup(): Promise<void> {
  const setup = await loadSiteSetup(location);
  swapped = setup.swapped;
  adapters = [...(setup.taught ? [setup.taught] : []), ...registeredAdapters()].filter((adapter) => adapter.matchesPage(location));
}

/** The site was taught, or its sides corrected: every conversation is read again from the start, the new way. */
function readAnew(): void {
  current?.session.stop();
  current = undefined;
  for (const id of conversations.keys()) readBefore.add(id);
  conversations.clear();
  looked = false;
  attach();
}

async function start(): Promise<void> {
  await loadSetup();
  if (!adapters.length) return;
  onWorkerMessage((message) => {
    // The listening sign shows on a page of the console before any conversation is read, as a nudge never does.
    if (current || message.type === "call-listening") void view.receive(message);
  });
  answerReadingStatus(() => ({
    looked,
    ...(current ? { reader: { id: current.adapter.id, name: current.adapter.name, conversationKey: boundedKey(current.session.context.key) } } : {}),
    swapped,
    messages: current?.session.recent ?? [],
  }));
  onSiteSetupChange(location, () => void loadSetup().then(readAnew));
  attach();
  // Consoles are single-page apps: the transcript may appear, be replaced or show another conversation long after
  // load, and typing indicators come and go by class or attribute.
  observePage(document.documentElement);
}

const pageObserver = new MutationObserver(scheduleAttach);
const observed = new WeakSet<Node>();
function observePage(root: Node): void {
  if (observed.has(root)) return;
  observed.add(root);
  pageObserver.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["class", "hidden", "style", "aria-hidden"],
  });
}

// The worker injects this script into a site just taught, where it may already be running: one copy reads the page.
const RUNNING = Symbol.for("attune.content-script");
if (!(RUNNING in globalThis)) {
  Object.defineProperty(globalThis, RUNNING, { value: true });
  void start();
}
