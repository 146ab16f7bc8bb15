import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nlp from "compromise";
import { compilePacks, createEngine, FEATURES_VERSION, LearnedModelSchema, PackSchema, preparePacks, scoreModel } from "../src/engine/index.js";
import type { ConversationEvent } from "../src/engine/conversation.js";
import { VALIDATED_AT_BUILD, type Pack } from "../src/engine/pack-schema.js";

// The engine in Node with every shipped pack: per-event latency on a generated 10,000-turn conversation mixing the
// four languages, events per second, whether the cost grows with the conversation, pack compile time, heap; and a
// naive baseline (re-parse recent turns, one `nlp(text).has(pattern)` per pattern) measured in the same run.

const TURNS = 10_000;
const UTTERANCES: Record<string, { customer: string[]; agent: string[] }> = {
  en: {
    customer: ["Hi, my order never arrived.", "This is the third time I'm writing, I'm really fed up!!!", "You charged me twice.", "ok", "Thanks, that helps.", "my name is Maria Rossi"],
    agent: ["Did you check your spam folder?", "Is the address correct?", "I'm so sorry about that, I understand how frustrating it is.", "Could you walk me through what happened?", "I've escalated it and you'll get an email today.", "Thanks for your patience, anything else I can help with?"],
  },
  it: {
    customer: ["Buongiorno, il mio ordine non è ancora arrivato.", "È la terza volta che scrivo, non ne posso più!!!", "Mi avete addebitato due volte.", "ok grazie"],
    agent: ["Ha controllato la posta?", "Mi dispiace molto, capisco la frustrazione.", "Mi racconta cosa è successo?", "Ho inoltrato la richiesta, riceverà un'email oggi."],
  },
  ro: {
    customer: ["Bună ziua, comanda mea nu a ajuns.", "E a treia oară când scriu, sunt foarte supărat!!!", "Mi-ați luat banii de două ori.", "ok mulțumesc"],
    agent: ["Ați verificat adresa?", "Îmi pare foarte rău, înțeleg cât de frustrant este.", "Îmi puteți povesti ce s-a întâmplat?", "Am escaladat cererea, veți primi un e-mail azi."],
  },
  fa: {
    customer: ["سلام، سفارشم هنوز نرسیده.", "سومین بار است که پیام می‌دهم، واقعاً خسته شدم!!!", "دو بار از حسابم پول کم شده.", "باشه ممنون"],
    agent: ["ایمیلتان را چک کردید؟", "واقعاً متأسفم، درک می‌کنم چقدر آزاردهنده است.", "می‌توانید توضیح بدهید چه اتفاقی افتاد؟", "درخواست را پیگیری کردم و امروز ایمیل می‌گیرید."],
  },
};
const LANGUAGES = Object.keys(UTTERANCES);

/** A long chat: language changes every 50 turns, customer and agent alternate, with typing and drafts between. */
export function generateConversation(turns: number): ConversationEvent[] {
  const events: ConversationEvent[] = [];
  let at = 0;
  for (let i = 0; i < turns; i++) {
    const language = LANGUAGES[Math.floor(i / 50) % LANGUAGES.length]!;
    const speaker = i % 2 === 0 ? "customer" : "agent";
    const pool = UTTERANCES[language]![speaker];
    const text = pool[(i * 7 + Math.floor(i / 13)) % pool.length]!;
    at += 3 + (i % 5);
    if (speaker === "agent" && i % 4 === 1) events.push({ type: "draft", text: text.slice(0, Math.ceil(text.length / 2)), at: at - 1 });
    if (speaker === "customer" && i % 6 === 0) events.push({ type: "typing", speaker: "customer", at: at - 2, until: at });
    events.push({ type: "turn", speaker, text, at });
  }
  return events;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * The learned layer's cost: one model of the size `attune train` writes (2^14 buckets), scoring every sample
 * utterance of every language; its cost does not depend on the weights' values. And the weights the shipped packs hold.
 */
function learnedModelCost(packs: Pack[]) {
  const buckets = 1 << 14;
  const bytes = Int8Array.from({ length: buckets }, (_, i) => ((i * 2_654_435_761) >>> 24) - 128);
  const model = scoreModel(LearnedModelSchema.parse({ features: FEATURES_VERSION, buckets, weights: Buffer.from(bytes.buffer).toString("base64"), scale: 0.01, bias: 0, fire: 0.9, veto: 0, trainedOn: "bench" }));
  const samples = LANGUAGES.flatMap((language) => [...UTTERANCES[language]!.customer, ...UTTERANCES[language]!.agent].map((text) => ({ text, language })));
  const times: number[] = [];
  for (let round = 0; round < 200; round++) {
    for (const { text, language } of samples) {
      const t0 = performance.now();
      model.probability(text, language);
      times.push(performance.now() - t0);
    }
  }
  const sorted = times.sort((a, b) => a - b);
  const shipped = packs.flatMap((p) => Object.values(p.signals).flatMap((byLanguage) => Object.values(byLanguage).flatMap((lexicon) => (lexicon.model ? [lexicon.model.weights.length] : []))));
  return { msPerUtterance: mean(times), p99Ms: percentile(sorted, 99), shippedModels: shipped.length, shippedWeightsKB: shipped.reduce((a, b) => a + b, 0) / 1024 };
}

export async function runEngineBench(rulesDir: string) {
  const packs = readdirSync(rulesDir).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(rulesDir, f), "utf8")));
  await preparePacks(packs);
  // The worker's shipped packs come validated by the build (build.mjs): it compiles them without validating them. A pack
  // a team imports, and every pack the CLI reads, is validated as it is compiled: timed apart.
  const asBuilt = packs.map((pack) => Object.assign(PackSchema.parse(pack), { [VALIDATED_AT_BUILD]: true }));
  const compileTimes: number[] = [];
  const validatingTimes: number[] = [];
  const timeCompile = (inputs: readonly unknown[]) => {
    const started = performance.now();
    // Each language's phrase index is built at its first utterance: included here, as if every language were read.
    const { detector } = compilePacks(inputs);
    for (const language of ["en", "it", "ro", "fa"]) detector.detect("", language);
    return performance.now() - started;
  };
  for (let i = 0; i < 5; i++) {
    compileTimes.push(timeCompile(asBuilt));
    validatingTimes.push(timeCompile(packs));
  }
  const compiled = compilePacks(packs);
  const events = generateConversation(TURNS);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const engine = createEngine(compiled, { channel: "chat", customerName: "Maria Rossi" });
  const perEvent: number[] = [];
  const turnCost: number[] = [];
  const started = performance.now();
  for (const event of events) {
    const t0 = performance.now();
    engine.push(event);
    const spent = performance.now() - t0;
    perEvent.push(spent);
    if (event.type === "turn") turnCost.push(spent);
  }
  const total = performance.now() - started;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const sorted = [...perEvent].sort((a, b) => a - b);

  // The naive way, for comparison: each event re-parses the last 10 turns and tries every English pattern and phrase
  // one by one with compromise. Too slow for the whole conversation: measured on its first 300 events.
  const patterns = (compiled.packs as Pack[]).flatMap((p) => Object.values(p.signals).flatMap((byLang) => [...(byLang.en?.patterns ?? []), ...(byLang.en?.phrases ?? []).map((ph) => ph.replace(/\*/g, ""))]));
  const sample = events.slice(0, 300);
  const naive: number[] = [];
  const recent: string[] = [];
  for (const event of sample) {
    const t0 = performance.now();
    if (event.type !== "typing") recent.push(event.text);
    if (recent.length > 10) recent.shift();
    for (const text of recent) {
      const doc = nlp(text);
      for (const pattern of patterns) doc.has(pattern);
    }
    naive.push(performance.now() - t0);
  }
  const engineSampleMean = mean(perEvent.slice(0, 300));

  return {
    events: events.length,
    turns: TURNS,
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1)! },
    eventsPerSecond: Math.round(events.length / (total / 1000)),
    historyRatio: mean(turnCost.slice(9_900, 10_000)) / mean(turnCost.slice(100, 200)),
    packCompileMs: [...compileTimes].sort((a, b) => a - b)[2]!,
    packCompileValidatingMs: [...validatingTimes].sort((a, b) => a - b)[2]!,
    heapUsedMB: heapAfter / 2 ** 20,
    heapGrowthMB: (heapAfter - heapBefore) / 2 ** 20,
    snapshotBytes: JSON.stringify(engine.snapshot()).length,
    nudgesRaised: engine.nudges().length,
    naiveBaseline: { patterns: patterns.length, meanMsPerEvent: mean(naive), engineMeanMsSameEvents: engineSampleMean, speedUp: mean(naive) / engineSampleMean },
    learnedModel: learnedModelCost(compiled.packs as Pack[]),
  };
}
