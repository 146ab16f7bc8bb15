import { closeSync, fstatSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compilePacks, preparePacks, type CompiledPacks } from "../engine/index.js";
import { ConversationSchema, type Conversation } from "../engine/conversation.js";
import { formatIssues, ValidationError } from "../engine/validation-errors.js";
import { MAX_JSON_DEPTH, MAX_JSON_FILE_BYTES, parseJsonText } from "../shared/json-file.js";
import { parseLabelled } from "../shared/transcript-file.js";
import { CliError } from "./cli-error.js";

/** The shipped packs: rules/ in the Attune folder (the bundle lives in dist/cli, the sources in src/cli). */
export const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "rules");

/**
 * Opens a file to read it whole, or says why not: only a regular file is read (a folder or a device such as /dev/zero
 * is refused, not read for ever), and no bigger than `maxBytes`. The caller closes the descriptor.
 */
export function openRegularFile(file: string, maxBytes = Infinity): number {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : "cannot read the file"}`);
  }
  const stat = fstatSync(fd);
  const problem = stat.isDirectory() ? "a folder, not a file" : !stat.isFile() ? "not a regular file" : stat.size > maxBytes ? `${stat.size} bytes; at most ${maxBytes} are read` : undefined;
  if (problem) {
    closeSync(fd);
    throw new CliError(`${file}: ${problem}`);
  }
  return fd;
}

/** A regular file's text, if it is no bigger than `maxBytes` (see openRegularFile). */
export function readTextFile(file: string, maxBytes: number): string {
  const fd = openRegularFile(file, maxBytes);
  try {
    return readFileSync(fd, "utf8");
  } catch {
    throw new CliError(`${file}: cannot read the file`);
  } finally {
    closeSync(fd);
  }
}

export function readJson(file: string): unknown {
  const parsed = parseJsonText(readTextFile(file, MAX_JSON_FILE_BYTES));
  if (parsed.ok) return parsed.json;
  throw new CliError(`${file}: ${parsed.problem === "too-deep" ? `nested more than ${MAX_JSON_DEPTH} deep` : `invalid JSON (${parsed.detail})`}`);
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

/** A pack as read, without its learned models: what the phrases alone detect (`attune eval --no-model`, training). */
function withoutModels(pack: unknown): unknown {
  const signals = (pack as { signals?: Record<string, Record<string, Record<string, unknown>>> } | null)?.signals;
  if (!signals || typeof signals !== "object") return pack;
  const stripped = Object.fromEntries(
    Object.entries(signals).map(([signal, byLanguage]) => [
      signal,
      Object.fromEntries(Object.entries(byLanguage ?? {}).map(([language, lexicon]) => [language, Object.fromEntries(Object.entries(lexicon ?? {}).filter(([key]) => key !== "model"))])),
    ]),
  );
  return { ...(pack as object), signals: stripped };
}

export async function loadPacks(paths: readonly string[], overridesFile?: string, options: { models?: boolean } = {}): Promise<{ compiled: CompiledPacks; files: string[]; raw: unknown[] }> {
  const files = packFiles(paths);
  const raw = files.map(readJson).map((pack) => (options.models === false ? withoutModels(pack) : pack));
  await preparePacks(raw);
  const overrides = overridesFile ? readJson(overridesFile) : undefined;
  try {
    return { compiled: compilePacks(raw, overrides, files.map(display), overridesFile && display(overridesFile)), files, raw };
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

/** Labelled corpora (and plain transcripts) are read whole: ample for hundreds of thousands of lines, and no device is read for ever. */
export const MAX_LABELLED_BYTES = 64 * 1024 * 1024;

/** A labelled file's lines (`text<TAB>label`), each with its text and its label. */
export function readLabelled(file: string): Array<{ text: string; label: string }> {
  const parsed = parseLabelled(file, readTextFile(file, MAX_LABELLED_BYTES));
  if ("problem" in parsed) throw new CliError(parsed.problem);
  return parsed.rows;
}
