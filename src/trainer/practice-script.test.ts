import { describe, expect, it } from "vitest";
import type { ValidationError } from "../engine/index.js";
import { parseScenario } from "./scenario.js";

const scenario = (practice: unknown) => ({
  id: "late-parcel",
  title: "A late parcel",
  description: "",
  language: "en",
  variants: [{ id: "good", label: "Good", events: [{ type: "turn", speaker: "customer", text: "Where is it?", at: 0 }] }],
  practice,
});

function problems(practice: unknown): string[] {
  try {
    parseScenario(scenario(practice), "mine.json");
    return [];
  } catch (error) {
    return (error as ValidationError).problems;
  }
}

describe("a practice script", () => {
  const valid = {
    start: "opening",
    lines: {
      opening: { says: "Where is it?", hint: "I'm sorry it's late. What is the order number?", next: [{ ifReplyHas: ["blame"], goTo: "manager" }, { otherwise: true, goTo: "thanks" }] },
      thanks: { says: "Thanks.", reaction: "calms-down" },
      manager: { says: "Your manager, please.", reaction: "asks-for-manager" },
    },
  };

  it("reads a valid script", () => {
    expect(problems(valid)).toEqual([]);
  });

  it("names an unknown signal, an unknown target, an unreachable line and a loop, each by its place", () => {
    const bad = {
      start: "opening",
      lines: {
        opening: { says: "Where is it?", hint: "Sorry.", next: [{ ifReplyHas: ["sarcasm"], goTo: "thanks" }, { otherwise: true, goTo: "nowhere" }] },
        thanks: { says: "Thanks." },
      },
    };
    expect(problems(bad)).toEqual([expect.stringMatching(/^mine\.json: \$\.practice\.lines\.opening\.next\[0\]\.ifReplyHas\[0\]: Invalid option: expected one of "ack\.feeling"\|/)]);
    const looped = {
      start: "opening",
      lines: {
        opening: { says: "Where is it?", hint: "Sorry.", next: [{ ifReplyHas: ["apology"], goTo: "again" }, { otherwise: true, goTo: "nowhere" }] },
        again: { says: "Still waiting.", hint: "Sorry.", next: [{ otherwise: true, goTo: "opening" }] },
        orphan: { says: "Hello?" },
      },
    };
    expect(problems(looped)).toEqual([
      'mine.json: $.practice.lines.opening.next[1].goTo: no line "nowhere" to go to',
      'mine.json: $.practice.lines.again.next[0]: leads back to "opening": a path that never ends (lines form no loop)',
      'mine.json: $.practice.lines.orphan: never reached from the start ("opening")',
    ]);
  });

  it("needs the start to be a line, a hint at every branch point, otherwise last, and every branch able to be taken", () => {
    expect(problems({
      start: "hello",
      lines: {
        opening: { says: "Where is it?", next: [{ otherwise: true, goTo: "thanks" }, { ifReplyHas: ["apology", "ack.feeling"], goTo: "thanks" }, { ifReplyHas: ["apology"], goTo: "thanks" }] },
        thanks: { says: "Thanks." },
      },
    })).toEqual([
      'mine.json: $.practice.start: no line "hello" (lines: opening, thanks)',
      "mine.json: $.practice.lines.opening.hint: a line with branches needs a hint: what a good agent would reply",
      "mine.json: $.practice.lines.opening.next[0]: otherwise must be the last branch: the ones below it are never taken",
      "mine.json: $.practice.lines.opening.next[2].ifReplyHas: the last branch must be { otherwise: true }: a reply carrying none of these signals would lead nowhere",
      "mine.json: $.practice.lines.opening.next[2].ifReplyHas: never taken: apology is taken by a branch above",
    ]);
  });
});
