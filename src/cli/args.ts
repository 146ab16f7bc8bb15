import { CliError } from "./cli-error.js";

export interface ParsedArgs {
  positional: string[];
  /** Options as given: repeated ones collect every value. */
  options: Map<string, string[]>;
  flags: Set<string>;
}

/** `--name value` options (those in `valued`), `--flag` switches, and the rest positional. */
export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--") || arg === "--") {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (flags.includes(name)) {
      parsed.flags.add(name);
    } else if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new CliError(`--${name} needs a value`);
      parsed.options.set(name, [...(parsed.options.get(name) ?? []), value]);
    } else {
      throw new CliError(`unknown option --${name}`);
    }
  }
  return parsed;
}
