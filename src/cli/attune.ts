import { CliError } from "./cli-error.js";
import * as check from "./commands/check.js";
import * as evaluate from "./commands/eval.js";
import * as schemas from "./commands/schemas.js";
import * as signals from "./commands/signals.js";
import * as suggest from "./commands/suggest.js";
import * as testRules from "./commands/test-rules.js";
import * as train from "./commands/train.js";

interface Command {
  usage: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = { check, signals, "test-rules": testRules, eval: evaluate, train, suggest, schemas };

const HELP = `attune — active-listening coaching engine, on the command line

${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join("\n")}

Packs default to the shipped ones in rules/. Exit status: 0 ok, 1 a check failed, 2 bad input.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`attune: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(", ")})`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message.split("\n").map((line) => `attune: ${line}`).join("\n"));
      return error.exitCode;
    }
    console.error(`attune: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
