import type { Speaker, TurnEvent } from "../conversation.js";
import { createVoiceActivity, FRAME_SECONDS, type FrameClassifier, type FrameReading, type VoiceActivity } from "./voice-activity.js";

/**
 * The two sides of a call, a frame at a time, become the `call` turns a transcript would give, without words: who
 * spoke from when to when, and about how many words (from the syllable nuclei heard, by the call's language). The call rules — dont-interrupt,
 * long-monologue, talk-ratio, slow-down — then judge them as they judge a transcript's turns.
 *
 * A turn is sent as soon as its timing is known, not when the call ends: when a side stops speaking, when it has spoken
 * for `maxTurnSeconds` without stopping (so a monologue is coached while it lasts), and, at once, when the agent starts
 * speaking over the customer: the customer's turn so far and the agent's new one, so that dont-interrupt fires
 * `overlapConfirmSeconds` after the agent cut in.
 */

/**
 * Syllable nuclei heard per word, by language: what turns the nuclei counted into the words a minute slow-down judges.
 * Measured with scripts/make-calls.mjs's voices (espeak-ng at an unhurried pace, three service lines each): English
 * 1.39, Italian 2.43, Romanian 2.36, Persian 2.26 — close to the languages' syllables a word, but measured on synthetic
 * speech: real agents' figures may differ.
 */
export const NUCLEI_PER_WORD: Readonly<Record<string, number>> = { en: 1.4, it: 2.4, ro: 2.35, fa: 2.25 };

export interface CallListenerOptions {
  /** The call's language, for its nuclei a word (NUCLEI_PER_WORD; English's where it has none). */
  language?: string | undefined;
  /** A side speaking longer than this without stopping is sent in parts. */
  maxTurnSeconds?: number;
  /** The agent's speech over the customer's counts as talking over them once it has lasted this long: an "mm-hm"
   *  is shorter. */
  overlapConfirmSeconds?: number;
  /** Each side's voice-or-not classifier (WebRTC's VAD in the extension); without one, the level decides. */
  classifiers?: Record<Speaker, FrameClassifier> | undefined;
}

export interface CallListener {
  /** One frame of each side (FRAME_SECONDS of samples each, in step): the turns it completed, in order. */
  push(agent: Float32Array, customer: Float32Array): TurnEvent[];
  /** The call is over: the turns still open. */
  end(): TurnEvent[];
  /** Seconds of audio heard so far. */
  now(): number;
}

/** The customer's voice leaking from the agent's speakers into the microphone is at least this far below it. */
const ECHO_MARGIN_DB = 20;
/** How long the customer's level is remembered for the echo gate: the leak arrives a little after the voice. */
const ECHO_MEMORY_FRAMES = 10;

interface Side {
  speaker: Speaker;
  vad: VoiceActivity;
  speaking: boolean;
  /** Where the part of the current turn not yet sent begins. */
  from: number;
  /** The end of the last voiced frame. */
  lastVoiced: number;
  nuclei: number;
}

export function createCallListener(options: CallListenerOptions = {}): CallListener {
  const nucleiPerWord = NUCLEI_PER_WORD[options.language ?? "en"] ?? NUCLEI_PER_WORD.en!;
  const maxTurnSeconds = options.maxTurnSeconds ?? 10;
  const overlapConfirmSeconds = options.overlapConfirmSeconds ?? 0.3;
  const side = (speaker: Speaker): Side => ({ speaker, vad: createVoiceActivity(options.classifiers?.[speaker]), speaking: false, from: 0, lastVoiced: 0, nuclei: 0 });
  const agent = side("agent");
  const customer = side("customer");
  const customerLevels: number[] = [];
  let frame = 0;
  /** The agent started while the customer was speaking, at this time: not yet judged an overlap. */
  let cutIn: number | undefined;

  const round = (s: number) => Math.round(s * 1000) / 1000;

  /** Sends what `s` said from `s.from` up to `until`, and carries on from there. */
  function cut(s: Side, until: number, out: TurnEvent[]): void {
    if (until > s.from) {
      out.push({ type: "turn", speaker: s.speaker, text: "", at: round(s.from), end: round(until), words: Math.round(s.nuclei / nucleiPerWord) });
    }
    s.from = until;
    s.nuclei = 0;
  }

  function follow(s: Side, r: FrameReading, time: number, out: TurnEvent[]): void {
    if (r.started) {
      s.speaking = true;
      s.from = time - r.started.onsetFrames * FRAME_SECONDS;
      s.nuclei = 0;
    }
    if (!s.speaking && !r.stopped) return;
    if (r.voiced) s.lastVoiced = time;
    if (r.nucleus) s.nuclei += 1;
    if (r.stopped) {
      s.speaking = false;
      cut(s, s.lastVoiced, out);
    } else if (time - s.from >= maxTurnSeconds) cut(s, time, out);
  }

  return {
    push(agentFrame, customerFrame) {
      frame += 1;
      const time = frame * FRAME_SECONDS;
      const out: TurnEvent[] = [];
      const c = customer.vad.push(customerFrame);
      customerLevels.push(c.voiced ? c.level : -100);
      if (customerLevels.length > ECHO_MEMORY_FRAMES) customerLevels.shift();
      const a = agent.vad.push(agentFrame, Math.max(...customerLevels) - ECHO_MARGIN_DB);
      follow(customer, c, time, out);
      if (a.started && customer.speaking) cutIn = time - a.started.onsetFrames * FRAME_SECONDS;
      follow(agent, a, time, out);
      if (cutIn !== undefined) {
        if (!agent.speaking || !customer.speaking) cutIn = undefined;
        else if (time - cutIn >= overlapConfirmSeconds) {
          // The customer's turn so far ends now, after the agent's began: the overlap a transcript shows.
          cut(customer, time, out);
          cut(agent, time, out);
          cutIn = undefined;
        }
      }
      return out;
    },
    end() {
      const out: TurnEvent[] = [];
      for (const s of [customer, agent].sort((x, y) => x.lastVoiced - y.lastVoiced)) {
        if (s.speaking) cut(s, s.lastVoiced, out);
        s.speaking = false;
      }
      return out;
    },
    now: () => frame * FRAME_SECONDS,
  };
}
