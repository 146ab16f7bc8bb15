import { z } from "zod";
import { defineRuleKind } from "./registry.js";

const Measure = z.enum(["speech-rate", "monologue-words", "monologue-seconds", "talk-share"]);

const Settings = z.strictObject({
  /** speech-rate: words a minute; monologue-*: words or seconds of agent turns with no customer turn between;
   *  talk-share: the agent's share of all words so far (0–1). */
  measure: Measure,
  threshold: z.number().nonnegative(),
  /** speech-rate: shorter turns are too short to judge. */
  minWords: z.number().int().nonnegative().default(0),
  /** talk-share: not judged before this many seconds into the conversation. */
  afterSeconds: z.number().nonnegative().default(0),
});

interface State {
  runWords: number;
  runSeconds: number;
  runRaised: boolean;
}

/** A measured quantity of the agent's sent turns crossing a threshold; monologues raise once per run. */
export default defineRuleKind({
  id: "metric",
  judgesUnreadTurns: true,
  params: Settings.extend({
    /** Settings that differ in calls. */
    call: Settings.partial().optional(),
  }),
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
