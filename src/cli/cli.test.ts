import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "./cli-error.js";
import * as check from "./commands/check.js";
import * as evaluate from "./commands/eval.js";
import * as signals from "./commands/signals.js";
import * as testRules from "./commands/test-rules.js";

const dir = mkdtempSync(join(tmpdir(), "attune-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};

async function capture(command: { run(argv: string[], out: (l: string) => void): Promise<number> }, argv: string[]) {
  const lines: string[] = [];
  const code = await command.run(argv, (line) => lines.push(line));
  return { code, lines };
}

const poorChat = file("poor.json", {
  language: "en",
  events: [
    { type: "turn", speaker: "customer", text: "This is the third time I'm writing, I'm fed up!!!", at: 0 },
    { type: "turn", speaker: "agent", text: "Did you check your spam folder?", at: 10 },
    { type: "turn", speaker: "customer", text: "yes", at: 15 },
    { type: "turn", speaker: "agent", text: "Is the address correct?", at: 20 },
  ],
});

describe("attune check", () => {
  it("prints one JSON object per file with the nudges raised", async () => {
    const { code, lines } = await capture(check, [poorChat, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(lines[0]!);
    expect(result).toMatchObject({ file: poorChat, language: "en" });
    expect(result.nudges).toEqual([
      expect.objectContaining({ rule: "acknowledge-frustration", event: 0, at: 0, severity: "warn", outcome: "missed" }),
      expect.objectContaining({ rule: "open-question", event: 3, at: 20, severity: "tip", outcome: "open" }),
    ]);
  });

  it("prints a readable transcript with the nudges interleaved", async () => {
    const { lines } = await capture(check, [poorChat]);
    expect(lines.join("\n")).toMatch(/\[0\].*third time[\s\S]*↳ WARN acknowledge-frustration/);
  });

  it("applies a team lead's overrides file", async () => {
    const overrides = file("overrides.json", { rules: { "open-question": { enabled: false } } });
    const { lines } = await capture(check, [poorChat, "--json", "--overrides", overrides]);
    expect(JSON.parse(lines[0]!).nudges.map((n: { rule: string }) => n.rule)).toEqual(["acknowledge-frustration"]);
  });

  it("--expect compares the nudges with the file's expect list and fails on any difference", async () => {
    const events = JSON.parse(readFileSync(poorChat, "utf8")).events;
    const right = file("right.json", { language: "en", events, expect: [{ rule: "acknowledge-frustration", event: 0, outcome: "missed" }, { rule: "open-question", event: 3 }] });
    const wrong = file("wrong.json", { language: "en", events, expect: [{ rule: "acknowledge-frustration", event: 0, outcome: "followed" }] });
    const ok = await capture(check, [right, "--expect"]);
    expect(ok.code).toBe(0);
    expect(ok.lines).toEqual([`ok   ${right}: 2 nudges as expected`, "1 as expected, 0 not"]);
    const bad = await capture(check, [right, wrong, "--expect"]);
    expect(bad.code).toBe(1);
    expect(bad.lines.slice(1)).toEqual([
      `FAIL ${wrong}`,
      "     expected acknowledge-frustration at event 0 (followed), not raised",
      "     raised acknowledge-frustration at event 0 (missed), not expected",
      "     raised open-question at event 3 (open), not expected",
      "1 as expected, 1 not",
    ]);
    await expect(capture(check, [poorChat, "--expect"])).rejects.toThrow(/poor\.json: \$\.expect/);
  });

  it("names the file and the place of bad input, in one line", async () => {
    await expect(capture(check, [join(dir, "missing.json")])).rejects.toThrow(/missing\.json: cannot read the file/);
    await expect(capture(check, [file("broken.json", "{ not json")])).rejects.toThrow(/broken\.json: invalid JSON/);
    await expect(capture(check, [file("bad-event.json", { events: [{ type: "turn", speaker: "agent", at: 0 }] })])).rejects.toThrow(/bad-event\.json: \$\.events\[0\]\.text/);
    await expect(capture(check, [poorChat, "--pack", file("bad-pack.json", { id: "x" })])).rejects.toThrow(CliError);
  });
});

describe("attune test-rules", () => {
  it("runs every shipped example and ends with the count line", async () => {
    const { code, lines } = await capture(testRules, []);
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it("shows each failure with the rule, the example and what was raised instead, and exits non-zero", async () => {
    const pack = file("wrong.json", {
      id: "wrong", version: "1.0.0", description: "d", languages: ["en"],
      rules: [{
        id: "loud", kind: "on-signal", description: "d", severity: "tip", message: { en: "m" }, suggestion: { en: "s" },
        params: { speaker: "customer", anyOf: ["apology"] },
        examples: [{ language: "en", events: ["customer: hello"], raises: [{ event: 0 }] }],
      }],
    });
    const { code, lines } = await capture(testRules, [pack, join(__dirname, "..", "..", "rules", "lexicon-en.json")]);
    expect(code).toBe(1);
    expect(lines.join("\n")).toMatch(/FAIL wrong\/loud example 1[\s\S]*customer: hello[\s\S]*expected event 0; raised nothing/);
    expect(lines.at(-1)).toBe("0 passed, 1 failed");
  });
});

describe("attune signals and eval", () => {
  it("gives the signals of one utterance and of each line of a file", async () => {
    expect((await capture(signals, ["I'm so sorry", "--json"])).lines).toEqual([JSON.stringify({ text: "I'm so sorry", language: "en", signals: ["apology"] })]);
    const lines = file("lines.tsv", "thank you so much\tgratitude\nwhat happened?\topen\n");
    expect((await capture(signals, ["--lines", lines])).lines).toEqual(['{"signals":["gratitude"]}', '{"signals":["question.open"]}']);
  });

  it("scores a signal against labelled lines", async () => {
    const tsv = file("labelled.tsv", "i'm really sorry\tapology\nsorry about that\tapology\nthe weather is nice\tnone\nok\tapology\n");
    const { lines } = await capture(evaluate, [tsv, "--signal", "apology", "--json"]);
    const result = JSON.parse(lines[0]!);
    expect(result.labels.apology).toMatchObject({ precision: 1, support: 3 });
    expect(result.labels.apology.recall).toBeCloseTo(2 / 3);
  });
});
