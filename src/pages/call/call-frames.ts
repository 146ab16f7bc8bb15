// The call page's AudioWorklet: the agent's side (input 0) and the customer's (input 1), each averaged down to 16 kHz
// and cut into 10 ms frames, posted to the page in pairs. Runs on the browser's audio thread; keeps only the frame
// being filled: nothing is recorded.

/** What an AudioWorkletGlobalScope gives, which TypeScript's DOM library does not declare. */
declare const sampleRate: number;
declare function registerProcessor(name: string, processor: new () => { process(inputs: Float32Array[][]): boolean }): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

/** WebRTC's VAD runs at 16 kHz; every call's voice band fits in it. */
const RATE = 16000;
/** 10 ms, as FRAME_SECONDS in src/engine/audio/voice-activity.ts. */
const FRAME = 160;

registerProcessor(
  "call-frames",
  /**
   * Both sides down to 16 kHz together: each output sample is the mean of the input samples in its span, which also
   * keeps what is above 8 kHz from folding back into the voice band (well enough for telling voice and counting
   * syllables).
   */
  class extends AudioWorkletProcessor {
    private readonly step = sampleRate / RATE;
    private phase = 0;
    private readonly sums = [0, 0];
    private count = 0;
    private frames = [new Float32Array(FRAME), new Float32Array(FRAME)];
    private filled = 0;

    process(inputs: Float32Array[][]): boolean {
      // An unconnected side (no customer audio heard) has no channels: silence.
      const [agent, customer] = [inputs[0]?.[0], inputs[1]?.[0]];
      const length = agent?.length ?? customer?.length ?? 128;
      for (let i = 0; i < length; i++) {
        this.sums[0]! += agent ? agent[i]! : 0;
        this.sums[1]! += customer ? customer[i]! : 0;
        this.count += 1;
        this.phase += 1;
        if (this.phase < this.step) continue;
        this.phase -= this.step;
        this.frames[0]![this.filled] = this.sums[0]! / this.count;
        this.frames[1]![this.filled] = this.sums[1]! / this.count;
        this.sums.fill(0);
        this.count = 0;
        if (++this.filled < FRAME) continue;
        const [a, c] = this.frames as [Float32Array, Float32Array];
        this.port.postMessage({ agent: a, customer: c }, [a.buffer, c.buffer]);
        this.frames = [new Float32Array(FRAME), new Float32Array(FRAME)];
        this.filled = 0;
      }
      return true;
    }
  },
);
