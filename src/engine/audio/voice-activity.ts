/**
 * Voice activity and syllable nuclei for one side of a call, one short frame at a time.
 *
 * Whether a frame is voice is decided by a frame classifier when one is given (the extension gives WebRTC's VAD,
 * webrtc-vad.ts), and by the frame's level above the side's noise floor otherwise; either way the level must also clear
 * an absolute floor and the echo gate. The onset and hangover (createSpeechGate) turn voiced frames into speaking, and
 * syllable nuclei are counted on the level's peaks. `npm run bench` compares the two classifiers (docs/performance.md).
 */

/** Frames are this long: short enough to catch a syllable's rise and fall (~60 ms and up). */
export const FRAME_SECONDS = 0.01;

/** No speech below this, however quiet the line: −50 dBFS is a whisper far from the microphone. */
const ABSOLUTE_FLOOR_DB = -50;
/** Speech is this far above the side's noise floor. */
const SPEECH_ABOVE_FLOOR_DB = 12;
/** The noise floor follows the quietest frames at once and rises back only slowly (1 dB a second), so speech does
 *  not lift it. */
const FLOOR_RISE_DB_PER_FRAME = 0.01;
/** A side starts speaking after this much voiced time within its onset window: clicks and breaths are shorter. */
const ONSET_FRAMES = 8;
const ONSET_WINDOW_FRAMES = 12;
/** And stops after this much silence: pauses between words and sentences are shorter, hand-overs longer. */
const HANGOVER_FRAMES = 45;
/** A syllable nucleus is a peak of the (smoothed) level at least this far above the valleys either side of it. */
const NUCLEUS_PROMINENCE_DB = 5;

export interface FrameReading {
  /** The frame's level, dBFS. */
  level: number;
  /** Above this side's speech threshold. */
  voiced: boolean;
  /** The side is speaking (onset reached, hangover not yet over). */
  speaking: boolean;
  /** The side started speaking with this frame: the onset began `onsetFrames` frames ago. */
  started?: { onsetFrames: number } | undefined;
  /** The side stopped speaking with this frame (its last voiced frame was the hangover ago). */
  stopped?: boolean | undefined;
  /** A syllable nucleus was passed (counted where the level fell back from its peak). */
  nucleus: boolean;
}

/** Whether a side is speaking, from its frames' voiced-or-not: the onset and hangover any frame classifier needs. */
interface SpeechGate {
  push(voiced: boolean): Pick<FrameReading, "speaking" | "started" | "stopped">;
}

function createSpeechGate(): SpeechGate {
  const recent: boolean[] = [];
  let speaking = false;
  let silentFrames = 0;
  return {
    push(voiced) {
      recent.push(voiced);
      if (recent.length > ONSET_WINDOW_FRAMES) recent.shift();
      if (!speaking && voiced && recent.filter(Boolean).length >= ONSET_FRAMES) {
        speaking = true;
        silentFrames = 0;
        return { speaking, started: { onsetFrames: recent.length - recent.indexOf(true) } };
      }
      if (speaking) {
        silentFrames = voiced ? 0 : silentFrames + 1;
        if (silentFrames >= HANGOVER_FRAMES) {
          speaking = false;
          return { speaking, stopped: true };
        }
      }
      return { speaking };
    },
  };
}

/** Is this frame (FRAME_SECONDS of samples) voice? */
export type FrameClassifier = (samples: Float32Array) => boolean;

export interface VoiceActivity {
  /**
   * One frame's samples (any rate; FRAME_SECONDS of them). `gateDb`, when given, is a level the frame must also
   * exceed to count as voiced: how the agent's side ignores the customer's voice leaking into the microphone.
   */
  push(samples: Float32Array, gateDb?: number): FrameReading;
}

/** The level of a frame in dBFS (−100 for silence). */
export function levelDb(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  return rms > 1e-5 ? 20 * Math.log10(rms) : -100;
}

export function createVoiceActivity(classify?: FrameClassifier): VoiceActivity {
  let floor = ABSOLUTE_FLOOR_DB - SPEECH_ABOVE_FLOOR_DB;
  const gate = createSpeechGate();
  // Nucleus tracking on a lightly smoothed level: the highest point since the last valley, the lowest since the last peak.
  let smooth = -100;
  let peak = -100;
  let valley = -100;
  let rising = false;

  return {
    push(samples, gateDb) {
      const level = levelDb(samples);
      floor = level < floor ? Math.max(level, ABSOLUTE_FLOOR_DB - 2 * SPEECH_ABOVE_FLOOR_DB) : floor + FLOOR_RISE_DB_PER_FRAME;
      const aboveFloor = Math.max(ABSOLUTE_FLOOR_DB, floor + SPEECH_ABOVE_FLOOR_DB);
      const threshold = Math.max(classify ? ABSOLUTE_FLOOR_DB : aboveFloor, gateDb ?? -Infinity);
      const voiced = level > threshold && (!classify || classify(samples));
      const reading: FrameReading = { level, voiced, nucleus: false, ...gate.push(voiced) };
      const { speaking } = reading;

      smooth = 0.5 * smooth + 0.5 * level;
      if (rising) {
        peak = Math.max(peak, smooth);
        if (smooth < peak - NUCLEUS_PROMINENCE_DB) {
          // Counted on the way down, so the count needs no look-ahead; a peak below the threshold is noise, not a vowel.
          reading.nucleus = speaking && peak > Math.max(aboveFloor, threshold);
          rising = false;
          valley = smooth;
        }
      } else {
        valley = Math.min(valley, smooth);
        if (smooth > valley + NUCLEUS_PROMINENCE_DB) {
          rising = true;
          peak = smooth;
        }
      }
      return reading;
    },
  };
}
