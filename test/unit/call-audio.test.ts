import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeCalls, readPcm, SAMPLE_RATE } from "../../scripts/make-calls.mjs";
import { loadPacks } from "../../src/cli/load.js";
import { createCallListener } from "../../src/engine/audio/call-listener.js";
import { FRAME_SECONDS, type FrameClassifier } from "../../src/engine/audio/voice-activity.js";
import { loadWebRtcVad } from "../../src/engine/audio/webrtc-vad.js";
import type { TurnEvent } from "../../src/engine/conversation.js";
import { runConversation } from "../../src/engine/index.js";

// Calls spoken by espeak-ng and laid out by sox at test time (scripts/make-calls.mjs), heard a frame at a time as the
// extension hears them, and coached with the shipped packs.

const CALLS = makeCalls();
const { compiled } = await loadPacks([]);
const FRAME = Math.round(SAMPLE_RATE * FRAME_SECONDS);
const webrtc = await loadWebRtcVad(readFileSync(new URL(import.meta.resolve("@echogarden/fvad-wasm/fvad.wasm"))), SAMPLE_RATE);

interface Truth {
  seconds: number;
  turns: Array<{ speaker: "agent" | "customer"; at: number; end: number }>;
}

/** A turn as the listener sent it, and how many seconds of audio it had heard when it did. */
type Heard = TurnEvent & { sentAt: number };

/** How frames are classified: by WebRTC's VAD, as the extension does, or by their level alone. */
let classifiers: (() => Record<"agent" | "customer", FrameClassifier>) | undefined;

function listen(agent: Float32Array, customer: Float32Array, language = "en"): Heard[] {
  const listener = createCallListener({ language, classifiers: classifiers?.() });
  const turns: Heard[] = [];
  for (let i = 0; i + FRAME <= agent.length; i += FRAME) {
    for (const turn of listener.push(agent.subarray(i, i + FRAME), customer.subarray(i, i + FRAME))) turns.push({ ...turn, sentAt: listener.now() });
  }
  turns.push(...listener.end().map((turn) => ({ ...turn, sentAt: listener.now() })));
  return turns;
}

const sides = (name: string) => ({ agent: readPcm(join(CALLS, name, "agent.wav")), customer: readPcm(join(CALLS, name, "customer.wav")) });
const truth = (name: string) => JSON.parse(readFileSync(join(CALLS, name, "truth.json"), "utf8")) as Truth;

function coach(name: string, turns: TurnEvent[], language = "en") {
  const events = turns.map(({ type, speaker, text, at, end, words }) => ({ type, speaker, text, at, end, words }));
  // A customer name known, as a softphone may show it: the rules about saying it must still not fire on turns whose
  // words nobody read.
  return runConversation(compiled, { language, channel: "call", customerName: "Linda Moore", events, endAt: truth(name).seconds });
}

describe.each([
  ["WebRTC's VAD", () => ({ agent: webrtc(), customer: webrtc() })],
  ["the level alone", undefined],
] as const)("a call heard from its two sides, voice told by %s", (_, make) => {
  beforeAll(() => {
    classifiers = make;
  });

  it.each(["calm", "overlap", "monologue", "fast", "calm-it"])("%s: each side's speech found where it was said", (name) => {
    const heard = listen(sides(name).agent, sides(name).customer);
    for (const said of truth(name).turns) {
      const parts = heard.filter((t) => t.speaker === said.speaker && t.end! > said.at && t.at < said.end);
      expect(parts.length, `${said.speaker} at ${said.at}`).toBeGreaterThan(0);
      // Onsets within 100 ms; the end within 0.8 s (a sentence's last, quiet consonant and breath may go unheard).
      expect(Math.abs(parts[0]!.at - said.at)).toBeLessThan(0.1);
      expect(Math.abs(parts.at(-1)!.end! - said.end)).toBeLessThan(0.8);
    }
    // Nothing heard where nobody spoke.
    for (const turn of heard) {
      expect(truth(name).turns.some((t) => t.speaker === turn.speaker && turn.at < t.end && turn.end! > t.at), `${turn.speaker} ${turn.at}–${turn.end}`).toBe(true);
    }
  });

  it("a calm, well-paced call raises nothing", () => {
    expect(coach("calm", listen(sides("calm").agent, sides("calm").customer)).map((n) => n.rule)).toEqual([]);
  });

  it("the agent talking over the customer raises dont-interrupt at the cut-in, within 500 ms of it", () => {
    const heard = listen(sides("overlap").agent, sides("overlap").customer);
    const nudges = coach("overlap", heard);
    expect(nudges.map((n) => n.rule)).toEqual(["dont-interrupt"]);
    const cutIn = truth("overlap").turns[1]!.at;
    expect(Math.abs(nudges[0]!.at - cutIn)).toBeLessThan(0.1);
    expect(heard[nudges[0]!.event]!.sentAt - cutIn).toBeLessThan(0.5);
  });

  it("an agent talking most of the call in long runs raises long-monologue and talk-ratio, and nothing about pace", () => {
    const heard = listen(sides("monologue").agent, sides("monologue").customer);
    const nudges = coach("monologue", heard);
    expect(nudges.map((n) => n.rule).sort()).toEqual(["long-monologue", "talk-ratio"]);
    // While the monologue lasts, a minute into it: not when it ends.
    const monologue = truth("monologue").turns[1]!;
    const long = nudges.find((n) => n.rule === "long-monologue")!;
    expect(heard[long.event]!.sentAt).toBeLessThan(monologue.at + 60 + 11);
    expect(heard[long.event]!.sentAt).toBeLessThan(monologue.end);
  });

  it("a calm Italian call raises nothing: its pace is read by Italian's syllables a word, not English's", () => {
    const { agent, customer } = sides("calm-it");
    expect(coach("calm-it", listen(agent, customer, "it"), "it").map((n) => n.rule)).toEqual([]);
    expect(coach("calm-it", listen(agent, customer, "en"), "it").map((n) => n.rule)).toContain("slow-down");
  });

  it("fast speech raises slow-down", () => {
    expect(coach("fast", listen(sides("fast").agent, sides("fast").customer)).map((n) => n.rule)).toEqual(["slow-down"]);
  });

  it("the customer's voice leaking into the agent's microphone is not the agent speaking", () => {
    const { agent, customer } = sides("calm");
    // The speakers' sound reaches the microphone 30 ms late and 26 dB down, as from a laptop's speakers.
    const delay = Math.round(0.03 * SAMPLE_RATE);
    const leaky = agent.map((sample, i) => sample + (i >= delay ? 0.05 * customer[i - delay]! : 0));
    const strip = (turns: Heard[]) => turns.map(({ speaker, at, end }) => ({ speaker, at, end }));
    expect(strip(listen(leaky, customer))).toEqual(strip(listen(agent, customer)));
  });
});
