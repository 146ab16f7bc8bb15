import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeCalls, readPcm, SAMPLE_RATE } from "../scripts/make-calls.mjs";
import { createCallListener } from "../src/engine/audio/call-listener.js";
import { createVoiceActivity, FRAME_SECONDS, type FrameClassifier } from "../src/engine/audio/voice-activity.js";
import { loadWebRtcVad, WEBRTC_VAD_MODE } from "../src/engine/audio/webrtc-vad.js";
import { compilePacks, createEngine, preparePacks } from "../src/engine/index.js";

// Call audio: telling voice by the frame's level alone against WebRTC's VAD (@echogarden/fvad-wasm, the WASM build of
// libfvad) in its aggressiveness modes, on the generated calls — how many 10 ms frames each gets right against what was
// said, clean and with line noise added, the same onset and hangover applied to both — and what each costs per second
// of audio; then the whole listener as the extension runs it (both sides, WebRTC's VAD, turns out).

interface Truth {
  turns: Array<{ speaker: "agent" | "customer"; at: number; end: number }>;
}

const FRAME = Math.round(SAMPLE_RATE * FRAME_SECONDS);
/** White noise at −40 dBFS RMS: a line hiss about 20 dB under the generated voices. */
const NOISE_RMS = 0.01;

/** A detector as compared here: one frame's samples in, speaking or not (after the onset and hangover). */
type Detector = (frame: Float32Array) => boolean;

const detector = (classify?: FrameClassifier): Detector => {
  const vad = createVoiceActivity(classify);
  return (frame) => vad.push(frame).speaking;
};

/** A seeded generator, so the noise (and the figures) are the same each run. */
function noise(length: number): Float32Array {
  let seed = 1;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    out[i] = (seed / 2 ** 32 - 0.5) * NOISE_RMS * Math.sqrt(12);
  }
  return out;
}

function score(make: () => Detector, tracks: Array<{ pcm: Float32Array; spoken: Array<{ at: number; end: number }> }>) {
  let right = 0;
  let frames = 0;
  let seconds = 0;
  let spent = 0;
  for (const { pcm, spoken } of tracks) {
    const detect = make();
    const started = performance.now();
    const verdicts: boolean[] = [];
    for (let i = 0; i + FRAME <= pcm.length; i += FRAME) verdicts.push(detect(pcm.subarray(i, i + FRAME)));
    spent += performance.now() - started;
    seconds += pcm.length / SAMPLE_RATE;
    verdicts.forEach((voiced, n) => {
      const t = (n + 0.5) * FRAME_SECONDS;
      // A line's pauses between words count as speech, as a turn's do.
      right += Number(voiced === spoken.some((s) => t >= s.at && t < s.end));
      frames += 1;
    });
  }
  return { frameAccuracy: Math.round((right / frames) * 1000) / 1000, msPerAudioSecond: Math.round((spent / seconds) * 1000) / 1000 };
}

export async function runVadBench(rulesDir: string) {
  const calls = makeCalls();
  const names = ["calm", "overlap", "monologue", "fast"];
  const tracks = names.flatMap((name) => {
    const truth = JSON.parse(readFileSync(join(calls, name, "truth.json"), "utf8")) as Truth;
    return (["agent", "customer"] as const).map((speaker) => ({ pcm: readPcm(join(calls, name, `${speaker}.wav`)), spoken: truth.turns.filter((t) => t.speaker === speaker) }));
  });
  const noisy = tracks.map(({ pcm, spoken }) => {
    const hiss = noise(pcm.length);
    return { pcm: pcm.map((s, i) => s + hiss[i]!), spoken };
  });
  const wasm = readFileSync(new URL(import.meta.resolve("@echogarden/fvad-wasm/fvad.wasm")));
  const detectors: Record<string, () => Detector> = { level: () => detector() };
  for (const mode of [0, 1, 2, 3]) {
    const webrtc = await loadWebRtcVad(wasm, SAMPLE_RATE, mode);
    detectors[`webrtc-mode-${mode}`] = () => detector(webrtc());
  }

  const compared: Record<string, { clean: ReturnType<typeof score>; noisy: ReturnType<typeof score> }> = {};
  for (const [name, make] of Object.entries(detectors)) {
    score(make, tracks.slice(0, 2)); // warm-up: the first detector timed would otherwise pay for the JIT
    compared[name] = { clean: score(make, tracks), noisy: score(make, noisy) };
  }

  // The whole listener, both sides of every call: what the call page spends per second of call.
  const shipped = await loadWebRtcVad(wasm, SAMPLE_RATE, WEBRTC_VAD_MODE);
  let seconds = 0;
  const started = performance.now();
  for (const name of names) {
    const agent = readPcm(join(calls, name, "agent.wav"));
    const customer = readPcm(join(calls, name, "customer.wav"));
    const listener = createCallListener({ classifiers: { agent: shipped(), customer: shipped() } });
    for (let i = 0; i + FRAME <= agent.length; i += FRAME) listener.push(agent.subarray(i, i + FRAME), customer.subarray(i, i + FRAME));
    listener.end();
    seconds += agent.length / SAMPLE_RATE;
  }
  const listenerMsPerCallSecond = Math.round(((performance.now() - started) / seconds) * 1000) / 1000;

  // A 30-minute call (the four calls over and over) through the listener and the engine, as the call page runs them:
  // the heap after 5 minutes and after 30 should be the same (the listener keeps a frame's state, the engine's rule
  // state is incremental; only the nudges raised add up).
  const gc = (globalThis as { gc?: () => void }).gc;
  const packs = readdirSync(rulesDir).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(rulesDir, f), "utf8")) as unknown);
  await preparePacks(packs);
  const engine = createEngine(compilePacks(packs), { language: "en", channel: "call" });
  const listener = createCallListener({ classifiers: { agent: shipped(), customer: shipped() } });
  const sides = names.map((name) => ({ agent: readPcm(join(calls, name, "agent.wav")), customer: readPcm(join(calls, name, "customer.wav")) }));
  const heapAt: Record<string, number> = {};
  let nudges = 0;
  for (let minute = 1; listener.now() < 30 * 60; ) {
    for (const { agent, customer } of sides) {
      for (let i = 0; i + FRAME <= agent.length; i += FRAME) {
        for (const turn of listener.push(agent.subarray(i, i + FRAME), customer.subarray(i, i + FRAME))) nudges += engine.push(turn).raised.length;
      }
    }
    if (listener.now() >= minute * 60 * 5) {
      gc?.();
      heapAt[`${Math.round(listener.now() / 60)} min`] = Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
      minute = Math.floor(listener.now() / 300) + 1;
    }
  }
  const longCall = { minutes: Math.round(listener.now() / 60), nudges, heapUsedMB: heapAt, measuredWithGc: !!gc };
  return { audioSeconds: Math.round(seconds), noiseDbfs: Math.round(20 * Math.log10(NOISE_RMS)), detectors: compared, listenerMsPerCallSecond, longCall };
}
