import { z } from "zod";
import { defineRuleKind } from "./registry.js";

const MEASURES = ["speech-rate", "monologue-words", "monologue-seconds", "talk-share"] as const;
type Measure = (typeof MEASURES)[number];

/**
 * Where a threshold still coaches: beyond it the rule would fire on nearly every turn or on none (a talk share of 5
 * never happens), which is switching the rule off without saying so. A team lead who wants it off turns it off.
 */
export const THRESHOLD_RANGES: Record<Measure, readonly [number, number]> = {
  "speech-rate": [60, 400],
  "monologue-words": [10, 2000],
  "monologue-seconds": [5, 1800],
  "talk-share": [0.05, 0.95],
};

/**
 * speech-rate: words a minute; monologue-*: words or seconds of agent turns with no customer turn between;
 * talk-share: the agent's share of all words so far. `minWords` (speech-rate): shorter turns are too short to judge;
 * `afterSeconds` (talk-share): not judged before this many seconds into the conversation.
 */
const settings = <M extends Measure>(measure: M) =>
  z.strictObject({
    measure: z.literal(measure),
    threshold: z.number().min(THRESHOLD_RANGES[measure][0]).max(THRESHOLD_RANGES[measure][1]),
    minWords: z.number().int().min(0).max(200),
    afterSeconds: z.number().min(0).max(3600),
  });

/** A measure's settings, with the defaults the rule runs with when a pack leaves them out. */
const withDefaults = <M extends Measure>(measure: M) => settings(measure).extend({ minWords: settings(measure).shape.minWords.default(0), afterSeconds: settings(measure).shape.afterSeconds.default(0) });

/**
 * Settings that differ in calls: another measure with its own threshold, or some of this measure's settings. No
 * defaults here: what a call leaves out is the chat's.
 */
const callSettings = (measure: Measure) =>
  z.union([
    z.discriminatedUnion("measure", MEASURES.map((other) => settings(other).partial().required({ measure: true })) as unknown as [ReturnType<typeof settings>]),
    settings(measure).omit({ measure: true }).partial(),
  ]);

interface Settings {
  measure: Measure;
  threshold: number;
  minWords: number;
  afterSeconds: number;
}

// One branch per measure, each with its threshold's range: zod (and the JSON Schema made from it) checks the threshold
// against the measure it belongs to. The tuple casts are what discriminatedUnion's typing needs of a mapped list.
const Params = z.discriminatedUnion(
  "measure",
  MEASURES.map((measure) => withDefaults(measure).extend({ call: callSettings(measure).optional() })) as unknown as [z.ZodObject],
) as unknown as z.ZodType<Settings & { call?: Partial<Settings> | undefined }>;

interface State {
  runWords: number;
  runSeconds: number;
  runRaised: boolean;
}

/** A measured quantity of the agent's sent turns crossing a threshold; monologues raise once per run. */
export default defineRuleKind({
  id: "metric",
  judgesUnreadTurns: true,
  params: Params,
  create: (p) => ({
    init: (): State => ({ runWords: 0, runSeconds: 0, runRaised: false }),
    onTurn(state: State, view, ctx) {
      if (view.kind !== "turn") return undefined;
      if (view.speaker === "customer") {
        Object.assign(state, { runWords: 0, runSeconds: 0, runRaised: false });
        return undefined;
      }
      const s = ctx.facts.channel === "call" ? { ...p, ...p.call } : p;
      const seconds = view.end !== undefined ? Math.max(0, view.end - view.at) : 0;
      state.runWords += view.words;
      state.runSeconds += seconds;
      let crossed = false;
      switch (s.measure) {
        case "speech-rate":
          crossed = seconds > 0 && view.words >= s.minWords && view.words / (seconds / 60) > s.threshold;
          break;
        case "monologue-words":
        case "monologue-seconds":
          crossed = !state.runRaised && (s.measure === "monologue-words" ? state.runWords : state.runSeconds) >= s.threshold;
          break;
        case "talk-share": {
          const total = ctx.facts.agentWords + ctx.facts.customerWords;
          crossed = view.at >= s.afterSeconds && total > 0 && ctx.facts.agentWords / total > s.threshold;
          break;
        }
      }
      if (!crossed || !ctx.canRaise(view.at, view)) return undefined;
      state.runRaised = true;
      return { event: view.index, at: view.at };
    },
  }),
});
