import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
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
    await expect(capture(check, [join(dir, "missing.json")])).rejects.toThrow(/missing\.json: no such file/);
    await expect(capture(check, [file("broken.json", "{ not json")])).rejects.toThrow(/broken\.json: invalid JSON/);
    await expect(capture(check, [file("bad-event.json", { events: [{ type: "turn", speaker: "agent", at: 0 }] })])).rejects.toThrow(/bad-event\.json: \$\.events\[0\]\.text/);
    await expect(capture(check, [poorChat, "--pack", file("bad-pack.json", { id: "x" })])).rejects.toThrow(CliError);
  });
});

describe("bad files", () => {
  const refused = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as CliError);

  it("a file holding null as overrides is refused, naming the file, with exit code 2", async () => {
    const error = await refused(capture(check, [poorChat, "--overrides", file("null.json", "null")]));
    expect(error).toBeInstanceOf(CliError);
    expect(error!.exitCode).toBe(2);
    expect(error!.message).toMatch(/null\.json: \$: overrides are a JSON object .*, not null/);
  });

  it("overrides that make a rule's params wrong are blamed on the overrides file, not the pack", async () => {
    const overrides = file("bad-params.json", { rules: { "open-question": { params: { speaker: "nobody" } } } });
    const error = await refused(capture(check, [poorChat, "--overrides", overrides]));
    expect(error!.message).toMatch(/^[^\n]*bad-params\.json: \$\.rules\.open-question\.params\.speaker: /);
    expect(error!.message).not.toMatch(/active-listening/);
  });

  it("a UTF-8 byte-order mark is dropped, as editors on Windows write it", async () => {
    const withBom = file("bom.json", `\uFEFF${readFileSync(poorChat, "utf8")}`);
    const { code, lines } = await capture(check, [withBom, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(lines[0]!).nudges).toHaveLength(2);
  });

  it("a folder, a device, a missing file, a too-deep file: each refused with a message naming it, never read for ever", async () => {
    const cases: Array<[string[], RegExp]> = [
      [[dir], /attune-cli-[^:]*: a folder, not a file/],
      [["/dev/zero"], /\/dev\/zero: not a regular file/],
      [[join(dir, "nowhere.json")], /nowhere\.json: no such file/],
      [[file("deep.json", "[".repeat(100_000) + "]".repeat(100_000))], /deep\.json: nested more than 64 deep/],
      [[poorChat, "--pack", "/dev/zero"], /\/dev\/zero: not a regular file/],
    ];
    for (const [argv, message] of cases) {
      const error = await refused(capture(check, argv));
      expect(error, argv.join(" ")).toBeInstanceOf(CliError);
      expect(error!.exitCode).toBe(2);
      expect(error!.message).toMatch(message);
    }
    const evalError = await refused(capture(evaluate, ["/dev/zero", "--signal", "apology"]));
    expect(evalError!.message).toBe("/dev/zero: not a regular file");
    for (const lines of [dir, "/dev/zero"]) {
      const error = await refused(capture(signals, ["--lines", lines]));
      expect(error!.message).toMatch(lines === dir ? /: a folder, not a file$/ : /\/dev\/zero: not a regular file$/);
    }
  });

  it("a phrase that forks into 5^10 spellings is refused at once, naming the pack and the phrase", async () => {
    // Ten words, each five alternatives that split at their hyphen: 199 characters, 9,765,625 spellings.
    const word = (w: number) => Array.from({ length: 5 }, (_, i) => `${letter(w * 10 + 2 * i)}-${letter(w * 10 + 2 * i + 1)}`).join("|");
    const letter = (n: number) => String.fromCharCode(97 + (n % 26));
    const phrase = Array.from({ length: 10 }, (_, w) => word(w)).join(" ");
    expect(phrase).toHaveLength(199);
    const pack = file("forks.json", { id: "forks", version: "1.0.0", description: "d", languages: ["en"], signals: { apology: { en: { phrases: ["so sorry", phrase] } } } });
    const error = await refused(capture(check, [poorChat, "--pack", pack]));
    expect(error!.exitCode).toBe(2);
    expect(error!.message).toBe(`${relative(process.cwd(), pack)}: $.signals.apology.en.phrases[1]: forks into 9765625 spellings (its alternatives that split at a hyphen or an apostrophe multiply); at most 256: write it as several phrases`);
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
    // The English lexicon's own examples pass beside the failing rule example.
    expect(lines.at(-1)).toMatch(/^[1-9]\d* passed, 1 failed$/);
  });

  it("runs the lexicons' examples: an utterance that must carry a signal and does not, or must not and does", async () => {
    const pack = file("lexicon-examples.json", {
      id: "lex", version: "1.0.0", description: "d", languages: ["en"],
      signals: { "complaint.error": { en: {
        phrases: ["ordered ... arrived broken"],
        examples: { matches: ["I ordered a lamp and it arrived broken", "the lamp I ordered was lovely"], ignores: ["I ordered one, it arrived broken, my fault"] },
      } } },
      rules: [],
    });
    const { code, lines } = await capture(testRules, [pack]);
    expect(code).toBe(1);
    expect(lines).toEqual([
      "FAIL lex/complaint.error [en] must carry it, does not: the lamp I ordered was lovely",
      "FAIL lex/complaint.error [en] must not carry it, does: I ordered one, it arrived broken, my fault",
      "1 passed, 2 failed",
    ]);
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

  it("scores each signal of a file labelled for several, with what its errors were", async () => {
    const tsv = file("multi.tsv", "Hi, my name is Ana and I'm so sorry\tself-introduction,apology\nsorry about that\tapology\nthank you\tself-introduction\nI'm so sorry\tnone\n");
    const apology = JSON.parse((await capture(evaluate, [tsv, "--signal", "apology", "--json"])).lines[0]!);
    expect(apology.labels.apology).toMatchObject({ precision: 2 / 3, recall: 1, support: 2 });
    expect(apology.confusions).toEqual({ missedReadAs: {}, falseAlarmsLabelled: { none: 1 } });
    const intro = await capture(evaluate, [tsv, "--signal", "self-introduction", "--errors"]);
    expect(intro.lines).toContain("missed, read as: gratitude ×1");
    expect(intro.lines).toContain("MISSED       thank you  [gratitude]");
  });
});
