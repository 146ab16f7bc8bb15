import shippedPacks from "attune:shipped-packs";
import fvadWasm from "@echogarden/fvad-wasm/fvad.wasm";
import browser from "webextension-polyfill";
import { createCallListener } from "../../engine/audio/call-listener.js";
import { loadWebRtcVad } from "../../engine/audio/webrtc-vad.js";
import { compilePacks, createEngine, preparePacks, type Engine, type Nudge } from "../../engine/index.js";
import { localizePage, t } from "../i18n.js";

// Call coaching from the audio itself: the agent's side from the microphone, the customer's from the softphone tab
// (Chromium's tabCapture, its stream id in the address, got by the worker on the agent's shortcut) or from the right
// channel of a stereo input (a call tap: agent left, customer right), or not at all. The AudioWorklet (call-frames.ts)
// hands 10 ms frames of both sides to this page, where WebRTC's VAD and the call listener turn them into `call` turns
// and the engine coaches on them. Audio lives in memory a frame at a time: nothing is recorded, stored or sent.

type Source = "tab" | "tap" | "none";

const SAMPLE_RATE = 16000;
const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Listening {
  stop(): void;
}

let listening: Listening | undefined;

function setState(state: "ready" | "starting" | "listening" | "stopped" | "failed", text: string): void {
  document.body.dataset.state = state;
  $("state").textContent = text;
  $("start").hidden = state === "listening" || state === "starting";
  $("stop").hidden = state !== "listening";
  $<HTMLSelectElement>("customer-source").disabled = state === "listening" || state === "starting";
  document.title = state === "listening" ? `● ${t("callListening")} — Attune` : "Attune";
}

/** `heard`: seconds of the call heard when the nudge came, on the audio's own clock (the moment it is about is `at`). */
function showNudge(nudge: Nudge, heard: number): void {
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
  item.append(when, message, suggestion);
  $("nudges").prepend(item);
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

async function start(engine: Engine, source: Source): Promise<Listening> {
  const streams = await openSources(source);
  const release = () => {
    for (const stream of [streams.agent, streams.customer]) stream?.getTracks().forEach((track) => track.stop());
  };
  try {
    return await listen(engine, source, streams, release);
  } catch (error) {
    // Whatever failed after the microphone opened, it does not stay open.
    release();
    throw error;
  }
}

async function listen(engine: Engine, source: Source, streams: Awaited<ReturnType<typeof openSources>>, release: () => void): Promise<Listening> {
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
  const listener = createCallListener({ language: engine.language(), classifiers: { agent: classifier(), customer: classifier() } });
  const take = (turns: ReturnType<typeof listener.end>) => {
    for (const turn of turns) for (const nudge of engine.push(turn).raised) showNudge(nudge, listener.now());
  };
  frames.port.onmessage = (event: MessageEvent<{ agent: Float32Array; customer: Float32Array }>) => {
    take(listener.push(event.data.agent, event.data.customer));
    // The clock, once a second: the state line says the page is listening, and for how long.
    if (Math.round(listener.now() * 100) % 100 === 0) {
      setState("listening", `${t("callListening")} ${clock(listener.now())}`);
      document.body.dataset.heard = String(Math.round(listener.now()));
    }
  };

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    frames.port.onmessage = null;
    release();
    playback?.pause();
    void context.close();
    take(listener.end());
    setState("stopped", t("callStopped"));
  };
  // The call's tab closed, or the agent stopped sharing it from the browser's own indicator: coaching stops with it.
  streams.customer?.getAudioTracks()[0]?.addEventListener("ended", stop);
  setState("listening", `${t("callListening")} ${clock(0)}`);
  return { stop };
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, "0")}`;

async function main(): Promise<void> {
  const language = await localizePage(document);
  await preparePacks(shippedPacks);
  const packs = compilePacks(shippedPacks);
  const select = $<HTMLSelectElement>("customer-source");
  // The tab's audio only where the worker could get it (Chromium, from the agent's shortcut on a tab).
  const tabOption = select.querySelector<HTMLOptionElement>("option[value=tab]")!;
  tabOption.hidden = tabOption.disabled = !params.get("stream");
  select.value = params.get("stream") ? "tab" : "none";
  setState("ready", t("callReady"));

  const begin = async () => {
    setState("starting", t("callStarting"));
    // Calls are heard, not read: the conversation's language is the agent's, for the suggestions.
    const engine = createEngine(packs, { language, channel: "call", interfaceLanguage: language });
    try {
      listening = await start(engine, select.value as Source);
    } catch (error) {
      setState("failed", t("callFailed", error instanceof Error ? error.message : String(error)));
    }
  };
  $("start").onclick = () => void begin();
  $("stop").onclick = () => listening?.stop();
  const tab = Number(params.get("tab"));
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
