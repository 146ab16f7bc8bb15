import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StatsRecorder } from "../../src/background/stats.js";
import type { Nudge } from "../../src/engine/nudge.js";
import { addStatsFiles, newAgentLabel, readStatsFile, statsFile, statsFileJsonSchema, teamTable, teamTableToCsv, type StatsFile, type StatsPeriod } from "../../src/shared/team-stats.js";
import type { Stats } from "../../src/shared/stats.js";
import { memoryStorage } from "../../src/background/test-support.js";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 7, 8);

const nudge = (rule: string): Nudge => ({ rule, pack: "p", event: 0, at: 0, severity: "tip", priority: 0, message: "m", suggestion: "s", outcome: "open" });

/** An agent's export, made by the real recorder and export code: `shown` cards per rule, rated as given, over `hours`. */
async function agentExport(agent: string, hours: number, ratings: Record<string, { shown: number; helpful?: number; notHelpful?: number; followed?: number; missed?: number }>): Promise<StatsFile> {
  const storage = memoryStorage();
  let now = T0;
  const recorder = new StatsRecorder(storage, () => now);
  for (let h = 0; h < hours; h++) {
    now = T0 + h * HOUR;
    for (const [rule, r] of Object.entries(ratings)) {
      for (let i = 0; i < r.shown / hours; i++) await recorder.countShown(nudge(rule));
      if (h === 0) {
        for (let i = 0; i < (r.helpful ?? 0); i++) await recorder.count(rule, "helpful");
        for (let i = 0; i < (r.notHelpful ?? 0); i++) await recorder.count(rule, "notHelpful");
        for (let i = 0; i < (r.followed ?? 0); i++) await recorder.count(rule, "followed");
        for (let i = 0; i < (r.missed ?? 0); i++) await recorder.count(rule, "missed");
      }
    }
  }
  const file = statsFile(storage.data.stats as Stats, storage.data.statsPeriod as StatsPeriod, agent, T0 + hours * HOUR);
  // What is exported is what is read back.
  expect(readStatsFile(`${agent}.json`, JSON.parse(JSON.stringify(file)))).toEqual({ file });
  return file;
}

describe("the statistics export file", () => {
  it("holds counts per rule, the label and the period (from the first count to the export, and the active hours)", async () => {
    const file = await agentExport("agent-7f3a", 2, { "use-name": { shown: 4, helpful: 1 } });
    expect(file).toMatchObject({ format: "attune-stats", version: 1, agent: "agent-7f3a", from: "2026-12-07T08:00:00.000Z", to: "2026-12-07T10:00:00.000Z", activeHours: 2 });
    expect(file.rules["use-name"]).toMatchObject({ shown: 4, helpful: 1, notHelpful: 0 });
    expect(newAgentLabel(() => 0x7f3a)).toBe("agent-7f3a");
    expect(newAgentLabel()).toMatch(/^agent-[0-9a-f]{4}$/);
  });

  it("refuses a file that is not an export, of another version, or with a bad field, naming the file and the place", () => {
    expect(readStatsFile("pack.json", { id: "a", rules: [] })).toEqual({ problems: ['pack.json: not an Attune statistics export (format "attune-stats" expected)'] });
    expect(readStatsFile("new.json", { format: "attune-stats", version: 2 })).toEqual({ problems: ["new.json: version 2 of the statistics export cannot be read here (version 1 can)"] });
    const good = statsFile({ "use-name": { raised: 1 } as Stats[string] }, undefined, "agent-1", T0);
    const problems = readStatsFile("bad.json", { ...good, agent: "<b>x</b>", rules: { "use-name": { shown: -1 }, "Bad Rule": {} }, text: "hello" });
    // A field the format has no place for (text, a URL) is refused, not carried along.
    expect("problems" in problems && problems.problems).toEqual([
      "bad.json: $.agent: letters, digits, spaces, dots, dashes or underscores",
      "bad.json: $.rules.use-name.shown: Too small: expected number to be >=0",
      "bad.json: $.rules.Bad Rule: Invalid key in record",
      'bad.json: $: Unrecognized key: "text"',
    ]);
  });

  it("docs/team-stats.schema.json is up to date (regenerate: npm run build && npx attune schemas --write docs)", () => {
    const published = JSON.parse(readFileSync(join(__dirname, "..", "..", "docs", "team-stats.schema.json"), "utf8"));
    expect(published).toEqual(JSON.parse(JSON.stringify(statsFileJsonSchema())));
  });
});

describe("the team table", () => {
  it("gives each rule's rates per agent and together, and the rules most agents find unhelpful", async () => {
    const ana = await agentExport("ana", 2, { "use-name": { shown: 4, helpful: 3, followed: 2, missed: 2 }, "open-question": { shown: 2, notHelpful: 2 } });
    const bo = await agentExport("bo", 1, { "use-name": { shown: 1, notHelpful: 1 }, "open-question": { shown: 1, notHelpful: 1, helpful: 0 } });
    const cy = await agentExport("cy", 1, { "open-question": { shown: 3, helpful: 2 } });
    const table = teamTable(addStatsFiles([], [ana, bo, cy]));
    expect(table.agents).toEqual(["ana", "bo", "cy"]);
    const useName = table.rules.find((r) => r.rule === "use-name")!;
    expect(useName.team).toMatchObject({ hours: 4, helpfulRate: 0.75, followedRate: 0.5, shownPerHour: 5 / 4 });
    expect(useName.agents.map((a) => [a.agent, a.shownPerHour, a.helpfulRate])).toEqual([["ana", 2, 1], ["bo", 1, 0]]);
    // open-question: ana and bo rate it unhelpful, cy helpful: two of three.
    expect(table.unhelpful).toEqual([{ rule: "open-question", agents: 2, of: 3 }]);
    const csv = teamTableToCsv(table);
    expect(csv.split("\n")[0]).toBe("rule,agent,raised,shown,followed,missed,dismissed,helpful,notHelpful,wrongMoment,misread,used,snoozed,hours,helpfulRate,followedRate,shownPerHour");
    expect(csv).toContain("\nuse-name,,0,5,2,2,0,3,1,0,0,0,0,4,0.75,0.5,1.25\n");
    expect(csv).toContain("\nuse-name,bo,0,1,0,0,0,0,1,0,0,0,0,1,0,,1\n");
  });

  it("an agent imported again replaces their file, not adds to it", async () => {
    const first = await agentExport("ana", 1, { "use-name": { shown: 2 } });
    const again = await agentExport("ana", 2, { "use-name": { shown: 6 } });
    const files = addStatsFiles(addStatsFiles([], [first]), [again]);
    expect(files).toEqual([again]);
    expect(teamTable(files).rules[0]!.team.counts.shown).toBe(6);
  });
});
