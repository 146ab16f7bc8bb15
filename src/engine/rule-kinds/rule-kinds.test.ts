import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runConversation } from "../engine.js";
import type { ConversationInput } from "../conversation.js";
import { expandEvents } from "../examples.js";
import { packWith, taggedDetector } from "../test-support.js";
import { ruleKindIds } from "./index.js";

/** Raised nudges of a one-rule pack as "event:outcome" strings. */
function raised(rule: Parameters<typeof packWith>[0], lines: string[], extra: Partial<ConversationInput> = {}): string[] {
  const { events } = expandEvents(lines);
  return runConversation([packWith(rule)], { events, ...extra }, { detector: taggedDetector } as never).map((n) => `${n.event}:${n.outcome}`);
}

describe("the rule kind registry", () => {
  it("holds exactly one kind per file in rule-kinds/, named after the file", () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !["index.ts", "registry.ts", "rule-kind.ts"].includes(f))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(ruleKindIds()).toEqual(files);
  });
});

describe("on-signal", () => {
  const rule = { kind: "on-signal", params: { speaker: "agent", anyOf: ["blame"], unless: ["apology"], drafts: true } };
  it("raises on the speaker's turn carrying the signal, not with an exception signal, and on drafts when asked", () => {
    expect(raised(rule, ["customer: [blame]", "agent: calm down [blame]", "agent: sorry [blame] [apology]", "draft: as I said [blame]"])).toEqual(["1:open", "3:open"]);
  });
  it("does not raise again on the sent turn of a reply already raised on its draft", () => {
    expect(raised(rule, ["draft: calm [blame]", "draft: calm down [blame]", "agent: calm down! [blame]", "agent: relax [blame]"])).toEqual(["0:open", "3:open"]);
  });
  it("respects maxPerConversation, counting drafts", () => {
    expect(raised({ ...rule, maxPerConversation: 2 }, ["draft: [blame]", "agent: ok", "agent: [blame]", "agent: [blame]"])).toEqual(["0:open", "2:open"]);
  });
});

describe("expect-reply", () => {
  const rule = { kind: "expect-reply", params: { when: { speaker: "customer", anyOf: ["emotion.frustration"] }, expect: { anyOf: ["apology", "ack.feeling"] } } };
  it("is followed or missed by the other speaker's next sent turn; drafts do not decide", () => {
    expect(raised(rule, ["customer: [emotion.frustration]", "draft: hm", "agent: sorry [apology]"])).toEqual(["0:followed"]);
    expect(raised(rule, ["customer: [emotion.frustration]", "agent: order number?"])).toEqual(["0:missed"]);
    expect(raised(rule, ["customer: [emotion.frustration]"])).toEqual(["0:open"]);
  });
  it("keeps to its cooldown by event time, and a blocked trigger does not restart it", () => {
    const cooled = { ...rule, cooldownSeconds: 60 };
    expect(raised(cooled, ["customer @0: [emotion.frustration]", "customer @50: [emotion.frustration]", "customer @70: [emotion.frustration]"])).toEqual(["0:open", "2:open"]);
  });
});

describe("consecutive", () => {
  const rule = {
    kind: "consecutive",
    params: { speaker: "agent", signal: "question.closed", count: 2, unless: ["question.open"], resetOn: ["question.open"], drafts: true },
    outcome: { speaker: "agent", followedIf: ["question.open"], missedIf: ["question.closed"] },
  };
  it("raises on the Nth in a row; turns without the signal neither count nor reset; the outcome is the next question", () => {
    expect(raised(rule, ["agent: [question.closed]", "agent: fine", "agent: [question.closed]", "agent: ok", "agent: [question.open]"])).toEqual(["2:followed"]);
  });
  it("resets on an open question and restarts its count after raising", () => {
    expect(raised(rule, ["agent: [question.closed]", "agent: [question.open]", "agent: [question.closed]", "agent: [question.closed]", "agent: [question.closed]", "agent: [question.closed]"]))
      .toEqual(["3:missed", "5:open"]);
  });
  it("counts the draft of the reply being written, and its sent turn does not count again", () => {
    expect(raised(rule, ["agent: [question.closed]", "draft: [question.closed]", "agent: [question.closed]", "agent: [question.closed]"])).toEqual(["1:missed"]);
  });
  it("keeps the count while the cooldown blocks a raise", () => {
    const cooled = { ...rule, cooldownSeconds: 60, outcome: undefined };
    expect(raised(cooled, ["agent @0: [question.closed]", "agent @1: [question.closed]", "agent @2: [question.closed]", "agent @3: [question.closed]", "agent @70: [question.closed]"]))
      .toEqual(["1:open", "4:open"]);
  });
});

describe("no-reply-within", () => {
  const rule = { kind: "no-reply-within", params: { speaker: "customer", seconds: 30 } };
  it("fires between events, once per unanswered run, reporting the run's first turn", () => {
    expect(raised(rule, ["customer @0: hi", "customer @10: hello?", "customer @45: anyone?", "agent @50: hi"])).toEqual(["0:open"]);
  });
  it("fires up to endAt, and not when the reply comes within the time", () => {
    expect(raised(rule, ["customer @0: hi", "agent @30: hello"])).toEqual([]);
    expect(raised(rule, ["customer @0: hi"], { endAt: 31 })).toEqual(["0:open"]);
    expect(raised(rule, ["customer @0: hi", "draft @20: hel"], { endAt: 40 })).toEqual(["0:open"]);
  });
});

describe("not-yet-said", () => {
  const thank = { kind: "not-yet-said", maxPerConversation: 1, params: { speaker: "agent", trigger: { anyOf: ["closing"] }, said: ["gratitude"] } };
  it("raises at a trigger when the thing was not said before or in the same turn", () => {
    expect(raised(thank, ["agent: bye [closing]", "agent: bye again [closing]"])).toEqual(["0:open"]);
    expect(raised(thank, ["agent: thanks [gratitude]", "agent: bye [closing]"])).toEqual([]);
    expect(raised(thank, ["agent: thanks, bye [gratitude] [closing]"])).toEqual([]);
  });
  it("decides once at the first trigger when asked, with a minimum of customer words", () => {
    const confirm = { kind: "not-yet-said", params: { trigger: { anyOf: ["next-step"] }, said: ["paraphrase"], once: true, minCustomerWords: 5 } };
    expect(raised(confirm, ["customer: one two three four five six", "agent: I'll fix it [next-step]", "agent: I'll also [next-step]"])).toEqual(["1:open"]);
    expect(raised(confirm, ["customer: one two", "agent: I'll fix it [next-step]", "customer: three four five six", "agent: I'll also [next-step]"])).toEqual([]);
  });
  it("triggers on the speaker's Nth turn and can require the customer's name", () => {
    const useName = { kind: "not-yet-said", params: { trigger: { turnNumber: 2 }, said: ["name.customer"], once: true, requiresCustomerName: true } };
    expect(raised(useName, ["agent: hi", "agent: hello"], { customerName: "Ana" })).toEqual(["1:open"]);
    expect(raised(useName, ["agent: hi", "agent: hello Ana"], { customerName: "Ana" })).toEqual([]);
    expect(raised(useName, ["agent: hi", "agent: hello"])).toEqual([]);
  });
});

describe("overlap", () => {
  const rule = { kind: "overlap", params: { typingSeconds: 10 } };
  it("in chat: an agent turn or draft while the customer is typing", () => {
    expect(raised(rule, ["typing @0-8", "draft @3: hm", "agent @9: ok"])).toEqual(["1:open"]);
    expect(raised(rule, ["typing @0", "agent @11: ok"])).toEqual([]);
    expect(raised(rule, ["typing @0", "customer @2: done", "agent @3: ok"])).toEqual([]);
  });
  it("in calls: an agent turn starting before the customer's turn ended", () => {
    expect(raised(rule, ["customer @0-10: long story", "agent @8-9: yes"], { channel: "call" })).toEqual(["1:open"]);
    expect(raised(rule, ["customer @0-10: long story", "agent @10-12: yes"], { channel: "call" })).toEqual([]);
  });
});

describe("metric", () => {
  it("speech rate over a threshold, for turns long enough to judge", () => {
    const rule = { kind: "metric", params: { measure: "speech-rate", threshold: 170, minWords: 4 } };
    expect(raised(rule, ["agent @0-1: one two three four", "agent @2-3: one two three"], { channel: "call" })).toEqual(["0:open"]);
  });
  it("monologue in words once per run, reset by a customer turn; in seconds for calls", () => {
    const rule = { kind: "metric", params: { measure: "monologue-words", threshold: 10, call: { measure: "monologue-seconds", threshold: 10 } } };
    const five = "one two three four five";
    expect(raised(rule, [`agent: ${five}`, `agent: ${five}`, "agent: more", "customer: hm", `agent: ${five} ${five}`])).toEqual(["1:open", "4:open"]);
    expect(raised(rule, ["agent @0-6: x", "agent @6-11: y"], { channel: "call" })).toEqual(["1:open"]);
  });
  it("refuses a threshold outside its measure's range, which would switch the rule off unsaid; a call's measure has its own", () => {
    expect(() => raised({ kind: "metric", params: { measure: "talk-share", threshold: 5 } }, [])).toThrow(/threshold: Too big: expected number to be <=0.95/);
    expect(() => raised({ kind: "metric", params: { measure: "speech-rate", threshold: 20 } }, [])).toThrow(/threshold: Too small/);
    // A call's threshold in seconds is checked as seconds, and one with no measure as the chat's measure.
    expect(() => raised({ kind: "metric", params: { measure: "monologue-words", threshold: 80, call: { measure: "monologue-seconds", threshold: 60 } } }, [])).not.toThrow();
    expect(() => raised({ kind: "metric", params: { measure: "talk-share", threshold: 0.6, call: { threshold: 60 } } }, [])).toThrow(/call/);
  });
  it("talk share after a time, counting this turn", () => {
    const rule = { kind: "metric", params: { measure: "talk-share", threshold: 0.65, afterSeconds: 120 } };
    expect(raised(rule, ["customer @0: a", "agent @100: a b c d", "agent @121: e"])).toEqual(["2:open"]);
  });
});
