import { z } from "zod";

/**
 * What a trainee's reply can carry, as a practice customer reacts to it: the engine's own signals, detected in the
 * reply by the rule packs' lexicons in the scenario's language, and `interrupted`: the reply was sent while the
 * customer was typing (the moment the engine's dont-interrupt rule coaches).
 */
export const REPLY_SIGNALS = [
  "ack.feeling",
  "apology",
  "question.open",
  "question.closed",
  "paraphrase",
  "next-step",
  "blame",
  "gratitude",
  "closing",
  "interrupted",
] as const;
export type ReplySignal = (typeof REPLY_SIGNALS)[number];
export const ReplySignalSchema = z.enum(REPLY_SIGNALS);

/** How a line changes the customer's mood: what a trainer reads in the script, and what the scenario tests check. */
export const REACTIONS = ["calms-down", "repeats", "escalates", "asks-for-manager"] as const;

/** Lines of one script: a practice of a few minutes needs a dozen; paths are listed whole by the scenario tests. */
const MAX_LINES = 40;

const LineId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lowercase letters, digits and dashes, such as \"calms-down\"");

/** One branch: `ifReplyHas` signals, or `otherwise: true` (the last branch of every list), and the line it goes to. */
const BranchSchema = z
  .strictObject({
    ifReplyHas: z.array(ReplySignalSchema).min(1).max(REPLY_SIGNALS.length).optional().describe("Taken when the reply carries any of these signals and no branch above it was taken."),
    otherwise: z.literal(true).optional().describe("Taken when no branch above it was: the last branch of every list, with no ifReplyHas."),
    goTo: LineId.describe("The line the customer answers with."),
  })
  .describe("A branch: ifReplyHas or otherwise, and goTo.");
export type Branch = z.infer<typeof BranchSchema>;

export const PracticeLineSchema = z.strictObject({
  /** The customer's line, in the scenario's language. */
  says: z.string().min(1).max(2000),
  reaction: z.enum(REACTIONS).optional().describe("How the customer's mood changes with this line: for the trainer reading the script."),
  typingSeconds: z.number().min(0.5).max(30).optional().describe("How long the customer types this line, at 1× (by default from its length)."),
  hint: z.string().min(1).max(2000).optional().describe("What a good agent would reply to this line, in the scenario's language: the practice's Hint. Every branch point has one."),
  next: z
    .array(BranchSchema)
    .min(1)
    .max(REPLY_SIGNALS.length + 1)
    .optional()
    .describe("Where the trainee's reply to this line leads, first match wins: branches in priority order, the last one { otherwise: true }. A line without next ends the conversation."),
});
export type PracticeLine = z.infer<typeof PracticeLineSchema>;

/**
 * A scenario's practice customer: lines, and after each, branches chosen by what the trainee's reply carries. Lines
 * form no loop, so every conversation ends.
 */
export const PracticeScriptSchema = z
  .strictObject({
    start: LineId.describe("The line the customer opens with."),
    lines: z.record(LineId, PracticeLineSchema).describe("The customer's lines by id."),
  })
  .describe("The practice customer: each line, then the branch the trainee's reply takes.");
export type PracticeScript = z.infer<typeof PracticeScriptSchema>;

/**
 * What is wrong, for a page to say in its own language: each code with its values ($1, $2) in `message`'s order. The
 * scenario's own checks add theirs; zod's issues have none.
 */
export type ProblemCode =
  | "too-many-lines" | "no-start" | "no-hint" | "no-target" | "branch-kind" | "otherwise-not-last" | "last-not-otherwise" | "never-taken" | "loop" | "unreached"
  | "duplicate-variant" | "time-order" | "end-early";

/** A problem with a script, by its place under the script (the scenario adds where the script is). */
export interface ScriptProblem {
  path: Array<string | number>;
  message: string;
  code: ProblemCode;
  values: string[];
}

/** The line a branch goes to. */
export const branchTarget = (branch: Branch): string => branch.goTo;

/**
 * What zod cannot see in a script's shape: unknown targets, lines never reached, loops (a path that never ends),
 * branches never taken (each of their signals taken by a branch above), a missing or misplaced `otherwise`, a branch
 * point without a hint.
 */
export function scriptProblems(script: PracticeScript): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  const ids = Object.keys(script.lines);
  if (ids.length > MAX_LINES) problems.push({ path: ["lines"], message: `at most ${MAX_LINES} lines (this script has ${ids.length})`, code: "too-many-lines", values: [String(MAX_LINES), String(ids.length)] });
  if (!script.lines[script.start]) problems.push({ path: ["start"], message: `no line "${script.start}" (lines: ${ids.join(", ")})`, code: "no-start", values: [script.start, ids.join(", ")] });
  for (const [id, line] of Object.entries(script.lines)) {
    if (!line.next) continue;
    if (!line.hint) problems.push({ path: ["lines", id, "hint"], message: "a line with branches needs a hint: what a good agent would reply", code: "no-hint", values: [] });
    const taken = new Set<string>();
    line.next.forEach((branch, b) => {
      const at = ["lines", id, "next", b];
      const target = branchTarget(branch);
      if (!script.lines[target]) problems.push({ path: [...at, "goTo"], message: `no line "${target}" to go to`, code: "no-target", values: [target] });
      const last = b === line.next!.length - 1;
      if (!branch.ifReplyHas === !branch.otherwise) {
        problems.push({ path: at, message: "a branch has either ifReplyHas or otherwise: true", code: "branch-kind", values: [] });
        return;
      }
      if (branch.otherwise) {
        if (!last) problems.push({ path: at, message: "otherwise must be the last branch: the ones below it are never taken", code: "otherwise-not-last", values: [] });
        return;
      }
      if (!branch.ifReplyHas) return;
      if (last) problems.push({ path: [...at, "ifReplyHas"], message: "the last branch must be { otherwise: true }: a reply carrying none of these signals would lead nowhere", code: "last-not-otherwise", values: [] });
      if (branch.ifReplyHas.every((signal) => taken.has(signal))) problems.push({ path: [...at, "ifReplyHas"], message: `never taken: ${branch.ifReplyHas.join(", ")} ${branch.ifReplyHas.length > 1 ? "are" : "is"} taken by a branch above`, code: "never-taken", values: [branch.ifReplyHas.join(", ")] });
      for (const signal of branch.ifReplyHas) taken.add(signal);
    });
  }
  if (!script.lines[script.start]) return problems;
  // Depth first from the start: a branch back to a line on the current path is a loop; what is never visited, unreachable.
  const state = new Map<string, "on-path" | "done">();
  const visit = (id: string) => {
    state.set(id, "on-path");
    script.lines[id]!.next?.forEach((branch, b) => {
      const target = branchTarget(branch);
      if (!script.lines[target]) return;
      const seen = state.get(target);
      if (seen === "on-path") problems.push({ path: ["lines", id, "next", b], message: `leads back to "${target}": a path that never ends (lines form no loop)`, code: "loop", values: [target] });
      else if (!seen) visit(target);
    });
    state.set(id, "done");
  };
  visit(script.start);
  for (const id of ids) if (!state.has(id)) problems.push({ path: ["lines", id], message: `never reached from the start ("${script.start}")`, code: "unreached", values: [script.start] });
  return problems;
}

/** The branch a reply takes: the first whose signals it carries, else `otherwise`. */
export function chooseBranch(line: PracticeLine, carried: ReadonlySet<string>): Branch | undefined {
  return line.next?.find((branch) => branch.otherwise || branch.ifReplyHas?.some((signal) => carried.has(signal)));
}

/** Every path through the script, from the start to an end line, as line ids (the script must be valid). */
export function scriptPaths(script: PracticeScript): string[][] {
  const paths: string[][] = [];
  const walk = (path: string[]) => {
    const line = script.lines[path.at(-1)!]!;
    if (!line.next) {
      paths.push(path);
      return;
    }
    for (const target of new Set(line.next.map(branchTarget))) walk([...path, target]);
  };
  walk([script.start]);
  return paths;
}
