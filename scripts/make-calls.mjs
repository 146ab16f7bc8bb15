#!/usr/bin/env node
// Two-speaker test calls made at test time with Debian's espeak-ng (the voices) and sox (resampling, the stereo mix),
// so no recording is committed. Each call is written as agent.wav and customer.wav (16 kHz mono, one side each, as
// the microphone and the softphone tab give them) and call.wav (stereo: agent left, customer right).
//
//   node scripts/make-calls.mjs [out-dir]     default test/artifacts/calls; prints the folder
//
// Calls already made with the same script are reused (a hash of the script is kept beside them).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SAMPLE_RATE = 16000;

// espeak-ng's speed is nominally in words a minute, but it leaves out pauses: at 120 these lines come out at 140–160
// words a minute, an unhurried phone voice; at 300, at about 380, far above the 170 that slow-down coaches on. The two
// voices differ in pitch so a listener can tell them apart.
const AGENT = { voice: "en-us", pitch: 40, speed: 120 };
const CUSTOMER = { voice: "en-gb", pitch: 70, speed: 120 };

const CALM_LINES = [
  ["customer", "Hello, I was charged twice for my order last week."],
  ["agent", "I'm sorry about that. Let me have a look at your account."],
  ["customer", "Thank you. The order number is four four seven one."],
  ["agent", "I can see both payments. I will refund the second one today."],
  ["customer", "That is great, how long will it take?"],
  ["agent", "It should reach your card within three working days."],
  ["customer", "Perfect, thanks for your help."],
  ["agent", "You're welcome. Is there anything else I can do?"],
];

const MONOLOGUE = "Let me explain how billing works here. Every account has a billing date, and on that date the system " +
  "closes the period and issues the invoice for the next one. If a cancellation reaches us before that date, the period " +
  "is not charged, but if it is processed afterwards, even by one day, the system treats it as a cancellation within a " +
  "paid period, and the fee is added automatically. The trial period follows the same logic, because the trial ends on " +
  "the billing date, so a request sent on the last day of the trial can still be processed after it.";

/**
 * The calls: each line is [speaker, text, { gap, overlapAfter, speed, language }] — a line starts `gap` seconds after
 * the previous one ended (0.7 s by default: a calm hand-over), or `overlapAfter` seconds after the previous one began
 * (how an overlap is made); `language` is espeak-ng's voice for it (English by default).
 */
export const CALLS = {
  // Turn-taking with pauses, at an unhurried pace: nothing to coach on timing.
  calm: CALM_LINES.map(([speaker, text]) => [speaker, text]),
  // The agent cuts in 2 s into the customer's long complaint, and talks over the rest of it.
  overlap: [
    ["customer", "Hello, I was charged a cancellation fee even though I cancelled within the trial period, and I have already called twice about it."],
    ["agent", "Okay, what is your account number?", { overlapAfter: 2 }],
    ["customer", "It is four four seven one."],
    ["agent", "Thank you, I can see the fee on your account."],
  ],
  // The agent talks about 95% of the time, in runs of well over a minute, for over two minutes (talk-ratio judges
  // the talk share from two minutes on), slowly: a long run of explanation read out at an even pace.
  monologue: [
    ["customer", "Hi, why was I charged a fee?"],
    ["agent", `${MONOLOGUE} ${MONOLOGUE}`, { speed: 100 }],
    ["customer", "Okay."],
    ["agent", MONOLOGUE, { speed: 100 }],
    ["customer", "I see."],
    ["agent", MONOLOGUE, { speed: 100 }],
  ],
  // The calm call in Italian (an Italian word has more syllables: the pace must be read by the language's measure).
  "calm-it": [
    ["customer", "Buongiorno, mi avete addebitato due volte il mio ordine della settimana scorsa."],
    ["agent", "Mi dispiace molto per il disagio. Controllo subito il suo conto."],
    ["customer", "Grazie. Il numero dell'ordine è quattro quattro sette uno."],
    ["agent", "Vedo entrambi i pagamenti. Oggi le rimborso il secondo."],
    ["customer", "Perfetto, quanto tempo ci vorrà?"],
    ["agent", "Il rimborso arriverà sulla sua carta entro tre giorni lavorativi."],
  ].map(([speaker, text]) => [speaker, text, { language: "it" }]),
  // The agent answers far too fast.
  fast: [
    ["customer", "Can you tell me why my bill is higher this month?"],
    ["agent", "Sure, the price went up on the first because the promotional discount ended and the new rate applies to every line on the account from this month on.", { speed: 300 }],
    ["customer", "I see."],
    ["agent", "And the roaming charges from your trip were added as well, so the total is higher than usual, but next month it will go back down.", { speed: 300 }],
  ],
};

function speak(who, text, { speed, language }, dir, name) {
  const raw = join(dir, `${name}.raw.wav`);
  const wav = join(dir, `${name}.wav`);
  const voice = language ?? who.voice;
  execFileSync("espeak-ng", ["-v", voice, "-p", String(who.pitch), "-s", String(speed ?? who.speed), "-w", raw, text]);
  execFileSync("sox", [raw, "-r", String(SAMPLE_RATE), "-c", "1", "-b", "16", wav]);
  return readPcm(wav);
}

/** 16-bit mono PCM of a canonical WAV (as sox writes it) as floats in [-1, 1]. */
export function readPcm(file) {
  const buf = readFileSync(file);
  let offset = 12;
  while (offset < buf.length) {
    const id = buf.toString("ascii", offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    if (id === "data") {
      const samples = new Float32Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(offset + 8 + i * 2) / 32768;
      return samples;
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

function writePcm(file, samples) {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([header, data]));
}

/** Lays one call's lines out on two tracks; returns what was said when (the truth the tests compare with). */
function makeCall(name, lines, outDir, work) {
  const placed = [];
  let cursor = 0.5;
  lines.forEach(([speaker, text, opts = {}], i) => {
    const pcm = speak(speaker === "agent" ? AGENT : CUSTOMER, text, opts, work, `${name}-${i}`);
    const previous = placed.at(-1);
    const at = opts.overlapAfter !== undefined ? previous.at + opts.overlapAfter : cursor + (i === 0 ? 0 : opts.gap ?? 0.7);
    placed.push({ speaker, at, end: at + pcm.length / SAMPLE_RATE, pcm });
    cursor = Math.max(cursor, at + pcm.length / SAMPLE_RATE);
  });
  const length = Math.ceil((cursor + 1.5) * SAMPLE_RATE);
  const tracks = { agent: new Float32Array(length), customer: new Float32Array(length) };
  for (const { speaker, at, pcm } of placed) tracks[speaker].set(pcm, Math.round(at * SAMPLE_RATE));
  const dir = join(outDir, name);
  mkdirSync(dir, { recursive: true });
  writePcm(join(dir, "agent.wav"), tracks.agent);
  writePcm(join(dir, "customer.wav"), tracks.customer);
  execFileSync("sox", ["-M", join(dir, "agent.wav"), join(dir, "customer.wav"), join(dir, "call.wav")]);
  const truth = placed.map(({ speaker, at, end }) => ({ speaker, at: round(at), end: round(end) }));
  writeFileSync(join(dir, "truth.json"), `${JSON.stringify({ seconds: round(length / SAMPLE_RATE), turns: truth }, null, 2)}\n`);
}

const round = (s) => Math.round(s * 1000) / 1000;

/** Makes every call in `outDir` unless this very script made them already; returns the folder. */
export function makeCalls(outDir = join(ROOT, "test/artifacts/calls")) {
  const stamp = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).digest("hex");
  const stampFile = join(outDir, "made-by.sha256");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return outDir;
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "attune-calls-"));
  try {
    for (const [name, lines] of Object.entries(CALLS)) makeCall(name, lines, outDir, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(stampFile, stamp);
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(makeCalls(process.argv[2] ? resolve(process.argv[2]) : undefined));
}
