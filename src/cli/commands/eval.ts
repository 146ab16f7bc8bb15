import { parseArgs } from "../args.js";
import { loadPacks, readLabelled } from "../load.js";
import { carries } from "../../shared/transcript-file.js";
import { scoreLabels, type Scores } from "../scores.js";

export const usage = "attune eval FILE.tsv --signal NAME [--lang CODE] [--no-model] [--json] [--errors]";

/**
 * Precision, recall and F1 of a signal against labelled utterances (`text<TAB>label`). A label names the signal whole
 * ("complaint.error") or by its last part ("frustration" for emotion.frustration); a line may carry several, comma
 * separated ("complaint.error,self-introduction"), so one file labelled for several signals scores each of them; any
 * other label is a negative. `--signal question` scores question type: open, closed or none, with macro-F1.
 * A binary signal's confusions say what the misses were read as and what the false alarms were labelled;
 * `--errors` lists the lines themselves; `--no-model` measures the phrases alone, without the packs' learned models.
 */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, ["signal", "lang", "pack"], ["json", "errors", "no-model"]);
  const file = args.positional[0];
  const signal = args.options.get("signal")?.[0];
  if (!file || !signal) {
    out(`usage: ${usage}`);
    return 2;
  }
  const language = args.options.get("lang")?.[0] ?? "en";
  const { compiled } = await loadPacks(args.options.get("pack") ?? [], undefined, { models: !args.flags.has("no-model") });
  const rows = readLabelled(file);
  const name = signal.split(".").at(-1)!;
  const found = rows.map((r) => compiled.detector.detect(r.text, language));
  const predict = (signals: ReadonlySet<string>): string => {
    if (signal === "question") return signals.has("question.open") ? "open" : signals.has("question.closed") ? "closed" : "none";
    return signals.has(signal) ? name : "none";
  };
  const labelled = (label: string) => carries(label, signal);
  const scored = rows.map((r, i) => ({ gold: signal === "question" ? r.label : labelled(r.label) ? name : "none", predicted: predict(found[i]!) }));
  const scores = scoreLabels(scored, signal === "question" ? ["open", "closed", "none"] : [name]);
  const wrong = scored.flatMap((s, i) => (s.gold === s.predicted ? [] : [{ ...rows[i]!, ...s, signals: [...found[i]!].sort() }]));
  const confusions = signal === "question" ? undefined : countConfusions(wrong, name);
  if (args.flags.has("json")) {
    out(JSON.stringify({ file, signal, language, rows: rows.length, ...scores, ...(confusions && { confusions }) }));
    return 0;
  }
  out(table(scores, rows.length));
  if (confusions) {
    out(`missed, read as: ${listCounts(confusions.missedReadAs)}`);
    out(`false alarms, labelled: ${listCounts(confusions.falseAlarmsLabelled)}`);
  }
  if (args.flags.has("errors")) for (const w of wrong) out(`${w.gold === "none" ? "FALSE ALARM" : "MISSED     "}  ${w.text}  [${w.signals.join(", ") || "no signals"}]`);
  return 0;
}

type Counts = Record<string, number>;

/**
 * What a binary signal's errors were instead: each signal detected on a missed line (or "nothing"), and each label of
 * a false alarm's line ("none" when it carries none), most frequent first.
 */
function countConfusions(wrong: ReadonlyArray<{ gold: string; label: string; signals: string[] }>, name: string): { missedReadAs: Counts; falseAlarmsLabelled: Counts } {
  const missedReadAs: Counts = {};
  const falseAlarmsLabelled: Counts = {};
  const bump = (counts: Counts, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const w of wrong) {
    if (w.gold === name) for (const s of w.signals.length ? w.signals : ["nothing"]) bump(missedReadAs, s);
    else for (const l of w.label.split(",")) bump(falseAlarmsLabelled, l.trim());
  }
  const sorted = (counts: Counts) => Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
  return { missedReadAs: sorted(missedReadAs), falseAlarmsLabelled: sorted(falseAlarmsLabelled) };
}

const listCounts = (counts: Counts) => Object.entries(counts).map(([key, n]) => `${key} ×${n}`).join(", ") || "–";

function table(scores: Scores, rows: number): string {
  const lines = [`${rows} utterances`, "label        precision  recall  F1     support"];
  for (const [label, s] of Object.entries(scores.labels)) {
    lines.push(`${label.padEnd(12)} ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}  ${s.f1.toFixed(3)}  ${String(s.support).padStart(7)}`);
  }
  if (Object.keys(scores.labels).length > 1) lines.push(`macro-F1     ${scores.macroF1.toFixed(3)}`);
  return lines.join("\n");
}
