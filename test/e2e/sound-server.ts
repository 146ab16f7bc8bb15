import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { waitFor } from "./harness.js";

// A PulseAudio server of a test's own, for Firefox on a machine with no sound device: Firefox starts a page's audio
// (its AudioContext) only once a sound output plays it, and with none the call window hears nothing. Its output is a
// null sink (paced like a sound card, heard by nobody); its "microphone" the monitor of a stereo null sink, "line",
// that a test plays a generated call into. Debian's pulseaudio and pulseaudio-utils (paplay, pactl).

const run = promisify(execFile);

export interface SoundServer {
  /** What Firefox is pointed at (PULSE_SERVER). */
  address: string;
  /** Plays a WAV file into the microphone's line, in real time; resolves when it has been played. */
  play(file: string): Promise<void>;
  /** How many streams record from the server now: the browser's open microphone counts one. */
  recordings(): Promise<number>;
  /** Connects the speakers (and the line) to a server started without: as an agent plugs in a headset. */
  connectSpeakers(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the server. `speakers: false` leaves it with no output at all, only a microphone (a 440 Hz tone): a
 * machine with no sound output, where the browser never starts a page's audio, until `connectSpeakers()`.
 */
export async function startSoundServer({ speakers = true }: { speakers?: boolean } = {}): Promise<SoundServer> {
  const dir = mkdtempSync(join(tmpdir(), "attune-sound-"));
  const socket = join(dir, "pulse.sock");
  const address = `unix:${socket}`;
  // The speakers, and the line a test plays into, whose monitor is the microphone.
  const speakerCommands = [["load-module", "module-null-sink", "sink_name=speakers"], ["load-module", "module-null-sink", "sink_name=line", "channels=2"], ["set-default-sink", "speakers"], ["set-default-source", "line.monitor"]];
  const script = [
    ["load-module", "module-native-protocol-unix", `socket=${socket}`, "auth-anonymous=1"],
    ...(speakers ? speakerCommands : [["load-module", "module-sine-source", "source_name=microphone", "frequency=440"], ["set-default-source", "microphone"]]),
  ].map((line) => line.join(" "));
  writeFileSync(join(dir, "default.pa"), `${script.join("\n")}\n`);
  // Its own home and runtime folder: nothing of the machine's sound set-up is read or changed.
  const env = { ...process.env, HOME: dir, XDG_RUNTIME_DIR: dir, PULSE_SERVER: address };
  const children = new Set<ChildProcess>();
  const daemon = spawn("pulseaudio", ["-n", "-F", join(dir, "default.pa"), "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no"], { env, stdio: "ignore" });
  const failed = new Promise<never>((_, reject) => {
    daemon.on("error", (error) => reject(new Error(`Could not start pulseaudio (Debian: apt-get install pulseaudio pulseaudio-utils): ${error.message}`)));
    daemon.on("exit", (code) => reject(new Error(`pulseaudio exited (${code}) before it was ready`)));
  });
  failed.catch(() => undefined);
  const pactl = async (...args: string[]) => (await run("pactl", args, { env })).stdout;
  const close = async () => {
    for (const child of children) child.kill();
    // Still running (a daemon that could not be started has no pid, and never exits).
    if (daemon.pid !== undefined && daemon.exitCode === null && daemon.signalCode === null) {
      const exited = new Promise((resolve) => daemon.once("exit", resolve));
      daemon.kill();
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([failed, waitFor(() => pactl("info").then(() => true, () => false), "the sound server to answer")]);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    address,
    play(file) {
      const player = spawn("paplay", ["--device=line", file], { env, stdio: "ignore" });
      children.add(player);
      return new Promise((resolve, reject) => {
        player.on("error", reject);
        player.on("exit", (code, signal) => {
          children.delete(player);
          // Stopped by close(): played as far as the test wanted.
          if (code === 0 || signal) resolve();
          else reject(new Error(`paplay ${file} exited with ${code}`));
        });
      });
    },
    async connectSpeakers() {
      for (const command of speakerCommands) await pactl(...command);
    },
    recordings: async () => (await pactl("list", "short", "source-outputs")).split("\n").filter(Boolean).length,
    close,
  };
}
