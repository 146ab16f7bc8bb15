import type { FrameClassifier } from "./voice-activity.js";

/**
 * WebRTC's voice activity detector (libfvad, BSD-3-Clause) from @echogarden/fvad-wasm, instantiated straight from its
 * WASM bytes: its Emscripten loader finds the file by URL and reaches for Node's modules, neither of which an
 * extension page (or an AudioWorklet) has. The module's exports and imports are named by Emscripten's minifier: these
 * names are those of version 0.2.0, which package.json pins exactly, and webrtc-vad.test.ts checks.
 */

/** The exports of fvad.wasm 0.2.0 under their minified names. */
interface FvadExports {
  c: WebAssembly.Memory;
  /** __wasm_call_ctors */
  d(): void;
  /** fvad_new */
  e(): number;
  /** malloc */
  f(bytes: number): number;
  /** fvad_set_mode */
  j(handle: number, mode: number): number;
  /** fvad_set_sample_rate */
  k(handle: number, rate: number): number;
  /** fvad_process: 1 voice, 0 not, -1 a frame of the wrong length */
  l(handle: number, frame: number, length: number): number;
}

/** Aggressiveness 0–3: 2 scored best on the generated calls, clean and with line noise (docs/performance.md). */
export const WEBRTC_VAD_MODE = 2;

/**
 * A classifier factory: one detector (its own state) per side. Frames must be 10, 20 or 30 ms at 8, 16, 32 or 48 kHz.
 */
export async function loadWebRtcVad(wasm: BufferSource, sampleRate: number, mode = WEBRTC_VAD_MODE): Promise<() => FrameClassifier> {
  const { instance } = await WebAssembly.instantiate(wasm, {
    a: {
      // __assert_fail: libfvad asserts only on misuse.
      a: () => {
        throw new Error("WebRTC VAD: assertion failed");
      },
      // emscripten_resize_heap: a few detectors fit the initial memory many times over; refusing to grow is safe.
      b: () => 0,
    },
  });
  const vad = instance.exports as unknown as FvadExports;
  vad.d();
  return () => {
    const handle = vad.e();
    if (!handle || vad.k(handle, sampleRate) !== 0 || vad.j(handle, mode) !== 0) throw new Error(`WebRTC VAD: cannot run at ${sampleRate} Hz, mode ${mode}`);
    let pointer = 0;
    let capacity = 0;
    return (samples) => {
      if (samples.length > capacity) {
        pointer = vad.f(samples.length * 2);
        capacity = samples.length;
      }
      const pcm = new Int16Array(vad.c.buffer, pointer, samples.length);
      for (let i = 0; i < samples.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
      const verdict = vad.l(handle, pointer, samples.length);
      if (verdict < 0) throw new Error(`WebRTC VAD: a frame of ${samples.length} samples at ${sampleRate} Hz is not 10, 20 or 30 ms`);
      return verdict === 1;
    };
  };
}
