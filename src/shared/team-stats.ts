import { z } from "zod";
import { formatIssues } from "../engine/validation-errors.js";
import { STAT_FIELDS, type StatField, type Stats } from "./stats.js";

// The team view without a server: each agent exports their counts as a small versioned file, the team lead imports
// many and sees the team's table. The file holds counts, rule ids, a pseudonymous label and the period: never
// conversation text, URLs or site names (its schema has no field that could carry them).

export const STATS_FILE_FORMAT = "attune-stats";
export const STATS_FILE_VERSION = 1;
export const MAX_RULES_IN_FILE = 500;

/** Where the worker keeps the counts (storage.local), and beside them the period they cover. */
export const STATS_KEY = "stats";
export const PERIOD_KEY = "statsPeriod";

/** The period the counts cover, kept by the worker beside them. */
export interface StatsPeriod {
  /** When the first count after install or reset was made (ms since the epoch). */
  from: number;
  /** The clock hours (UTC) in which something was counted, and the last of them: what "per hour" divides by. */
  activeHours: number;
  lastHour: number;
}

const AgentLabel = z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N} ._-]+$/u, "letters, digits, spaces, dots, dashes or underscores");
export const AgentLabelSchema = AgentLabel;

const Counts = z.strictObject(Object.fromEntries(STAT_FIELDS.map((f) => [f, z.int().min(0).max(1e9).default(0)])) as Record<StatField, z.ZodDefault<z.ZodInt>>);

export const StatsFileSchema = z
  .strictObject({
    format: z.literal(STATS_FILE_FORMAT),
    version: z.literal(STATS_FILE_VERSION),
    /** The agent's pseudonymous label ("agent-7f3a" unless they set another): the same agent imported again replaces. */
    agent: AgentLabel,
    /** The period the counts cover: the first count after install or reset, to the export. */
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    /** Clock hours in the period in which something was counted (a nudge raised, shown or rated). */
    activeHours: z.int().min(0),
    rules: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a rule id (kebab-case)").max(80), Counts).refine((r) => Object.keys(r).length <= MAX_RULES_IN_FILE, `at most ${MAX_RULES_IN_FILE} rules`),
  })
  .refine((f) => Date.parse(f.from) <= Date.parse(f.to), { message: "from must not be after to", path: ["to"] });
export type StatsFile = z.infer<typeof StatsFileSchema>;

/** The published JSON Schema of the export file (docs/team-stats.schema.json). */
export function statsFileJsonSchema(): Record<string, unknown> {
  return { title: "Attune statistics export", ...z.toJSONSchema(StatsFileSchema, { io: "input", unrepresentable: "any" }) };
}

/** A new pseudonymous label: "agent-" and four hex digits, random. */
export function newAgentLabel(random: () => number = () => crypto.getRandomValues(new Uint16Array(1))[0]!): string {
  return `agent-${random().toString(16).padStart(4, "0").slice(-4)}`;
}

export const AGENT_LABEL_KEY = "agentLabel";

/** storage.local, as far as the label needs it. */
export interface KeyValueArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The agent's label: the one they set, else a random one made once and kept (stable for this install). */
export async function agentLabelIn(area: KeyValueArea): Promise<string> {
  const stored = (await area.get([AGENT_LABEL_KEY]))[AGENT_LABEL_KEY];
  if (typeof stored === "string" && stored) return stored;
  const label = newAgentLabel();
  await area.set({ [AGENT_LABEL_KEY]: label });
  return label;
}

/** The counts as the worker keeps them, and the period they cover (none before the first count, or after a reset). */
export async function storedCounts(area: Pick<KeyValueArea, "get">): Promise<{ stats: Stats; period?: StatsPeriod }> {
  const stored = await area.get([STATS_KEY, PERIOD_KEY]);
  const period = stored[PERIOD_KEY] as StatsPeriod | null | undefined;
  return { stats: (stored[STATS_KEY] ?? {}) as Stats, ...(period ? { period } : {}) };
}

/** The export file of one agent's counts at `now`. */
export function statsFile(stats: Stats, period: StatsPeriod | undefined, agent: string, now: number): StatsFile {
  const rules = Object.fromEntries(
    Object.keys(stats)
      .sort()
      .map((rule) => [rule, Object.fromEntries(STAT_FIELDS.map((f) => [f, stats[rule]?.[f] ?? 0])) as Record<StatField, number>]),
  );
  return {
    format: STATS_FILE_FORMAT,
    version: STATS_FILE_VERSION,
    agent,
    from: new Date(Math.min(period?.from ?? now, now)).toISOString(),
    to: new Date(now).toISOString(),
    activeHours: period?.activeHours ?? 0,
    rules,
  };
}

/** An export file read: the file, or every problem with it, each naming the file and the place. */
export function readStatsFile(name: string, json: unknown): { file: StatsFile } | { problems: string[] } {
  const kind = (json as { format?: unknown } | null)?.format;
  if (kind !== STATS_FILE_FORMAT) return { problems: [`${name}: not an Attune statistics export (format "${STATS_FILE_FORMAT}" expected)`] };
  const version = (json as { version?: unknown }).version;
  if (version !== STATS_FILE_VERSION) return { problems: [`${name}: version ${JSON.stringify(version)} of the statistics export cannot be read here (version ${STATS_FILE_VERSION} can)`] };
  const parsed = StatsFileSchema.safeParse(json);
  return parsed.success ? { file: parsed.data } : { problems: formatIssues(name, parsed.error) };
}

/** The imported files by agent: a file for an agent already there replaces theirs. */
export function addStatsFiles(kept: readonly StatsFile[], added: readonly StatsFile[]): StatsFile[] {
  const byAgent = new Map(kept.map((f) => [f.agent, f]));
  for (const file of added) byAgent.set(file.agent, file);
  return [...byAgent.values()].sort((a, b) => a.agent.localeCompare(b.agent));
}

/** One line of the team table: a rule for one agent, or for the team (agent undefined). */
export interface TeamRow {
  rule: string;
  agent?: string;
  counts: Record<StatField, number>;
  /** Hours the counts cover (the agents' active hours, summed for the team). */
  hours: number;
  /** Rated helpful ÷ rated (helpful + not helpful); undefined when nobody rated. */
  helpfulRate?: number;
  /** Followed ÷ cards whose moment was decided (followed + missed). */
  followedRate?: number;
  /** Shown ÷ hours. */
  shownPerHour?: number;
}

export interface TeamTable {
  agents: string[];
  /** Per rule: the team's row first, then each agent's who has counts for it. */
  rules: Array<{ rule: string; team: TeamRow; agents: TeamRow[]; unhelpfulFor: number; ratedBy: number }>;
  /** Rules more than half of the agents who rated them find unhelpful (more "not helpful" than "helpful"), worst first. */
  unhelpful: Array<{ rule: string; agents: number; of: number }>;
}

const zero = () => Object.fromEntries(STAT_FIELDS.map((f) => [f, 0])) as Record<StatField, number>;
const ratio = (n: number, d: number) => (d > 0 ? n / d : undefined);

function row(rule: string, agent: string | undefined, counts: Record<StatField, number>, hours: number): TeamRow {
  return {
    rule,
    ...(agent === undefined ? {} : { agent }),
    counts,
    hours,
    ...defined("helpfulRate", ratio(counts.helpful, counts.helpful + counts.notHelpful)),
    ...defined("followedRate", ratio(counts.followed, counts.followed + counts.missed)),
    ...defined("shownPerHour", ratio(counts.shown, hours)),
  };
}
const defined = <K extends string>(key: K, value: number | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, number>));

/** The team's table from the imported files: per rule, the team together and each agent. */
export function teamTable(files: readonly StatsFile[]): TeamTable {
  const ruleIds = [...new Set(files.flatMap((f) => Object.keys(f.rules)))].sort();
  const teamHours = files.reduce((sum, f) => sum + f.activeHours, 0);
  const rules = ruleIds.map((rule) => {
    const agents = files.filter((f) => f.rules[rule]).map((f) => row(rule, f.agent, { ...zero(), ...f.rules[rule]! }, f.activeHours));
    const total = zero();
    for (const a of agents) for (const field of STAT_FIELDS) total[field] += a.counts[field];
    const rated = agents.filter((a) => a.counts.helpful + a.counts.notHelpful > 0);
    const unhelpfulFor = rated.filter((a) => a.counts.notHelpful > a.counts.helpful).length;
    return { rule, team: row(rule, undefined, total, teamHours), agents, unhelpfulFor, ratedBy: rated.length };
  });
  const unhelpful = rules
    .filter((r) => r.unhelpfulFor * 2 > r.ratedBy)
    .map((r) => ({ rule: r.rule, agents: r.unhelpfulFor, of: r.ratedBy }))
    .sort((a, b) => b.agents / b.of - a.agents / a.of || b.agents - a.agents || a.rule.localeCompare(b.rule));
  return { agents: files.map((f) => f.agent), rules, unhelpful };
}

const RATE_COLUMNS = ["hours", "helpfulRate", "followedRate", "shownPerHour"] as const;
const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const decimal = (n: number | undefined) => (n === undefined ? "" : String(Math.round(n * 1000) / 1000));

/** The team table as CSV: one row per rule for the team ("all agents"), then one per rule and agent. */
export function teamTableToCsv(table: TeamTable): string {
  const line = (r: TeamRow) => [r.rule, r.agent ?? "", ...STAT_FIELDS.map((f) => String(r.counts[f])), ...RATE_COLUMNS.map((c) => decimal(r[c]))].map(csvCell).join(",");
  const rows = table.rules.flatMap((r) => [r.team, ...r.agents]).map(line);
  return [["rule", "agent", ...STAT_FIELDS, ...RATE_COLUMNS].join(","), ...rows].join("\n") + "\n";
}
