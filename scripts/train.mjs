#!/usr/bin/env node
// `npm run train`: makes the learned layer (rules/learned-models.json) with `attune train`, from data whose licence
// lets its weights ship: the permissively licensed corpora in ../shared/eval/ (or the folder given) and Attune's own
// lines in rules/training/. Corpora under a non-commercial licence only score a model, never train one. Seeded: the
// same data gives the same file. The figures it prints are the reason each model is switched on or not.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/browser.mjs";
import { corpusFolder } from "./lib/corpus-folder.mjs";

const folder = corpusFolder("train");
const own = (name) => join(ROOT, "rules", "training", name);
const corpus = (name) => join(folder, name);

/** What each model learns from (`train`, may ship) and is scored on (`score`: may not ship), with the licences. */
const MODELS = [
  { signal: "emotion.frustration", lang: "ro", train: [corpus("frustration.ro.tsv"), own("frustration-ro.tsv")], source: "RED v1 train split (MIT licence) and Attune's own rules/training/frustration-ro.tsv" },
  { signal: "emotion.frustration", lang: "it", train: [own("frustration-it.tsv")], score: corpus("frustration.it.tsv"), source: "Attune's own rules/training/frustration-it.tsv" },
  { signal: "emotion.frustration", lang: "fa", train: [own("frustration-fa.tsv")], score: corpus("frustration.fa.tsv"), source: "Attune's own rules/training/frustration-fa.tsv" },
  { signal: "emotion.frustration", lang: "en", train: [own("frustration-en.tsv")], score: corpus("frustration.en.tsv"), source: "Attune's own rules/training/frustration-en.tsv" },
  // No public corpus labels these: Attune's own lines train them, the chat-domain set checks them. A signal's own file
  // is half positives, and a hundred near misses cannot show a model how much else people write: lines of the other
  // files are more of its negatives, from those whose definitions keep them off the signal. Left out: for paraphrase,
  // complaint.error's (its near misses hold agents restating the problem); for emotion.positive, frustration's (its
  // near misses hold glad exclamations); for complaint.error, frustration's and paraphrase's (frustrated lines and
  // customers repeating themselves are often complaints); for next-step and ack.feeling, every file but
  // emotion.positive's (agents' lines in the others promise what they will do and name the customer's feelings).
  ...Object.entries({
    "complaint.error": ["emotion-positive"],
    paraphrase: ["frustration", "emotion-positive"],
    "emotion.positive": ["paraphrase", "complaint-error"],
    "next-step": ["emotion-positive"],
    "ack.feeling": ["emotion-positive"],
  }).flatMap(([signal, others]) =>
    ["en", "it", "ro", "fa"].map((lang) => {
      const files = [signal.replace(".", "-"), ...others].map((name) => `rules/training/${name}-${lang}.tsv`);
      return { signal, lang, train: files.map((file) => join(ROOT, file)), source: `Attune's own ${files.join(", ")}` };
    }),
  ),
];

/** The project's whole conversations, each with what it must raise: a model that changes their coaching stays off. */
const conversations = readdirSync(join(ROOT, "test", "conversations"), { recursive: true })
  .filter((file) => file.endsWith(".json"))
  .sort()
  .flatMap((file) => ["--conversations", join(ROOT, "test", "conversations", file)]);

if (!existsSync(join(ROOT, "dist", "cli", "attune.mjs"))) spawnSync(process.execPath, [join(ROOT, "build.mjs")], { stdio: "inherit" });
let failed = false;
for (const model of MODELS) {
  const absent = [...model.train, ...(model.score ? [model.score] : [])].filter((f) => !existsSync(f));
  if (absent.length) {
    console.warn(`train: ${model.signal} (${model.lang}) left as it is: ${absent.join(", ")} not found`);
    continue;
  }
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, "bin", "attune.mjs"), "train", ...model.train, "--signal", model.signal, "--lang", model.lang, "--source", model.source,
      "--out", join(ROOT, "rules", "learned-models.json"), "--chat", join(ROOT, "test", "signals", `chat-${model.lang}.tsv`),
      ...(model.score ? ["--corpus", model.score] : []),
      ...conversations,
    ],
    { stdio: "inherit" },
  );
  failed ||= result.status !== 0;
  console.log("");
}
process.exit(failed ? 1 : 0);
