import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Attune's own training lines (rules/training/) teach the learned layer; the chat-domain and held-out sets
// (test/signals/) measure it. A line in both would score a model on what it learned from, and look better than it is.
// The format is the one rules/training/README.md gives: what `attune train` reads, one signal a file.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TRAINING = join(ROOT, "rules", "training");
const MEASURED = join(ROOT, "test", "signals");

/** The label a file's positives carry: its signal, but "frustration" for emotion.frustration. */
const POSITIVE: Record<string, string> = {
  frustration: "frustration",
  "complaint-error": "complaint.error",
  paraphrase: "paraphrase",
  "emotion-positive": "emotion.positive",
  "next-step": "next-step",
  "ack-feeling": "ack.feeling",
};

const same = (text: string) => text.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
const rows = (path: string) => readFileSync(path, "utf8").split("\n").slice(0, -1);

describe("training lines", () => {
  const files = readdirSync(TRAINING).filter((name) => name.endsWith(".tsv")).sort();
  const measured = new Set(readdirSync(MEASURED).filter((name) => name.endsWith(".tsv")).flatMap((name) => rows(join(MEASURED, name)).map((row) => same(row.split("\t")[0]!))));

  it.each(files)("%s: text TAB label, the file's signal or none, both, each line once, none of them measured", (name) => {
    const match = /^(.+)-(en|it|ro|fa)\.tsv$/.exec(name);
    const positive = match && POSITIVE[match[1]!];
    expect(positive, `${name}: <signal>-<language>.tsv, a signal of ${Object.keys(POSITIVE).join(", ")}`).toBeTruthy();
    const problems: string[] = [];
    const seen = new Set<string>();
    const labels = new Set<string>();
    rows(join(TRAINING, name)).forEach((row, i) => {
      const [text, label, ...rest] = row.split("\t");
      if (!text?.trim() || rest.length || (label !== positive && label !== "none")) problems.push(`line ${i + 1}: not "text<TAB>${positive}|none"`);
      const key = same(text ?? "");
      if (seen.has(key)) problems.push(`line ${i + 1}: twice in the file`);
      if (measured.has(key)) problems.push(`line ${i + 1}: also in test/signals/`);
      seen.add(key);
      labels.add(label!);
    });
    expect(problems).toEqual([]);
    expect([...labels].sort()).toEqual([positive!, "none"].sort());
  });
});
