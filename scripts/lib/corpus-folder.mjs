// The one argument `npm run eval` and `npm run train` take: the folder of labelled corpora (../shared/eval/ beside the
// checkout by default). `--help` prints the usage; anything else, or a folder that is not there, exits 2 with it, so
// that a mistyped path never runs on nothing (eval would rewrite docs/accuracy.md with its corpus table empty).
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT } from "./browser.mjs";

export function corpusFolder(command) {
  const usage = `usage: npm run ${command} [-- FOLDER]   (FOLDER: the labelled corpora, ../shared/eval/ by default)`;
  const argument = process.argv[2];
  if (argument?.startsWith("-") || process.argv.length > 3) {
    const help = argument === "--help" || argument === "-h";
    console.error(help ? usage : `${command}: unknown argument "${process.argv.slice(2).join(" ")}"\n${usage}`);
    process.exit(help ? 0 : 2);
  }
  const folder = resolve(argument ?? join(ROOT, "..", "shared", "eval"));
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`${command}: ${folder} is not a folder of labelled corpora\n${usage}`);
    process.exit(2);
  }
  return folder;
}
