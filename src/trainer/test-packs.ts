import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compilePacks, preparePacks } from "../engine/index.js";

// For the trainer's unit tests: the shipped packs and scenarios, read from the repository as the build bundles them.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const jsonFiles = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(".json")).sort().map((f) => ({ file: `${dir}/${f}`, json: JSON.parse(readFileSync(join(ROOT, dir, f), "utf8")) as unknown }));

const packFiles = jsonFiles("rules").map((f) => f.json);
await preparePacks(packFiles);
export const shippedPacks = compilePacks(packFiles);
export const shippedScenarioFiles = () => jsonFiles("scenarios");
export const fixture = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, "test", "fixtures", path), "utf8"));
