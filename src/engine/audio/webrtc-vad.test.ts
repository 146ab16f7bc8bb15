import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FRAME_SECONDS } from "./voice-activity.js";
import { loadWebRtcVad } from "./webrtc-vad.js";

const WASM = readFileSync(new URL(import.meta.resolve("@echogarden/fvad-wasm/fvad.wasm")));
const RATE = 16000;
const FRAME = RATE * FRAME_SECONDS;

/** A vowel-like buzz: a 140 Hz voice with its harmonics, as a throat makes it. */
function buzz(): Float32Array {
  const out = new Float32Array(FRAME);
  for (let i = 0; i < FRAME; i++) for (let h = 1; h <= 12; h++) out[i]! += (0.3 / h) * Math.sin((2 * Math.PI * 140 * h * i) / RATE);
  return out;
}

describe("WebRTC's VAD from its WASM bytes", () => {
  it("loads the pinned module by its minified names and tells a voice from silence", async () => {
    const classify = (await loadWebRtcVad(WASM, RATE))();
    const silence = new Float32Array(FRAME);
    // Its first frames set its noise estimate.
    for (let i = 0; i < 20; i++) classify(silence);
    expect(classify(silence)).toBe(false);
    const verdicts = Array.from({ length: 30 }, () => classify(buzz()));
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(20);
  });

  it("refuses a frame of the wrong length, and a rate it cannot run at", async () => {
    const make = await loadWebRtcVad(WASM, RATE);
    expect(() => make()(new Float32Array(100))).toThrow(/not 10, 20 or 30 ms/);
    await expect(loadWebRtcVad(WASM, 44100).then((m) => m())).rejects.toThrow(/cannot run at 44100 Hz/);
  });
});
