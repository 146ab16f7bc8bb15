import fvadWasm from "@echogarden/fvad-wasm/fvad.wasm";
import browser, { type Runtime } from "webextension-polyfill";
import { createCallListener } from "../../engine/audio/call-listener.js";
import { loadWebRtcVad } from "../../engine/audio/webrtc-vad.js";
import type { TurnEvent } from "../../engine/conversation.js";
import type { Nudge } from "../../engine/index.js";
import { nudgeKey } from "../../overlay/nudge-queue.js";
import { CALL_AUDIO_ADAPTER, CallWindowMessageSchema, type CallStatus, type ContentToWorker, type ConversationRef, type WorkerToContent } from "../../shared/messages.js";
import { SNOOZE_MINUTES } from "../../shared/snoozes.js";
import { onWorkerMessage, WorkerLink } from "../../shared/worker-link.js";
import { localizePage, t } from "../i18n.js";

// Call coaching from the audio itself: the agent's side from the microphone, the customer's from the softphone tab
// (Chromium's tabCapture, its stream id in the address, got by the worker on the agent's shortcut) or from the right
// channel of a stereo input (a call tap: agent left, customer right), or not at all. The AudioWorklet (call-frames.ts)
// hands 10 ms frames of both sides to this page, where WebRTC's VAD and the call listener turn them into `call` turns.
// The turns (timing and word counts, no words) go to the worker as a conversation of this window's, by the same link
// a console page's content script uses: the worker coaches them as it does a chat (the team's packs and overrides,
// snoozes, the density limit, the statistics; its state survives the worker being stopped), and its nudges come
// back here. Audio lives in memory a frame at a time: nothing is recorded, stored or sent.

type Source = "tab" | "tap" | "none";

const SAMPLE_RATE = 16000;
/** How long listening may go with no audio frame before the agent is told none is coming (the first comes in ~0.1 s). */
const NO_AUDIO_MS = 3000;
const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Listening {
  stop(): void;
}

let listening: Listening | undefined;

/** The call being listened to: its conversation as the worker has it, and the link its turns go by. */
interface Call {
  ref: ConversationRef;
  link: WorkerLink;
  /** Seconds of the call heard so far, on the audio's own clock. */
  heard(): number;
}

let call: Call | undefined;
/** The nudges shown, by rule and event: a delivery the worker sends again (after it was stopped) is not shown twice. */
const shownItems = new Map<string, HTMLLIElement>();

/** `stopping`: no longer listening, the call's last turns on their way to the worker. */
function setState(state: "ready" | "starting" | "listening" | "stopping" | "stopped" | "failed", text: string): void {
  document.body.dataset.state = state;
  $("state").textContent = text;
  $("start").hidden = state === "listening" || state === "starting" || state === "stopping";
  $("stop").hidden = state !== "listening";
  $<HTMLSelectElement>("customer-source").disabled = state === "listening" || state === "starting";
  document.title = state === "listening" ? `● ${t("callListening")} — Attune` : "Attune";
}

const tellWorker = (message: ContentToWorker) => void browser.runtime.sendMessage(message).catch(() => undefined);

/** The worker's nudges for the call: each raised one listed once, newest first; a followed one marked so. */
function receive(message: WorkerToContent): void {
  if (message.type !== "nudges" || !call || message.adapter !== call.ref.adapter || message.conversationKey !== call.ref.key) return;
  for (const nudge of message.raised) {
    if (shownItems.has(nudgeKey(nudge))) continue;
    shownItems.set(nudgeKey(nudge), showNudge(nudge, call.heard()));
    // Listed in the window the agent watches: the card was shown, as the statistics and the popup count it.
    tellWorker({ type: "nudge-shown", adapter: message.adapter, conversationKey: message.conversationKey, rule: nudge.rule, event: nudge.event });
  }
  for (const nudge of message.resolved) {
    const item = shownItems.get(nudgeKey(nudge));
    if (!item || item.dataset.outcome === nudge.outcome) continue;
    item.dataset.outcome = nudge.outcome;
    if (nudge.outcome === "followed") item.querySelector(".outcome")!.textContent = `✓ ${t("overlayFollowed")}`;
  }
}

/** `heard`: seconds of the call heard when the nudge came, on the audio's own clock (the moment it is about is `at`). */
function showNudge(nudge: Nudge, heard: number): HTMLLIElement {
  const item = document.createElement("li");
  item.dataset.rule = nudge.rule;
  item.dataset.severity = nudge.severity;
  item.dataset.at = String(nudge.at);
  item.dataset.heard = String(heard);
  const when = document.createElement("span");
  when.className = "muted";
  when.textContent = `${clock(nudge.at)} `;
  const message = document.createElement("strong");
  message.textContent = nudge.message;
  const suggestion = document.createElement("span");
  suggestion.className = "suggestion";
  suggestion.textContent = nudge.suggestion;
  const outcome = document.createElement("span");
  outcome.className = "outcome";
  item.append(when, message, suggestion, outcome, nudgeActions(nudge, item));
  $("nudges").prepend(item);
  return item;
}

/** What the card offers on a console page, counted the same: helpful or not, and snoozing the rule. */
function nudgeActions(nudge: Nudge, item: HTMLLIElement): HTMLElement {
  const actions = document.createElement("div");
  actions.className = "actions";
  const button = (name: string, label: string, act: () => void) => {
    const element = document.createElement("button");
    element.type = "button";
    element.name = name;
    element.textContent = label;
    element.onclick = () => {
      act();
      // One answer a nudge: what was asked is said, and the buttons go.
      item.dataset.answered = name;
      actions.replaceChildren();
    };
    return element;
  };
  // The nudge answered, for the worker to count an answer once: it may show on the console's card too.
  const answered = call && { adapter: call.ref.adapter, conversationKey: call.ref.key, event: nudge.event };
  actions.append(
    button("helpful", t("overlayHelpful"), () => tellWorker({ type: "nudge-feedback", rule: nudge.rule, helpful: true, nudge: answered })),
    button("not-helpful", t("overlayNotHelpful"), () => tellWorker({ type: "nudge-feedback", rule: nudge.rule, helpful: false, nudge: answered })),
    button("snooze-rule", t("overlaySnoozeRule"), () => tellWorker({ type: "snooze", minutes: SNOOZE_MINUTES, rule: nudge.rule, only: true, nudge: answered })),
  );
  return actions;
}

/** The microphone (the agent) and the customer's side as two streams: one when a call tap carries both. */
async function openSources(source: Source): Promise<{ agent: MediaStream; customer?: MediaStream | undefined }> {
  if (source === "tap") {
    // Both sides on one stereo input: the browser's voice processing would mix them, so it is turned off.
    const both = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 2, echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    return { agent: both };
  }
  // Echo cancellation keeps most of the customer's voice from the speakers out of the microphone; the listener's echo
  // gate the rest.
  const agent = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
  if (source !== "tab") return { agent };
  const customer = await navigator.mediaDevices.getUserMedia({
    // Chromium's constraints for a tab's audio, by the stream id tabCapture gave the worker.
    audio: { mandatory: { chromeMediaSource: "tab", chromeMediaSourceId: params.get("stream") } } as MediaTrackConstraints,
  });
  return { agent, customer };
}

async function start(language: string, source: Source): Promise<Listening> {
  const streams = await openSources(source);
  const release = () => {
    for (const stream of [streams.agent, streams.customer]) stream?.getTracks().forEach((track) => track.stop());
  };
  try {
    return await listen(language, source, streams, release);
  } catch (error) {
    // Whatever failed after the microphone opened, it does not stay open.
    release();
    throw error;
  }
}

async function listen(language: string, source: Source, streams: Awaited<ReturnType<typeof openSources>>, release: () => void): Promise<Listening> {
  const context = new AudioContext();
  await context.audioWorklet.addModule("call-frames.js");
  const frames = new AudioWorkletNode(context, "call-frames", { numberOfInputs: 2, numberOfOutputs: 1, channelCount: 1, channelCountMode: "explicit" });
  // Firefox runs only the nodes that lead to the speakers: this one does, writing silence.
  frames.connect(context.destination);
  const agentIn = context.createMediaStreamSource(streams.agent);
  if (source === "tap") {
    const split = context.createChannelSplitter(2);
    agentIn.connect(split);
    split.connect(frames, 0, 0);
    split.connect(frames, 1, 1);
  } else agentIn.connect(frames, 0, 0);
  let playback: HTMLAudioElement | undefined;
  if (streams.customer) {
    context.createMediaStreamSource(streams.customer).connect(frames, 0, 1);
    // A captured tab falls silent for the agent: its audio is played again here, untouched.
    playback = new Audio();
    playback.srcObject = streams.customer;
    await playback.play();
  }

  const classifier = await loadWebRtcVad(fvadWasm, SAMPLE_RATE);
  const listener = createCallListener({ language, classifiers: { agent: classifier(), customer: classifier() } });
  // Each call is a conversation of its own: calls are heard, not read, so its language is the agent's.
  const ref: ConversationRef = { key: `call-${Date.now()}`, adapter: CALL_AUDIO_ADAPTER, channel: "call", language };
  call = { ref, link: new WorkerLink(() => ref), heard: () => listener.now() };
  shownItems.clear();
  const link = call.link;
  let sent = 0;
  // A browser with no sound output to play to never starts the page's audio (Firefox's AudioContext stays suspended
  // then): no frame comes, and the agent is told so rather than shown a clock standing at 0:00.
  const silence = setTimeout(() => {
    document.body.dataset.audio = "none";
    setState("listening", t("callNoAudio"));
  }, NO_AUDIO_MS);
  /** Sends the turns to the worker; the number of the last one sent, if any. */
  const take = (turns: TurnEvent[]) => {
    if (turns.length) document.body.dataset.turns = String((sent += turns.length));
    return turns.reduce<number | undefined>((_, turn) => link.send(turn, "live"), undefined);
  };
  frames.port.onmessage = (event: MessageEvent<{ agent: Float32Array; customer: Float32Array }>) => {
    clearTimeout(silence);
    take(listener.push(event.data.agent, event.data.customer));
    // The clock, once a second: the state line says the page is listening, and for how long.
    if (Math.round(listener.now() * 100) % 100 === 0) {
      setState("listening", `${t("callListening")} ${clock(listener.now())}`);
      document.body.dataset.heard = String(Math.round(listener.now()));
      delete document.body.dataset.audio;
    }
  };

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(silence);
    delete document.body.dataset.audio;
    frames.port.onmessage = null;
    release();
    playback?.pause();
    void context.close();
    setState("stopping", t("callStopped"));
    if (source === "tab") offerTab(false);
    const last = take(listener.end());
    // Stopped once the worker has the call's last turns (their nudges came before its answer, and are listed) and
    // knows: the tab's transcript, if it shows one, judges the call's timing from then on.
    const done = () => {
      const stopped = () => setState("stopped", t("callStopped"));
      if (source !== "tab") return stopped();
      const message: ContentToWorker = { type: "call-listening", listening: false };
      void browser.runtime.sendMessage(message).then(stopped, stopped);
    };
    if (last === undefined) done();
    else link.afterAnswer(last, done);
  };
  // The call's tab closed, or the agent stopped sharing it from the browser's own indicator: coaching stops with it.
  streams.customer?.getAudioTracks()[0]?.addEventListener("ended", stop);
  setState("listening", `${t("callListening")} ${clock(0)}`);
  // Heard from the tab: the worker judges the call's timing from this audio, not from a transcript on that tab.
  if (source === "tab") tellWorker({ type: "call-listening", listening: true });
  return { stop };
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, "0")}`;

/**
 * Whether the tab's audio is offered: only where the worker could get it (Chromium, from the agent's shortcut or click
 * on a tab), and only once: the browser lets a stream id be used once, so after a stop the agent asks again on the tab.
 */
function offerTab(offered: boolean): void {
  const select = $<HTMLSelectElement>("customer-source");
  const tabOption = select.querySelector<HTMLOptionElement>("option[value=tab]")!;
  tabOption.hidden = tabOption.disabled = !offered;
  if (!offered && select.value === "tab") select.value = "none";
  if (offered) select.value = "tab";
}

async function main(): Promise<void> {
  const language = await localizePage(document);
  onWorkerMessage(receive);
  const select = $<HTMLSelectElement>("customer-source");
  select.value = "none";
  offerTab(Boolean(params.get("stream")));
  setState("ready", t("callReady"));

  const begin = async () => {
    setState("starting", t("callStarting"));
    try {
      listening = await start(language, select.value as Source);
    } catch (error) {
      setState("failed", t("callFailed", error instanceof Error ? error.message : String(error)));
    }
  };
  $("start").onclick = () => void begin();
  $("stop").onclick = () => listening?.stop();
  const tab = Number(params.get("tab"));
  // The popup asks whether a call is being listened to, and may stop it with one click; Stop on a page's sign stops
  // the window listening to that page's tab (the worker passes it on, naming the tab).
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    const parsed = sender.id === browser.runtime.id ? CallWindowMessageSchema.safeParse(raw) : undefined;
    if (!parsed?.success) return undefined;
    if (parsed.data.type === "stop-call" && parsed.data.tab !== undefined && parsed.data.tab !== tab) return undefined;
    const on = document.body.dataset.state === "listening";
    if (parsed.data.type === "stop-call" && on) listening?.stop();
    const status: CallStatus = { listening: on && parsed.data.type === "call-status", heard: call?.heard() ?? 0 };
    return Promise.resolve(status);
  });
  if (tab) {
    browser.tabs.onRemoved.addListener((closed) => {
      if (closed === tab) listening?.stop();
    });
  }
  document.body.dataset.ready = "true";
  // Opened by the agent's shortcut on a tab: they asked to be coached on this call, so listening starts at once.
  if (params.get("stream")) await begin();
}

void main();
