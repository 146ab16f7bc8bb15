import { MAX_JSON_DEPTH, MAX_JSON_FILE_BYTES, parseJsonText } from "../shared/json-file.js";
import { number, t } from "./i18n.js";

const megabytes = (bytes: number) => number(bytes / (1024 * 1024), { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A chosen file as JSON, or what is wrong with it (one line naming the file): its size is checked before it is read. */
export async function readJsonFile(file: File): Promise<{ json: unknown } | { problem: string }> {
  if (file.size > MAX_JSON_FILE_BYTES) return { problem: t("importTooBig", file.name, megabytes(file.size), megabytes(MAX_JSON_FILE_BYTES)) };
  const parsed = parseJsonText(await file.text());
  if (parsed.ok) return { json: parsed.json };
  return { problem: parsed.problem === "too-deep" ? t("importTooDeep", file.name, number(MAX_JSON_DEPTH)) : `${file.name}: ${t("teamNotJson")}: ${parsed.detail}` };
}

/**
 * Every import of the extension's pages: the file chosen in `input` is read as JSON and handed to `use`. A file too big,
 * too deep or not JSON never reaches `use`; it, and anything `use` throws (a message the browser will not carry, a
 * worker gone), is told to `refuse` with the file's name, and nothing else changes.
 */
export function onJsonFileChosen(
  input: HTMLInputElement,
  use: (file: { name: string; json: unknown }) => Promise<void>,
  refuse: (name: string, problem: string) => void,
): void {
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    // Cleared at once, so that choosing the same file again (after fixing it) is a change.
    input.value = "";
    if (!file) return;
    try {
      const read = await readJsonFile(file);
      if ("problem" in read) return refuse(file.name, read.problem);
      await use({ name: file.name, json: read.json });
    } catch (error) {
      refuse(file.name, t("importFailed", file.name, error instanceof Error ? error.message : String(error)));
    }
  });
}
