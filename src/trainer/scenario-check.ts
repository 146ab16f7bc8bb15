import type { CompiledPacks, Nudge } from "../engine/index.js";
import { replySignals } from "./practice-customer.js";
import { branchTarget, chooseBranch, scriptPaths, type PracticeLine, type PracticeScript, type ProblemCode } from "./practice-script.js";
import { scoreConversation } from "./replay.js";
import { ScenarioSchema, variantConversation, type Scenario } from "./scenario.js";

/**
 * One problem of a scenario being written or imported: where (the JSON path), what (zod's or the check's words), and,
 * for what a page says in its own language, a code with its values: the scenario's and the script's checks have
 * theirs; of zod's, an empty text or one too long.
 */
export interface ScenarioProblem {
  path: Array<string | number>;
  message: string;
  code?: ProblemCode | "empty" | "too-long";
  values: string[];
}

/** Every problem of a scenario (none: it is valid), as parseScenario finds them. */
export function scenarioProblems(input: unknown): ScenarioProblem[] {
  const parsed = ScenarioSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
    if (issue.code === "custom") {
      const params = issue.params as { problem?: ProblemCode; values?: string[] } | undefined;
      return { path, message: issue.message, ...(params?.problem ? { code: params.problem } : {}), values: params?.values ?? [] };
    }
    if (issue.code === "too_small" && (issue.origin === "string" || issue.origin === "array") && Number(issue.minimum) === 1) return { path, message: issue.message, code: "empty", values: [] };
    if (issue.code === "too_big" && issue.origin === "string") return { path, message: issue.message, code: "too-long", values: [String(issue.maximum)] };
    return { path, message: issue.message, values: [] };
  });
}

/** A step of a problem's place, as a trainer names it: "Variant 2 (Poor agent), message 3, Text". */
export type PlacePart =
  | { kind: "variant"; n: number; label?: string }
  | { kind: "event"; n: number }
  | { kind: "practice" }
  | { kind: "line"; n: number; id: string }
  | { kind: "branch"; n: number; signals?: string[] }
  | { kind: "field"; field: string };

const at = (value: unknown, key: string | number): unknown => (value && typeof value === "object" ? (value as Record<string | number, unknown>)[key] : undefined);

/**
 * The place of a JSON path in the scenario as written (`input`, valid or not): variants and messages by number from 1
 * with the variant's label, the practice's lines by number and id, a branch by the signals of the replies that take
 * it (none: any other reply), and the field last. The index of a signal in a list is its list's place.
 */
export function placeOf(path: ReadonlyArray<string | number>, input: unknown): PlacePart[] {
  const parts: PlacePart[] = [];
  let value = input;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const next = path[i + 1];
    if (key === "variants" && typeof next === "number") {
      const label = at(at(value, "variants"), next) as { label?: unknown } | undefined;
      parts.push({ kind: "variant", n: next + 1, ...(typeof label?.label === "string" && label.label ? { label: label.label } : {}) });
      value = at(at(value, key), next);
      i++;
    } else if (key === "events" && typeof next === "number") {
      parts.push({ kind: "event", n: next + 1 });
      value = at(at(value, key), next);
      i++;
    } else if (key === "practice") {
      parts.push({ kind: "practice" });
      value = at(value, key);
    } else if (key === "lines" && typeof next === "string" && parts.at(-1)?.kind === "practice") {
      const ids = Object.keys((at(value, "lines") as object | undefined) ?? {});
      parts.push({ kind: "line", n: ids.indexOf(next) + 1, id: next });
      value = at(at(value, key), next);
      i++;
    } else if (key === "next" && typeof next === "number") {
      const branch = at(at(value, "next"), next) as { ifReplyHas?: unknown } | undefined;
      const signals = Array.isArray(branch?.ifReplyHas) ? branch.ifReplyHas.filter((s): s is string => typeof s === "string") : undefined;
      parts.push({ kind: "branch", n: next + 1, ...(signals?.length ? { signals } : {}) });
      value = branch;
      i++;
    } else if (typeof key === "string") {
      parts.push({ kind: "field", field: key });
      value = at(value, key);
      // A signal's index in its list: the list is the place.
      if (typeof next === "number") break;
    }
  }
  return parts;
}

/**
 * The signals of a reply that takes a line's branch `b`: one of its own that no branch above takes (none for
 * `otherwise`); undefined if no reply can take it. Checked with the practice customer's own choice.
 */
export function replyTaking(line: PracticeLine, b: number): Set<string> | undefined {
  const branch = line.next?.[b];
  if (!branch) return undefined;
  const above = new Set(line.next!.slice(0, b).flatMap((earlier) => earlier.ifReplyHas ?? []));
  const own = branch.ifReplyHas?.find((signal) => !above.has(signal));
  const reply = new Set(own ? [own] : []);
  if (!branch.otherwise && !own) return undefined;
  return chooseBranch(line, reply) === branch ? reply : undefined;
}

/** A branch of the script, and the reply (its signals) that takes it, if one can. */
export interface BranchReach {
  line: string;
  branch: number;
  goTo: string;
  reply?: string[];
}

/** Every path of a script, whether each ends, which lines are reached and which reply takes each branch. */
export interface ScriptReport {
  paths: string[][];
  /** Every path ends at a line without branches, and passes no line twice. */
  allEnd: boolean;
  unreached: string[];
  branches: BranchReach[];
}

/** The script's paths and branches, walked (the script must be valid: parseScenario found no problem). */
export function scriptReport(script: PracticeScript): ScriptReport {
  const paths = scriptPaths(script);
  const reached = new Set(paths.flat());
  const branches: BranchReach[] = [];
  for (const [id, line] of Object.entries(script.lines)) {
    line.next?.forEach((branch, b) => {
      const reply = replyTaking(line, b);
      branches.push({ line: id, branch: b, goTo: branchTarget(branch), ...(reply ? { reply: [...reply] } : {}) });
    });
  }
  return {
    paths,
    allEnd: paths.every((path) => new Set(path).size === path.length && !script.lines[path.at(-1)!]!.next),
    unreached: Object.keys(script.lines).filter((id) => !reached.has(id)),
    branches,
  };
}

/**
 * Whether a scenario opens as one customer: every variant with the same first event (so that side by side, and the
 * scorecard's "equivalent point", compare like with like), and the practice customer (if any) with that event's words.
 */
export function openingsAgree(scenario: Scenario): { variants: boolean; practice?: boolean } {
  const first = scenario.variants[0]!.events[0]!;
  const variants = scenario.variants.every((variant) => JSON.stringify(variant.events[0]) === JSON.stringify(first));
  if (!scenario.practice) return { variants };
  return { variants, practice: first.type === "turn" && scenario.practice.lines[scenario.practice.start]?.says === first.text };
}

/** A branch point's hint, read by the detectors as the trainee's reply would be: what it carries and where it leads. */
export interface HintReach {
  line: string;
  carried: string[];
  goTo: string;
  reaction?: string;
}

/** What a scenario does against the rule packs: each variant's nudges, and its practice script walked. */
export interface ScenarioTest {
  variants: Array<{ id: string; label: string; nudges: Nudge[] }>;
  openings: ReturnType<typeof openingsAgree>;
  script?: ScriptReport;
  hints: HintReach[];
}

/**
 * Plays a valid scenario through the engine as the trainer's replay does (each variant to its end) and walks its
 * practice script: every path and branch, and each hint sent as the reply, read by the packs' detectors.
 */
export function testScenario(packs: CompiledPacks, scenario: Scenario, interfaceLanguage = "en"): ScenarioTest {
  const variants = scenario.variants.map((variant) => ({ id: variant.id, label: variant.label, nudges: scoreConversation(packs, variantConversation(scenario, variant.id), interfaceLanguage).nudges }));
  const script = scenario.practice;
  const openings = openingsAgree(scenario);
  if (!script) return { variants, openings, hints: [] };
  const hints: HintReach[] = [];
  for (const [id, line] of Object.entries(script.lines)) {
    if (!line.next || !line.hint) continue;
    const carried = replySignals(packs, scenario.language, [line.hint], false);
    const goTo = branchTarget(chooseBranch(line, carried)!);
    const reaction = script.lines[goTo]?.reaction;
    hints.push({ line: id, carried: [...carried], goTo, ...(reaction ? { reaction } : {}) });
  }
  return { variants, openings, script: scriptReport(script), hints };
}
