import { createInterface } from "node:readline";
import { createReadStream } from "node:fs";
import { CliError } from "../cli-error.js";
import { parseArgs } from "../args.js";
import { loadPacks, openRegularFile } from "../load.js";

export const usage = "attune signals TEXT [--lang CODE] [--json] | attune signals --lines FILE [--lang CODE]";

/** The signals of one utterance, or of every line of a file (a TSV's first column is the text). */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, ["lang", "lines", "pack"], ["json"]);
  const language = args.options.get("lang")?.[0] ?? "en";
  const { compiled } = await loadPacks(args.options.get("pack") ?? []);
  const file = args.options.get("lines")?.[0];
  if (file) {
    // Read as it streams, line by line: any size will do, but a folder or a device is refused before the first read.
    const input = createReadStream(file, { fd: openRegularFile(file) });
    try {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        const text = line.split("\t")[0] ?? "";
        out(JSON.stringify({ signals: [...compiled.detector.detect(text, language)].sort() }));
      }
    } catch {
      throw new CliError(`${file}: cannot read the file`);
    }
    return 0;
  }
  const text = args.positional.join(" ");
  if (!text) {
    out(`usage: ${usage}`);
    return 2;
  }
  const signals = [...compiled.detector.detect(text, language)].sort();
  out(args.flags.has("json") ? JSON.stringify({ text, language, signals }) : signals.join("\n") || "(no signals)");
  return 0;
}
