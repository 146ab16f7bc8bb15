import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LearnedModelSchema } from "../../engine/index.js";
import * as train from "./train.js";

const dir = mkdtempSync(join(tmpdir(), "attune-train-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// "zbang" is a made-up word of exasperation no lexicon knows: only a model can learn it.
const FILLER = ["coletul", "factura", "contul", "comanda", "parola", "adresa", "curierul", "plata", "livrarea", "oferta"];
function lines(name: string, label: (frustrated: boolean) => string): string {
  const text = Array.from({ length: 120 }, (_, i) => {
    const frustrated = i % 2 === 0;
    const word = FILLER[i % FILLER.length]!;
    return `${frustrated ? `zbang, iar ${word}` : `${word} e in regula, multumesc`} ${i}\t${label(frustrated)}`;
  }).join("\n");
  const path = join(dir, name);
  writeFileSync(path, `${text}\n`);
  return path;
}

async function run(argv: string[]): Promise<string[]> {
  const out: string[] = [];
  expect(await train.run(argv, (line) => out.push(line))).toBe(0);
  return out;
}

describe("attune train", () => {
  const data = lines("train.tsv", (f) => (f ? "frustration" : "none"));
  const pack = join(dir, "learned.json");
  const base = [data, "--signal", "emotion.frustration", "--lang", "ro", "--source", "test lines", "--out", pack];

  it("writes a model that beats the phrases alone into the pack of learned models, the same bytes each time", async () => {
    const out = await run([...base, "--chat", lines("chat.tsv", (f) => (f ? "emotion.frustration" : "none"))]);
    expect(out.at(-1)).toBe(`switched on: written to ${pack}`);
    const written = JSON.parse(readFileSync(pack, "utf8"));
    expect(written).toMatchObject({ id: "learned-models", languages: ["ro"] });
    expect(LearnedModelSchema.safeParse(written.signals["emotion.frustration"].ro.model).success).toBe(true);
    await run([...base, "--chat", join(dir, "chat.tsv")]);
    expect(JSON.parse(readFileSync(pack, "utf8"))).toEqual(written);
  });

  it("removes the model where it does worse on the corpus kept for scoring, and the pack with its last model", async () => {
    const out = await run([...base, "--corpus", lines("inverted.tsv", (f) => (f ? "none" : "frustration"))]);
    expect(out.at(-1)).toBe(`not switched on (not better than the phrases alone): removed from ${pack}`);
    expect(existsSync(pack)).toBe(false);
  });

  it("asks for what it needs", async () => {
    const out: string[] = [];
    expect(await train.run([data, "--signal", "emotion.frustration"], (line) => out.push(line))).toBe(2);
    expect(out[0]).toMatch(/^usage: attune train/);
  });
});
