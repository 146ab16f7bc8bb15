import browser from "webextension-polyfill";
import { ValidationError } from "../../engine/index.js";
import { jsonPath } from "../../engine/validation-errors.js";
import { scenarioProblems } from "../../trainer/scenario-check.js";
import { parseScenario, type Scenario } from "../../trainer/scenario.js";
import { number, t } from "../i18n.js";
import { readJsonFile } from "../json-import.js";
import { problemWords } from "./problem-words.js";

/** A scenario the trainer offers: shipped with Attune, or imported by the trainer (kept in local storage). */
export interface Entry {
  key: string;
  scenario: Scenario;
  imported: boolean;
}

const STORAGE_KEY = "trainerScenarios";

/** Shipped scenarios (validated like any import: a broken one is reported, the others load) and the imported ones. */
export async function loadLibrary(shipped: readonly unknown[]): Promise<{ entries: Entry[]; problems: string[] }> {
  const problems: string[] = [];
  const entries: Entry[] = [];
  shipped.forEach((input, i) => {
    try {
      const scenario = parseScenario(input, `scenarios/${(input as { id?: unknown })?.id ?? i}.json`);
      entries.push({ key: `shipped:${scenario.id}`, scenario, imported: false });
    } catch (error) {
      problems.push(...problemLines(error));
    }
  });
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  for (const input of Array.isArray(stored) ? stored : []) {
    try {
      const scenario = parseScenario(input, "imported scenario");
      entries.push({ key: `imported:${scenario.id}`, scenario, imported: true });
    } catch (error) {
      problems.push(...problemLines(error));
    }
  }
  return { entries, problems };
}

/**
 * Adds (or replaces, by id) a scenario from a file the trainer chose and saves the imported ones. Returns the entry;
 * throws a ValidationError listing every problem, with nothing saved, when the file is too big or deep, not JSON or
 * not a valid scenario: each problem in words by its place, as the scenario editor says it, then its JSON path.
 */
export async function importScenario(entries: Entry[], file: File): Promise<Entry> {
  const read = await readJsonFile(file);
  if ("problem" in read) throw new ValidationError([read.problem]);
  const problems = scenarioProblems(read.json);
  if (problems.length) throw new ValidationError(problems.map((problem) => `${file.name}: ${problemWords(problem, read.json, t, number)} (${jsonPath(problem.path)})`));
  return addImported(entries, parseScenario(read.json, file.name));
}

const saveImported = (entries: Entry[]) => browser.storage.local.set({ [STORAGE_KEY]: entries.filter((e) => e.imported).map((e) => e.scenario) });

/** Takes a trainer's own scenario out of the library (a shipped one stays). */
export async function removeImported(entries: Entry[], key: string): Promise<void> {
  const at = entries.findIndex((e) => e.key === key && e.imported);
  if (at < 0) return;
  entries.splice(at, 1);
  await saveImported(entries);
}

export async function addImported(entries: Entry[], scenario: Scenario): Promise<Entry> {
  const entry: Entry = { key: `imported:${scenario.id}`, scenario, imported: true };
  const at = entries.findIndex((e) => e.key === entry.key);
  if (at >= 0) entries[at] = entry;
  else entries.push(entry);
  await saveImported(entries);
  return entry;
}

export function problemLines(error: unknown): string[] {
  return error instanceof ValidationError ? error.problems : [error instanceof Error ? error.message : String(error)];
}
