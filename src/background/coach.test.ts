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

const { compileTeamPacks } = await import("./coach.js");
const retention = JSON.parse(readFileSync(join(__dirname, "..", "..", "test", "fixtures", "packs", "retention-pack.json"), "utf8"));
// The team's pack has English patterns: the worker loads compromise for it (team-config.ts) before compiling.
await (await import("../engine/index.js")).preparePacks([retention]);
const cancelling = { language: "en", events: [{ type: "turn" as const, speaker: "customer" as const, text: "Please cancel my subscription", at: 0 }] };

describe("the team's packs and overrides in the worker", () => {
  it("adds an imported pack to the shipped ones and applies the overrides over both", async () => {
    const { runConversation } = await import("../engine/index.js");
    const problems: string[] = [];
    const { compiled } = compileTeamPacks(
      shipped,
      { packs: [{ name: "imported pack retention", pack: retention }], overrides: { rules: { "offer-retention": { severity: "alert" } } }, managedOverrides: undefined },
      undefined,
      (p) => problems.push(p),
    );
    expect(problems).toEqual([]);
    expect(runConversation(compiled, cancelling)).toContainEqual(expect.objectContaining({ rule: "offer-retention", severity: "alert" }));
  });

  it("keeps the last good overrides when new ones do not apply, and says why", () => {
    const problems: string[] = [];
    const report = (p: string) => problems.push(p);
    const good = compileTeamPacks(shipped, { packs: [], overrides: { rules: { "talk-ratio": { params: { threshold: 0.9 } } } }, managedOverrides: undefined }, undefined, report);
    expect(problems).toEqual([]);
    const bad = compileTeamPacks(
      shipped,
      { packs: [], overrides: { rules: { "talk-ratio": { params: { threshold: "high" } }, "no-such-rule": { enabled: false } } }, managedOverrides: undefined },
      good.overrides,
      report,
    );
    expect(bad.overrides).toEqual(good.overrides);
    expect(bad.compiled.rules.find((r) => r.rule.id === "talk-ratio")!.rule.params.threshold).toBe(0.9);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Overrides were not applied \(the last good ones stay\): /);
    expect(problems[0]).toContain("overrides: $.rules.talk-ratio.params.threshold: Invalid input: expected number");
    expect(problems[0]).toContain("overrides: $.rules.no-such-rule: no loaded pack has a rule");
  });

  it("refuses overrides synced with a phrase of 5^10 spellings without building them, and coaches on with the last good", () => {
    const problems: string[] = [];
    const good = compileTeamPacks(shipped, { packs: [], overrides: { signals: { apology: { en: { phrases: ["my bad"] } } } }, managedOverrides: undefined }, undefined, () => {});
    const forking = { signals: { apology: { en: { phrases: [Array(10).fill("a-b|c-d|e-f|g-h|i-j").join(" ")] } } } };
    const { compiled, overrides } = compileTeamPacks(shipped, { packs: [], overrides: forking, managedOverrides: undefined }, good.overrides, (p) => problems.push(p));
    expect(overrides).toEqual(good.overrides);
    expect(problems).toEqual([expect.stringMatching(/overrides: \$\.signals\.apology\.en\.phrases\[0\]: forks into 9765625 spellings/)]);
    expect(compiled.detector.detect("oh, my bad", "en")).toContain("apology");
  });

  it("leaves out an imported pack that clashes with a shipped one, and the rest loads", () => {
    const problems: string[] = [];
    const clash = { ...retention, id: "copycat", rules: [{ ...retention.rules[0], id: "open-question" }] };
    const { compiled } = compileTeamPacks(shipped, { packs: [{ name: "imported pack copycat", pack: clash }, { name: "imported pack retention", pack: retention }], overrides: {}, managedOverrides: undefined }, undefined, (p) => problems.push(p));
    expect(compiled.packs.map((p) => p.id)).toContain("retention");
    expect(compiled.packs.map((p) => p.id)).not.toContain("copycat");
    expect(problems).toEqual([expect.stringMatching(/^Rule pack copycat was not loaded: imported pack copycat: \$\.rules\[0\]\.id: rule "open-question" is defined by more than one pack/)]);
  });

  it("applies the administrator's overrides over the team lead's", () => {
    const { compiled } = compileTeamPacks(
      shipped,
      { packs: [], overrides: { rules: { "open-question": { enabled: false, severity: "warn" } } }, managedOverrides: { rules: { "open-question": { enabled: true } } } },
      undefined,
      () => undefined,
    );
    const rule = compiled.rules.find((r) => r.rule.id === "open-question")!.rule;
    expect(rule).toMatchObject({ enabled: true, severity: "warn" });
  });
});
