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

/** A Romanian chat of the customer's line and the agent's calm answer, expecting `expected`. */
function conversationFile(name: string, customer: string, expected: unknown[]): string {
  const path = join(dir, name);
  const turn = (speaker: string, text: string, at: number) => ({ type: "turn", speaker, text, at });
  writeFileSync(path, JSON.stringify({ language: "ro", channel: "chat", events: [turn("customer", customer, 0), turn("agent", "Verific acum comanda.", 20)], expect: expected }));
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
    // A signal of its own, which no pack's example or rule looks at: these few made-up lines teach a model that would
    // read most of the shipped examples wrong (the next tests).
    const own = [lines("zbang.tsv", (f) => (f ? "zbang" : "none")), "--signal", "emotion.zbang", "--lang", "ro", "--source", "test lines", "--out", pack];
    const out = await run([...own, "--chat", lines("chat-zbang.tsv", (f) => (f ? "emotion.zbang" : "none"))]);
    expect(out.at(-1), out.join("\n")).toBe(`switched on: written to ${pack}`);
    const written = JSON.parse(readFileSync(pack, "utf8"));
    expect(written).toMatchObject({ id: "learned-models", languages: ["ro"] });
    expect(LearnedModelSchema.safeParse(written.signals["emotion.zbang"].ro.model).success).toBe(true);
    await run([...own, "--chat", join(dir, "chat-zbang.tsv")]);
    expect(JSON.parse(readFileSync(pack, "utf8"))).toEqual(written);
    await run([...own, "--corpus", lines("inverted-zbang.tsv", (f) => (f ? "none" : "zbang"))]);
  });

  it("removes the model where it does worse on the corpus kept for scoring, and the pack with its last model", async () => {
    await run([...base, "--force"]);
    expect(existsSync(pack)).toBe(true);
    const out = await run([...base, "--corpus", lines("inverted.tsv", (f) => (f ? "none" : "frustration"))]);
    expect(out.at(-1)).toBe(`not switched on (not better than the phrases alone): removed from ${pack}`);
    expect(existsSync(pack)).toBe(false);
  });

  it("keeps off a model that changes what a whole conversation expects to raise, and says where", async () => {
    // Without a model nothing is raised; with one, "zbang" is frustration the agent's reply does not acknowledge.
    const conversation = conversationFile("calm-answer.json", "zbang, iar coletul 4", []);
    const out = await run([...base, "--chat", lines("chat.tsv", (f) => (f ? "emotion.frustration" : "none")), "--conversations", conversation]);
    expect(out).toContain(`  ${conversation}: raised acknowledge-frustration at event 0 (missed), not expected`);
    expect(out.at(-1)).toBe(`not switched on (it changes what the packs' examples or the conversations raise): removed from ${pack}`);
    expect(existsSync(pack)).toBe(false);
  });

  it("holds a model only to what it changes, not to what the phrases already get wrong", async () => {
    // Expects a nudge nothing raises, with or without a model: that is the phrases' failing, not the model's.
    const conversation = conversationFile("never-met.json", "coletul e in regula, multumesc", [{ rule: "acknowledge-frustration", event: 0, outcome: "followed" }]);
    const own = [join(dir, "zbang.tsv"), "--signal", "emotion.zbang", "--lang", "ro", "--source", "test lines", "--out", pack];
    const out = await run([...own, "--chat", join(dir, "chat-zbang.tsv"), "--conversations", conversation]);
    expect(out.at(-1), out.join("\n")).toBe(`switched on: written to ${pack}`);
  });

  it("puts a model that only adds in place of one whose vetoes contradict the packs' examples", async () => {
    // The lines call the shipped phrase "nu mai am rabdare" no frustration, so the best model takes it back; the
    // Romanian pack's own example says it is frustration: a model that only adds "zbang" is judged instead.
    const rows = Array.from({ length: 200 }, (_, i) => {
      const word = FILLER[i % FILLER.length]!;
      const calm = `${word} e in regula, multumesc ${i}\tnone`;
      return [`zbang, iar ${word} ${i}\tfrustration`, `nu mai am rabdare cu ${word} ${i}\tnone`, calm, calm, calm][i % 5];
    });
    const path = join(dir, "contradicting.tsv");
    writeFileSync(path, `${rows.join("\n")}\n`);
    const out = await run([path, ...base.slice(1)]);
    expect(out).toContain("  lexicon-ro/emotion.frustration [ro] must carry it, does not: nu mai am rabdare cu voi");
    expect(out).toContain("the best model that only adds, in its place:");
    expect(out.at(-1), out.join("\n")).toBe(`switched on: written to ${pack}`);
    const written = JSON.parse(readFileSync(pack, "utf8")).signals["emotion.frustration"].ro.model;
    expect(written.veto).toBe(0);
  });

  it("sums each model up in a line of JSON, and takes a pair's model out on --off", async () => {
    const [summary, summed] = [join(dir, "summary.jsonl"), join(dir, "summed.json")];
    const own = [lines("zbang-2.tsv", (f) => (f ? "zbang" : "none")), "--signal", "emotion.zbang", "--lang", "ro", "--source", "test lines", "--out", summed];
    await run([...own, "--chat", lines("chat-zbang-2.tsv", (f) => (f ? "emotion.zbang" : "none")), "--summary", summary]);
    const [line] = readFileSync(summary, "utf8").trim().split("\n").map((row) => JSON.parse(row));
    expect(line).toMatchObject({ signal: "emotion.zbang", language: "ro", on: true });
    expect(JSON.parse(readFileSync(summed, "utf8")).signals["emotion.zbang"].ro.model).toBeDefined();
    expect(line.outOfFold.together).toBeGreaterThan(line.outOfFold.alone);
    expect(line.chat.together).toBeGreaterThanOrEqual(line.chat.alone);
    expect(await run(["--off", "--signal", "emotion.zbang", "--lang", "ro", "--out", summed])).toEqual([`switched off: removed from ${summed}`]);
    expect(existsSync(summed)).toBe(false);
  });

  it("asks for what it needs", async () => {
    const out: string[] = [];
    expect(await train.run([data, "--signal", "emotion.frustration"], (line) => out.push(line))).toBe(2);
    expect(out[0]).toMatch(/^usage: attune train/);
  });
});
