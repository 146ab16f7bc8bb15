import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { acceptedOverrides, mergeLexicons, OverridesSchema, suggestPhrases, UnknownSignalError, type SuggestUtterance, type Suggestions } from "../../engine/index.js";
import { formatIssues } from "../../engine/validation-errors.js";
import { parseArgs } from "../args.js";
import { CliError } from "../cli-error.js";
import { MAX_JSON_FILE_BYTES } from "../../shared/json-file.js";
import { TRANSCRIPT_EXTENSIONS, transcriptUtterances } from "../../shared/transcript-file.js";
import { loadPacks, MAX_LABELLED_BYTES, readJson, readTextFile } from "../load.js";

export const usage = "attune suggest FOLDER|FILE… --signal NAME --lang CODE [--top N] [--json] [--accept PHRASE]… [--overrides FILE] [--pack PATH]…";

/** The files given, a folder standing for its transcripts (sorted); a folder with none is an error, named. */
function transcriptFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new CliError(`${path}: no such file or folder`);
    }
    if (!isDir) return [path];
    const found = readdirSync(path).filter((f) => (TRANSCRIPT_EXTENSIONS as readonly string[]).includes(extname(f).toLowerCase())).sort().map((f) => join(path, f));
    if (!found.length) throw new CliError(`${path}: no transcripts in the folder (${TRANSCRIPT_EXTENSIONS.join(", ")} files)`);
    return found;
  });
}

/** The utterances of one file (see transcriptUtterances): a conversation no bigger than any JSON file read. */
function readUtterances(file: string, signal: string): SuggestUtterance[] {
  const read = transcriptUtterances(file, readTextFile(file, extname(file).toLowerCase() === ".json" ? MAX_JSON_FILE_BYTES : MAX_LABELLED_BYTES), signal);
  if ("problems" in read) throw new CliError(read.problems.join("\n"));
  return read.utterances;
}

/**
 * Proposes phrases for a signal from transcripts: the word sequences of the utterances that carry it but the lexicon
 * misses, checked on the rest. Nothing is written: `--accept` prints the overrides that would add the phrases picked.
 */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, ["signal", "lang", "top", "accept", "overrides", "pack"], ["json"]);
  const asked = args.options.get("signal")?.[0];
  const language = args.options.get("lang")?.[0];
  if (!args.positional.length || !asked || !language) {
    out(`usage: ${usage}`);
    return 2;
  }
  const top = Number(args.options.get("top")?.[0] ?? 20);
  if (!Number.isInteger(top) || top < 1) throw new CliError("--top needs a whole number of at least 1");
  const overridesFile = args.options.get("overrides")?.[0];
  const { compiled } = await loadPacks(args.options.get("pack") ?? [], overridesFile);
  // The team's overrides were checked as the packs were compiled: their phrases count as covered.
  const overrides = overridesFile ? OverridesSchema.parse(readJson(overridesFile)) : undefined;
  const lexicons = mergeLexicons(...compiled.packs.map((p) => p.signals), ...(overrides ? [overrides.signals] : []));
  // A signal may be named by its last part, as labels name it ("frustration" for emotion.frustration).
  const signal = lexicons[asked] ? asked : Object.keys(lexicons).find((name) => name.split(".").at(-1) === asked) ?? asked;
  const accepted = args.options.get("accept") ?? [];
  const snippet = accepted.length ? acceptedOverrides(signal, language, accepted) : undefined;
  if (snippet) {
    const parsed = OverridesSchema.safeParse(snippet);
    if (!parsed.success) throw new CliError(formatIssues("--accept", parsed.error).join("\n"));
  }
  const utterances = transcriptFiles(args.positional).flatMap((file) => readUtterances(file, signal));
  if (!utterances.length) throw new CliError(`${args.positional.join(", ")}: no utterances to read`);
  let result: Suggestions;
  try {
    result = suggestPhrases({ signal, language, lexicons, utterances, top });
  } catch (error) {
    if (error instanceof UnknownSignalError) throw new CliError(error.what === "signal" ? `unknown signal "${asked}" (known: ${error.known.join(", ")})` : `no "${language}" lexicon for ${signal} (languages: ${error.known.join(", ")})`);
    throw error;
  }
  if (args.flags.has("json")) {
    out(JSON.stringify({ ...result, ...(snippet && { accept: snippet }) }));
    return 0;
  }
  printSuggestions(result, out);
  if (snippet) {
    out("");
    out("Overrides adding the phrases accepted (merge them into your overrides file; the options page's Advanced → Import overrides… replaces the saved overrides with a file's):");
    out(JSON.stringify(snippet, null, 2));
  } else if (result.suggestions.length) {
    out("");
    out(`To accept, run again with --accept "PHRASE" (repeatable): it prints the overrides to import. Nothing is written.`);
  }
  return 0;
}

const SOURCES: Record<Suggestions["source"], string> = {
  labels: "judged by the files' labels",
  model: "judged by the pack's learned model",
  "co-occurrence": "no learned model for this signal and language, and no labels: judged by a model fitted here to what co-occurs with the lexicon's own hits",
};

function printSuggestions(r: Suggestions, out: (line: string) => void): void {
  out(`${r.signal} (${r.language}), ${r.utterances} utterances, ${SOURCES[r.source]}${r.source === "labels" ? "" : ` (the signal's at ≥ ${r.high.toFixed(2)}, not below ${r.low.toFixed(2)})`}:`);
  out(`  found by the lexicon ${r.lexiconHits}; missed by it ${r.missed}; without the signal ${r.negatives}`);
  if (!r.suggestions.length) {
    out("No phrase to propose: no word sequence of 2–5 words recurs in the missed utterances without firing as often on the rest.");
    return;
  }
  out("");
  out("  #  catches  false hits  score  phrase");
  r.suggestions.forEach((s, i) => {
    out(`${String(i + 1).padStart(3)}  ${String(s.catches).padStart(7)}  ${String(s.risk).padStart(10)}  ${s.score.toFixed(1).padStart(5)}  "${s.phrase}"`);
    for (const example of s.examples) out(`${" ".repeat(35)}e.g. ${example}`);
    if (s.reasons.length) out(`${" ".repeat(35)}model: ${s.reasons.join(", ")}`);
  });
}
