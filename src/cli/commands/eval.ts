import { CliError } from "../cli-error.js";
import { parseArgs } from "../args.js";
import { loadPacks, readTextFile } from "../load.js";
import { scoreLabels, type Scores } from "../scores.js";

export const usage = "attune eval FILE.tsv --signal NAME [--lang CODE] [--json]";

/** Labelled corpora are read whole: ample for hundreds of thousands of lines, and no device is read for ever. */
const MAX_LABELLED_BYTES = 64 * 1024 * 1024;

/**
 * Precision, recall and F1 of a signal against labelled utterances (`text<TAB>label`). A label names the signal by its
 * last part ("frustration" for emotion.frustration, "apology", "gratitude"); any other label is a negative.
 * `--signal question` scores question type: open, closed or none, with macro-F1.
 */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, ["signal", "lang", "pack"], ["json"]);
  const file = args.positional[0];
  const signal = args.options.get("signal")?.[0];
  if (!file || !signal) {
    out(`usage: ${usage}`);
    return 2;
  }
  const language = args.options.get("lang")?.[0] ?? "en";
  const { compiled } = await loadPacks(args.options.get("pack") ?? []);
  const rows = readTextFile(file, MAX_LABELLED_BYTES).split(/\r?\n/).filter(Boolean).map((line, i) => {
    const tab = line.lastIndexOf("\t");
    if (tab < 0) throw new CliError(`${file}:${i + 1}: expected text<TAB>label`);
    return { text: line.slice(0, tab), label: line.slice(tab + 1).trim() };
  });
  const name = signal.split(".").at(-1)!;
  const predict = (utterance: string): string => {
    const found = compiled.detector.detect(utterance, language);
    if (signal === "question") return found.has("question.open") ? "open" : found.has("question.closed") ? "closed" : "none";
    return found.has(signal) ? name : "none";
  };
  const labels = signal === "question" ? ["open", "closed", "none"] : [name];
  const scores = scoreLabels(rows.map((r) => ({ gold: signal === "question" || r.label === name ? r.label : "none", predicted: predict(r.text) })), labels);
  out(args.flags.has("json") ? JSON.stringify({ file, signal, language, rows: rows.length, ...scores }) : table(scores, rows.length));
  return 0;
}

function table(scores: Scores, rows: number): string {
  const lines = [`${rows} utterances`, "label        precision  recall  F1     support"];
  for (const [label, s] of Object.entries(scores.labels)) {
    lines.push(`${label.padEnd(12)} ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}  ${s.f1.toFixed(3)}  ${String(s.support).padStart(7)}`);
  }
  if (Object.keys(scores.labels).length > 1) lines.push(`macro-F1     ${scores.macroF1.toFixed(3)}`);
  return lines.join("\n");
}
