import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compilePacks, preparePacks, type CompiledPacks } from "../engine/index.js";
import { ConversationSchema, type Conversation } from "../engine/conversation.js";
import { formatIssues, ValidationError } from "../engine/validation-errors.js";
import { CliError } from "./cli-error.js";

/** The shipped packs: rules/ in the Attune folder (the bundle lives in dist/cli, the sources in src/cli). */
export const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "rules");

export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new CliError(`${file}: cannot read the file`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: invalid JSON (${(error as Error).message})`);
  }
}

/** Pack files: every .json in each folder given, or the files themselves; the shipped packs when none is given. */
export function packFiles(paths: readonly string[]): string[] {
  const roots = paths.length ? paths : [RULES_DIR];
  return roots.flatMap((path) => {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new CliError(`${path}: no such file or folder`);
    }
    return isDir ? readdirSync(path).filter((f) => f.endsWith(".json")).sort().map((f) => join(path, f)) : [path];
  });
}

const display = (file: string) => relative(process.cwd(), file) || file;

export async function loadPacks(paths: readonly string[], overridesFile?: string): Promise<{ compiled: CompiledPacks; files: string[]; raw: unknown[] }> {
  const files = packFiles(paths);
  const raw = files.map(readJson);
  await preparePacks(raw);
  const overrides = overridesFile ? readJson(overridesFile) : undefined;
  try {
    return { compiled: compilePacks(raw, overrides, files.map(display)), files, raw };
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(error.problems.join("\n"));
    throw error;
  }
}

export function loadConversation(file: string): Conversation {
  const parsed = ConversationSchema.safeParse(readJson(file));
  if (!parsed.success) throw new CliError(formatIssues(display(file), parsed.error).join("\n"));
  return parsed.data;
}
