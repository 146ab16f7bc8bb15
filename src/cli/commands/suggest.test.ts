import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OverridesSchema } from "../../engine/index.js";
import { CliError } from "../cli-error.js";
import { loadPacks } from "../load.js";
import * as suggest from "./suggest.js";

const dir = mkdtempSync(join(tmpdir(), "attune-suggest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

// "zbang" is a made-up word of exasperation no lexicon knows.
const ANGRY = ["zbang total cu coletul de ieri", "iar zbang total la factura", "zbang total, contul blocat"];
const CALM = ["coletul a ajuns bine, mulțumesc", "factura e corectă", "contul merge acum"];
const labelledFile = file("lines.tsv", [...ANGRY.map((t) => `${t}\tfrustration`), ...CALM.map((t) => `${t}\tnone`)].join("\n"));
const folder = join(dir, "transcripts");
mkdirSync(folder);
writeFileSync(join(folder, "chat.json"), JSON.stringify({ language: "ro", events: ANGRY.map((text, i) => ({ type: "turn", speaker: "customer", text, at: i })) }));
writeFileSync(join(folder, "more.txt"), `${CALM.join("\n")}\n`);

async function run(argv: string[]) {
  const lines: string[] = [];
  const code = await suggest.run(argv, (line) => lines.push(line));
  return { code, lines };
}

describe("attune suggest", () => {
  it("prints the phrases proposed, ranked, with what they catch, their false hits and examples", async () => {
    const { code, lines } = await run([labelledFile, "--signal", "frustration", "--lang", "ro"]);
    expect(code).toBe(0);
    const text = lines.join("\n");
    expect(text).toMatch(/emotion\.frustration \(ro\), 6 utterances, judged by the files' labels/);
    expect(text).toMatch(/1\s+3\s+0\s+[\d.]+\s+"zbang total"/);
    expect(text).toContain("e.g. zbang total cu coletul de ieri");
    expect(text).toMatch(/--accept/);
  });

  it("--json gives the same for machines; a folder is read for its conversations and plain lines", async () => {
    const { code, lines } = await run([folder, "--signal", "emotion.frustration", "--lang", "ro", "--json", "--top", "1"]);
    expect(code).toBe(0);
    const result = JSON.parse(lines[0]!);
    expect(result).toMatchObject({ signal: "emotion.frustration", language: "ro", utterances: 6, source: "co-occurrence" });
    expect(result.suggestions.length).toBeLessThanOrEqual(1);
  });

  it("--accept prints overrides the team override schema takes, which make the signal fire on the examples", async () => {
    const { lines } = await run([labelledFile, "--signal", "frustration", "--lang", "ro", "--accept", "zbang total"]);
    const at = lines.findIndex((line) => line.startsWith("{"));
    const snippet = JSON.parse(lines.slice(at).join("\n"));
    expect(snippet).toEqual({ signals: { "emotion.frustration": { ro: { phrases: ["zbang total"] } } } });
    expect(OverridesSchema.safeParse(snippet).success).toBe(true);
    const overrides = file("accepted.json", JSON.stringify(snippet));
    const { compiled } = await loadPacks([], overrides);
    for (const text of ANGRY) expect(compiled.detector.detect(text, "ro").has("emotion.frustration")).toBe(true);
    // With the accepted phrase in the team's overrides, nothing is left to propose for those lines.
    const again = await run([labelledFile, "--signal", "frustration", "--lang", "ro", "--overrides", overrides, "--json"]);
    expect(JSON.parse(again.lines[0]!)).toMatchObject({ lexiconHits: 3, missed: 0, suggestions: [] });
  });

  it("refuses, exit 2, an unknown signal or language, an empty folder, a missing or unreadable file, naming it", async () => {
    const refused = (argv: string[]) => run(argv).then(() => undefined, (error: unknown) => error);
    const expectRefusal = async (argv: string[], message: RegExp) => {
      const error = await refused(argv);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
      expect((error as CliError).message).toMatch(message);
    };
    await expectRefusal([labelledFile, "--signal", "nope", "--lang", "ro"], /unknown signal "nope" \(known: .*emotion\.frustration/);
    await expectRefusal([labelledFile, "--signal", "frustration", "--lang", "de"], /no "de" lexicon for emotion\.frustration \(languages: en, fa, it, ro\)/);
    const empty = join(dir, "empty");
    mkdirSync(empty);
    await expectRefusal([empty, "--signal", "frustration", "--lang", "ro"], new RegExp(`${empty}: no transcripts in the folder`));
    await expectRefusal([join(dir, "absent.txt"), "--signal", "frustration", "--lang", "ro"], /absent\.txt: no such file or folder/);
    const locked = file("locked.txt", "zbang\n");
    chmodSync(locked, 0);
    // Root reads any file: the refusal is only checked where permissions hold.
    if (process.getuid?.() !== 0) await expectRefusal([locked, "--signal", "frustration", "--lang", "ro"], /locked\.txt: permission denied/);
    await expectRefusal([labelledFile, "--signal", "frustration", "--lang", "ro", "--accept", "^"], /--accept/);
    expect((await run(["--signal", "frustration"])).code).toBe(2);
  });
});
