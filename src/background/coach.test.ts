import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("webextension-polyfill", () => ({ default: {} }));
vi.mock("attune:shipped-packs", () => ({ default: [] }));
vi.mock("./settings-cache.js", () => ({ interfaceLanguage: () => "en" }));

const { compileWhatLoads } = await import("./coach.js");
const RULES = join(__dirname, "..", "..", "rules");
const shipped = readdirSync(RULES).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(RULES, f), "utf8")));

describe("loading the shipped packs in the worker", () => {
  it("loads every pack that loads when one is broken, and reports the broken one", () => {
    const problems: string[] = [];
    const broken = { id: "broken-pack", version: "nope", rules: "many" };
    const compiled = compileWhatLoads([...shipped, broken], (p) => problems.push(p));
    expect(compiled.packs.map((p) => p.id).sort()).toEqual(shipped.map((p) => p.id).sort());
    expect(problems).toEqual([expect.stringMatching(/^Rule pack broken-pack was not loaded: .*\$\./)]);
  });
});
