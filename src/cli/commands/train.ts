import { appendFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { compilePacks, featureBuckets, FEATURES_VERSION, LearnedModelSchema, runConversation, runRuleExamples, runSignalExamples, withModel, type LearnedModel } from "../../engine/index.js";
import { describeRaises } from "../../engine/rule-examples.js";
import { parseArgs } from "../args.js";
import { CliError } from "../cli-error.js";
import { probability, quantize, seededRandom, shuffled, train, type Example } from "../../engine/signals/logistic.js";
import { loadConversation, loadPacks, readJson, readLabelled } from "../load.js";
import { compareExpected } from "./check.js";
import { carries } from "../../shared/transcript-file.js";
import { scoreLabels } from "../scores.js";

export const usage =
  "attune train FILE.tsv… --signal NAME --lang CODE --source TEXT --out PACK.json [--corpus FILE.tsv] [--chat FILE.tsv] [--conversations FILE.json]… [--summary FILE.jsonl] [--force] | attune train --off --signal NAME --lang CODE --out PACK.json";

const BUCKETS = 1 << 14;
const FOLDS = 5;
const EPOCHS = 6;
const SEED = 20_261_207;
const PENALTIES = [1e-3, 1e-2, 3e-2, 1e-1, 3e-1];
const FIRES = [...Array.from({ length: 14 }, (_, i) => 0.3 + i * 0.05), 0.97, 0.99];
/** Up to `fire` itself, where the model decides alone. */
const VETOES = [0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

interface Labelled {
  text: string;
  positive: boolean;
  lexicon: boolean;
  buckets: Uint32Array;
}

/** Precision, recall and F1 of yes/no predictions, as `attune eval` scores them. */
const f1 = (predicted: readonly boolean[], truth: readonly boolean[]) =>
  scoreLabels(predicted.map((p, i) => ({ gold: truth[i] ? "yes" : "no", predicted: p ? "yes" : "no" })), ["yes"]).labels.yes!;

/** F0.5: precision counts twice as much as recall. */
const fHalf = ({ precision, recall }: { precision: number; recall: number }) => (precision + recall ? (1.25 * precision * recall) / (0.25 * precision + recall) : 0);


/**
 * Trains the learned layer for one signal and language on labelled lines (the files given: only data whose licence
 * lets its weights ship): cross-validation (five folds, seeded) picks the penalty and the `fire` and `veto`
 * probabilities that make the phrases and the model together best (by F0.5), out of fold; the final model is trained on
 * all of it. It is written into PACK.json only where, together, they beat the phrases alone out of fold (by F0.5), and
 * also on `--corpus` (by F1: a corpus that may score but not train, a non-commercial licence), and are no worse on the chat-domain
 * set (`--chat`), and where every example of the packs and every conversation given (`--conversations`, files with an
 * `expect` list, as `attune check --expect` reads them) still raises what it expects with the model on: F1 on lines
 * does not see a whole conversation's coaching. Otherwise the pack's model for the pair is removed, and the figures
 * say why. `--force` writes it all the same.
 */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, ["signal", "lang", "source", "out", "corpus", "chat", "conversations", "summary"], ["force", "off"]);
  const files = args.positional;
  const one = (name: string) => args.options.get(name)?.[0];
  const [signal, language, source, output] = [one("signal"), one("lang"), one("source"), one("out")];
  // `--off`: the pair's model taken out of the pack, as `npm run train` does to keep the weights within their budget.
  if (args.flags.has("off") && signal && language && output && !files.length) {
    writePack(output, signal, language, undefined);
    out(`switched off: removed from ${output}`);
    return 0;
  }
  if (!files.length || !signal || !language || !source || !output) {
    out(`usage: ${usage}`);
    return 2;
  }
  const { compiled, raw } = await loadPacks([], undefined, { models: false });
  const read = (path: string): Labelled[] =>
    readLabelled(path).map(({ text, label }) => ({ text, positive: carries(label, signal), lexicon: compiled.detector.detect(text, language).has(signal), buckets: featureBuckets(text, language, BUCKETS) }));
  const rows = files.flatMap(read);
  if (!rows.some((r) => r.positive) || rows.every((r) => r.positive)) throw new CliError(`${files.join(", ")}: needs lines with and without ${signal}`);

  // Out-of-fold probabilities for each penalty: every line scored by a model that never saw it.
  const folds = shuffled(rows.map((_, i) => i), seededRandom(SEED)).map((row, k) => ({ row, fold: k % FOLDS }));
  const foldOf = new Int32Array(rows.length);
  for (const { row, fold } of folds) foldOf[row] = fold;
  const examples: Example[] = rows.map((r) => ({ buckets: r.buckets, positive: r.positive }));
  const truth = rows.map((r) => r.positive);
  const lexiconAlone = f1(rows.map((r) => r.lexicon), truth);
  // Chosen by F0.5, which counts precision twice as much as recall: a nudge on a feeling nobody had is nagging, and
  // costs the agent's trust more than one missed. The best model that only adds (veto 0) is kept too: see below.
  const none = { f1: -1, l2: 0, fire: 1, veto: 0, precision: 0, recall: 0, fHalf: -1 };
  let [best, bestAdding] = [none, none];
  for (const l2 of PENALTIES) {
    const outOfFold = new Float64Array(rows.length);
    for (let fold = 0; fold < FOLDS; fold++) {
      const model = train(examples.filter((_, i) => foldOf[i] !== fold), { buckets: BUCKETS, l2, epochs: EPOCHS, seed: SEED + fold });
      rows.forEach((r, i) => {
        if (foldOf[i] === fold) outOfFold[i] = probability(model, r.buckets);
      });
    }
    // Highest `fire` first: of models equally good out of fold, the one that adds least to lines like none it saw.
    for (const fire of [...FIRES].reverse()) {
      for (const veto of [...VETOES.filter((v) => v < fire), fire]) {
        const scored = f1(rows.map((r, i) => withModel(r.lexicon, outOfFold[i]!, { fire, veto })), truth);
        const candidate = { ...scored, fHalf: fHalf(scored), l2, fire, veto };
        if (candidate.fHalf > best.fHalf) best = candidate;
        if (veto === 0 && candidate.fHalf > bestAdding.fHalf) bestAdding = candidate;
      }
    }
  }

  const figure = (s: { precision: number; recall: number; f1: number }) => `F1 ${s.f1.toFixed(3)} (P ${s.precision.toFixed(3)}, R ${s.recall.toFixed(3)})`;
  out(`${signal} (${language}), ${rows.length} lines of ${files.join(" + ")}, five folds, each line scored by a model that never saw it:`);
  out(`  phrases alone           ${figure(lexiconAlone)}, F0.5 ${fHalf(lexiconAlone).toFixed(3)}`);
  // A model that takes back the phrases' hits may contradict the packs' own examples of the signal, which say what it
  // means: then the best model that only adds is judged in its place, by every test the same.
  let chatScores: { alone: number; together: number } | undefined;
  const judge = (chosen: typeof best): { model: LearnedModel; refused?: keyof typeof REFUSALS } => {
    const final = train(examples, { buckets: BUCKETS, l2: chosen.l2, epochs: EPOCHS, seed: SEED });
    const { bytes, scale } = quantize(final.weights);
    const model: LearnedModel = LearnedModelSchema.parse({
      features: FEATURES_VERSION,
      buckets: BUCKETS,
      weights: Buffer.from(bytes.buffer).toString("base64"),
      scale,
      bias: final.bias,
      fire: round(chosen.fire),
      veto: round(chosen.veto),
      trainedOn: source,
    });
    out(`  phrases and the model   ${figure(chosen)}, F0.5 ${chosen.fHalf.toFixed(3)}   penalty ${chosen.l2}, fire ${model.fire}, veto ${model.veto}`);
    // Out of fold, better by the measure the model was chosen by: fewer false alarms may cost a few hits.
    let better = chosen.fHalf > fHalf(lexiconAlone);
    // The final model, as it ships (its weights back from bytes), on lines it never saw.
    const shipped = { weights: Float64Array.from(bytes, (b) => b * scale), bias: final.bias };
    const unseen = (path: string) => {
      const lines = read(path);
      const truth = lines.map((r) => r.positive);
      const alone = f1(lines.map((r) => r.lexicon), truth);
      const together = f1(lines.map((r) => withModel(r.lexicon, probability(shipped, r.buckets), model)), truth);
      out(`${path}, ${lines.length} lines, the final model:`);
      out(`  phrases alone           ${figure(alone)}`);
      out(`  phrases and the model   ${figure(together)}`);
      return { alone: alone.f1, together: together.f1 };
    };
    const corpus = one("corpus");
    if (corpus) {
      const scored = unseen(corpus);
      better &&= scored.together > scored.alone;
    }
    const chat = one("chat");
    if (chat) {
      chatScores = unseen(chat);
      better &&= chatScores.together >= chatScores.alone;
    }
    if (!better) return { model, refused: "worse" };
    const broken = regressions(raw, signal, language, model, args.options.get("conversations") ?? []);
    if (!broken.length) return { model };
    out(`with the model, ${broken.length} of the packs' examples and the conversations no longer raise what they expect:`);
    for (const line of broken) out(`  ${line}`);
    return { model, refused: "changes" };
  };
  let chosen = best;
  let { model, refused } = judge(chosen);
  if (refused === "changes" && best !== bestAdding && bestAdding.fHalf > fHalf(lexiconAlone)) {
    out("the best model that only adds, in its place:");
    chosen = bestAdding;
    ({ model, refused } = judge(chosen));
  }
  // One JSON line a model, for what weighs models against each other (npm run train's weights budget).
  const summary = one("summary");
  if (summary) {
    const line = { signal, language, on: !refused, outOfFold: { alone: fHalf(lexiconAlone), together: chosen.fHalf }, chat: chatScores ?? null };
    appendFileSync(summary, `${JSON.stringify(line)}\n`);
  }
  const [better, why] = [!refused, refused && REFUSALS[refused]];
  writePack(output, signal, language, better || args.flags.has("force") ? model : undefined);
  out(better ? `switched on: written to ${output}` : args.flags.has("force") ? `not switched on (${why}), written to ${output} as --force asks` : `not switched on (${why}): removed from ${output}`);
  return 0;
}

/**
 * What the packs' examples and the conversations raise otherwise than they expect with the model on alone, and did as
 * they expect without it: a model answers for what it changes, not for what the phrases already get wrong.
 */
function regressions(raw: readonly unknown[], signal: string, language: string, model: LearnedModel, conversations: readonly string[]): string[] {
  const candidate = { id: "learned-model-candidate", version: "1.0.0", description: "The model being trained.", languages: [language], signals: { [signal]: { [language]: { model } } }, rules: [] };
  const before = new Set(unexpected(compilePacks([...raw]), conversations));
  return unexpected(compilePacks([...raw, candidate]), conversations).filter((line) => !before.has(line));
}

/** Each rule example, lexicon example and conversation expectation the packs do not meet, in words. */
function unexpected(compiled: ReturnType<typeof compilePacks>, conversations: readonly string[]): string[] {
  const broken: string[] = [];
  for (const { pack, rule, index, example, ok, got } of runRuleExamples(compiled)) {
    if (!ok) broken.push(`${pack}/${rule} example ${index + 1} [${example.language}]: expected ${describeRaises(example.raises)}; raised ${describeRaises(got)}`);
  }
  for (const { pack, signal: name, language: lang, text, expected, ok } of runSignalExamples(compiled)) {
    if (!ok) broken.push(`${pack}/${name} [${lang}] ${expected ? "must carry it, does not" : "must not carry it, does"}: ${text}`);
  }
  for (const file of conversations) {
    const conversation = loadConversation(file);
    const nudges = runConversation(compiled, conversation, conversation.language ? { language: conversation.language, interfaceLanguage: conversation.language } : {});
    const differences: string[] = [];
    if (!compareExpected(file, nudges, (line) => differences.push(line))) broken.push(...differences.slice(1).map((line) => `${file}: ${line.trim()}`));
  }
  return broken;
}

const REFUSALS = { worse: "not better than the phrases alone", changes: "it changes what the packs' examples or the conversations raise" };

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Sets (or removes) one model in the pack of learned models, made if it is not there yet. */
function writePack(path: string, signal: string, language: string, model: LearnedModel | undefined): void {
  const pack = (existsSync(path)
    ? readJson(path)
    : { $schema: "../docs/rule-pack.schema.json", id: "learned-models", version: "1.0.0", description: "Learned models beside the lexicons' phrases, made by npm run train (see docs/accuracy.md: the learned layer).", languages: [], signals: {}, rules: [] }) as {
    languages: string[];
    signals: Record<string, Record<string, { model?: LearnedModel }>>;
  };
  const byLanguage = (pack.signals[signal] ??= {});
  if (model) byLanguage[language] = { model };
  else delete byLanguage[language];
  if (!Object.keys(byLanguage).length) delete pack.signals[signal];
  pack.languages = [...new Set(Object.values(pack.signals).flatMap((l) => Object.keys(l)))].sort();
  // A pack holds at least one language: with no model left there is no pack.
  if (!pack.languages.length) rmSync(path, { force: true });
  else writeFileSync(path, `${JSON.stringify(pack, null, 2)}\n`);
}
