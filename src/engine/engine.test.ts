import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePacks, createEngine, restoreEngine, runConversation, type EngineSnapshot } from "./engine.js";
import { expandEvents } from "./examples.js";
import type { Nudge } from "./nudge.js";
import { PackSchema, VALIDATED_AT_BUILD } from "./pack-schema.js";
import { MAX_SPELLINGS_COMPILED, MAX_SPELLINGS_PER_FILE } from "./signals/lexicon-schema.js";
import { defineRuleKind } from "./rule-kinds/registry.js";
import { z } from "zod";
import { packWith, taggedDetector } from "./test-support.js";
import { ValidationError } from "./validation-errors.js";

const RULES = join(__dirname, "..", "..", "rules");
const shipped = readdirSync(RULES).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(RULES, f), "utf8")));
const compiled = compilePacks(shipped);

const key = (n: Nudge) => `${n.rule}@${n.event}:${n.outcome}`;

describe("snapshot and restore", () => {
  // Every example of every shipped rule, split at every event: the same nudges as an uninterrupted run.
  const examples = compiled.packs.flatMap((pack) => pack.rules.flatMap((rule) => rule.examples.map((example, i) => ({ name: `${rule.id} #${i + 1}`, example }))));
  it.each(examples)("$name gives the same nudges when the engine is stopped and restored at any event", ({ example }) => {
    const { events } = expandEvents(example.events);
    const options = { language: example.language, channel: example.channel, customerName: example.customerName };
    const endAt = example.endAt ?? events.at(-1)!.at;
    const whole = runConversation(compiled, { ...options, events, endAt }).map(key);
    for (let split = 0; split <= events.length; split++) {
      let engine = createEngine(compiled, options);
      events.forEach((event, i) => {
        if (i === split) engine = restoreEngine(compiled, options, JSON.parse(JSON.stringify(engine.snapshot())) as EngineSnapshot);
        engine.push(event);
      });
      engine.tick(endAt);
      expect(engine.nudges().map(key), `split at ${split}`).toEqual(whole);
    }
  });

  it("keeps the snapshot small: no compiled data, and it does not grow with turns that raise nothing", () => {
    const engine = createEngine(compiled, { language: "en" });
    engine.push({ type: "turn", speaker: "customer", text: "Hello", at: 0 });
    const size = JSON.stringify(engine.snapshot()).length;
    for (let i = 1; i < 500; i++) engine.push({ type: "turn", speaker: i % 2 ? "agent" : "customer", text: "Let me look at the details of that order.", at: i * 5 });
    expect(size).toBeLessThan(3000);
    expect(JSON.stringify(engine.snapshot()).length).toBeLessThan(size + 200);
  });
});

describe("the engine", () => {
  it("raises the frustration nudge in the interface language, with the suggestion in the conversation's", () => {
    const engine = createEngine(compiled, { language: "it", interfaceLanguage: "en" });
    const step = engine.push({ type: "turn", speaker: "customer", text: "BASTA!!! È la terza volta che scrivo!!!", at: 0 });
    expect(step.raised).toMatchObject([{ rule: "acknowledge-frustration", event: 0, severity: "warn", message: "Acknowledge the frustration first" }]);
    expect(step.raised[0]!.suggestion).toMatch(/Mi dispiace/);
  });

  it("raises nothing on history, which still informs what comes after it", () => {
    const engine = createEngine(compiled, { language: "en" });
    const history = [
      { type: "turn", speaker: "customer", text: "This is the third time I write!!! Unacceptable!!!", at: 0 },
      { type: "turn", speaker: "agent", text: "Is it the Visa card?", at: 0 },
    ] as const;
    for (const event of history) expect(engine.push(event, { context: true }).raised).toEqual([]);
    expect(engine.nudges()).toEqual([]);
    // The agent's closed question in the history was heard: a second one in a row is the streak the rule coaches.
    engine.push({ type: "turn", speaker: "customer", text: "yes", at: 5 });
    expect(engine.push({ type: "turn", speaker: "agent", text: "Did you try again?", at: 9 }).raised.map((n) => n.rule)).toEqual(["open-question"]);
  });

  it("with the timing judged elsewhere, raises the rules that need words and no timing rule, which carry on from it after", () => {
    const engine = createEngine(compiled, { language: "en", channel: "call" });
    const elsewhere = { timingJudgedElsewhere: true };
    engine.push({ type: "turn", speaker: "customer", text: "This is the third time I call!!! Unacceptable!!!", at: 0, end: 6 }, elsewhere);
    // Over the customer (dont-interrupt), and 20 words in 3 s (slow-down): neither is this transcript's to raise.
    const over = engine.push({ type: "turn", speaker: "agent", text: "Okay okay so what you need to do now is go to settings then billing then update then confirm it please", at: 4, end: 7 }, elsewhere);
    expect(over.raised.map((n) => n.rule)).toEqual([]);
    expect(engine.nudges().map((n) => n.rule)).toEqual(["acknowledge-frustration"]);
    // The audio gone: the same moments are this transcript's to judge again.
    engine.push({ type: "turn", speaker: "customer", text: "No wait, I already did all of that twice", at: 10, end: 14 });
    const again = engine.push({ type: "turn", speaker: "agent", text: "Okay okay so what you need to do now is go to settings then billing then update then confirm it please", at: 12, end: 15 });
    expect(again.raised.map((n) => n.rule).sort()).toEqual(["dont-interrupt", "slow-down"]);
  });

  it("says when its next timer is due, and raises the timer's nudge when ticked then", () => {
    const engine = createEngine(compiled, { language: "en" });
    expect(engine.nextDue()).toBeUndefined();
    engine.push({ type: "turn", speaker: "customer", text: "Hello, my order has not arrived.", at: 4 });
    expect(engine.nextDue()).toBe(34);
    expect(engine.tick(33.9).raised).toEqual([]);
    expect(engine.tick(34).raised.map((n) => n.rule)).toEqual(["respond-promptly"]);
    expect(engine.nextDue()).toBeUndefined();
  });

  it("writes the rule's figures into its message as configured, in the message's language", () => {
    for (const [language, seconds, figure] of [["en", 90, "90 s"], ["fa", 90, "۹۰ ثانیه"]] as const) {
      const tuned = compilePacks(shipped, { rules: { "respond-promptly": { params: { seconds } } } });
      const engine = createEngine(tuned, { language, interfaceLanguage: language });
      engine.push({ type: "turn", speaker: "customer", text: language === "en" ? "Hello, my order has not arrived." : "سلام، سفارشم هنوز نرسیده.", at: 0 });
      const [nudge] = engine.tick(seconds).raised;
      expect(nudge?.message).toContain(figure);
    }
  });

  it("rejects a malformed event, naming the field", () => {
    const engine = createEngine(compiled, {});
    expect(() => engine.push({ type: "turn", speaker: "robot", text: "hi", at: 0 } as never)).toThrow(/speaker/);
  });

  it("keeps the other rules going when one rule fails, and reports the failure", () => {
    defineRuleKind({
      id: "test-explodes",
      params: z.object({}),
      create: () => ({ init: () => ({}), onTurn: () => { throw new Error("boom"); } }),
    });
    const packs = [
      packWith({ kind: "test-explodes", params: {} }),
      { ...packWith({ kind: "on-signal", params: { speaker: "customer", anyOf: ["x"] } }), id: "other", rules: [{ ...packWith({ kind: "on-signal", params: { speaker: "customer", anyOf: ["x"] } }).rules![0]!, id: "works" }] },
    ];
    const engine = createEngine(packs, { detector: taggedDetector });
    const step = engine.push({ type: "turn", speaker: "customer", text: "[x]", at: 0 });
    expect(step.raised.map((n) => n.rule)).toEqual(["works"]);
    expect(step.errors).toEqual([{ rule: "rule", message: "boom" }]);
  });
});

describe("pack validation", () => {
  const problems = (packs: unknown[], overrides?: unknown) => {
    try {
      compilePacks(packs, overrides, packs.map((_, i) => `pack${i}.json`));
      return [];
    } catch (error) {
      return (error as ValidationError).problems;
    }
  };

  it("names the file, the JSON path and what was expected, for every problem at once", () => {
    const bad = packWith({ kind: "on-signal", params: { speaker: "agent", anyOf: ["x"] }, severity: "loud" });
    const result = problems([{ ...bad, version: "one" }]);
    expect(result).toContainEqual(expect.stringMatching(/^pack0\.json: \$\.version: .*version/));
    expect(result).toContainEqual(expect.stringMatching(/^pack0\.json: \$\.rules\[0\]\.severity: .*"tip"/));
  });

  it("checks each rule's params against its kind, and unknown kinds", () => {
    expect(problems([packWith({ kind: "on-signal", params: { speaker: "bot", anyOf: [] } })]))
      .toEqual(expect.arrayContaining([expect.stringMatching(/pack0\.json: \$\.rules\[0\]\.params\.speaker/), expect.stringMatching(/params\.anyOf/)]));
    expect(problems([packWith({ kind: "telepathy", params: {} })])).toEqual([expect.stringMatching(/\$\.rules\[0\]\.kind: unknown rule kind "telepathy"/)]);
  });

  it("refuses a message naming a figure the rule does not have", () => {
    expect(problems([packWith({ kind: "no-reply-within", params: { speaker: "customer", seconds: 30 }, message: { en: "waited {secs} s" } })]))
      .toEqual([expect.stringMatching(/\$\.rules\[0\]\.message\.en: \{secs\} is not a parameter of this rule \(it has: speaker, seconds\)/)]);
  });

  it("refuses the same rule id in two packs, and overrides for rules no pack has", () => {
    const one = packWith({ kind: "on-signal", params: { speaker: "agent", anyOf: ["x"] } });
    expect(problems([one, { ...one, id: "copy" }])).toEqual([expect.stringMatching(/rule "rule" is defined by more than one pack/)]);
    expect(problems([one], { rules: { ghost: { enabled: false } } })).toEqual([expect.stringMatching(/overrides: \$\.rules\.ghost/)]);
    expect(problems([one], { rules: { rule: { severity: "loud" } } })).toEqual([expect.stringMatching(/^overrides: \$\.rules\.rule\.severity/)]);
  });

  it("takes a pack the build validated as it is, and no pack from JSON or a message can claim that", () => {
    // Defaults filled in, as the build bundles it; an odd version the schema would refuse shows it is not checked again.
    const built = { ...PackSchema.parse(packWith({ kind: "on-signal", params: { speaker: "agent", anyOf: ["x"] } })), version: "built" };
    expect(problems([built])).toEqual([expect.stringMatching(/\$\.version/)]);
    const marked = Object.assign(structuredClone(built), { [VALIDATED_AT_BUILD]: true });
    expect(problems([marked])).toEqual([]);
    expect(problems([JSON.parse(JSON.stringify(marked))])).toEqual([expect.stringMatching(/\$\.version/)]);
    expect(problems([structuredClone(marked)])).toEqual([expect.stringMatching(/\$\.version/)]);
  });
});

describe("overrides", () => {
  const conversation = { language: "en", events: [{ type: "turn" as const, speaker: "customer" as const, text: "I'm so fed up with this!!!", at: 0 }] };

  it("switch a rule off, change its severity and message, without touching the pack", () => {
    expect(runConversation(compilePacks(shipped, { rules: { "acknowledge-frustration": { enabled: false } } }), conversation)).toEqual([]);
    const changed = runConversation(compilePacks(shipped, { rules: { "acknowledge-frustration": { severity: "alert", message: { en: "Breathe. Acknowledge." } } } }), conversation);
    expect(changed).toMatchObject([{ severity: "alert", message: "Breathe. Acknowledge." }]);
    expect(runConversation(compiled, conversation)).toMatchObject([{ severity: "warn", message: "Acknowledge the frustration first" }]);
  });

  it("switch a whole pack off, and add phrases to a signal", () => {
    expect(runConversation(compilePacks(shipped, { packs: { "active-listening": { enabled: false } } }), conversation)).toEqual([]);
    const quiet = { language: "en", events: [{ type: "turn" as const, speaker: "customer" as const, text: "This is bananas.", at: 0 }] };
    expect(runConversation(compiled, quiet)).toEqual([]);
    const withPhrase = compilePacks(shipped, { signals: { "emotion.frustration": { en: { phrases: ["bananas"] } } } });
    expect(runConversation(withPhrase, quiet)).toMatchObject([{ rule: "acknowledge-frustration" }]);
  });

  it("refuse added phrases a pack would be refused for, naming where they are", () => {
    const refused = (phrases: string[]) => {
      try {
        compilePacks(shipped, { signals: { "emotion.frustration": { en: { phrases } } } });
        return [];
      } catch (error) {
        return (error as ValidationError).problems;
      }
    };
    expect(refused(["* sorry"])).toEqual([expect.stringMatching(/^overrides: \$\.signals\.emotion\.frustration\.en\.phrases\[0\]: a phrase must start with a word/)]);
    expect(refused(["fine", "still not|still no"])).toEqual([expect.stringMatching(/phrases\[1\]: .*an alternative is one word/)]);
  });

  it("refuse a phrase forking into 5^10 spellings before building anything, in a pack or in overrides", () => {
    // Ten words of five alternatives, each splitting at its hyphen: 199 characters, 9,765,625 spellings.
    const phrase = Array(10).fill("a-b|c-d|e-f|g-h|i-j").join(" ");
    const forks = `forks into ${5 ** 10} spellings (its alternatives that split at a hyphen or an apostrophe multiply); at most 256: write it as several phrases`;
    expect(problemsOf(() => compilePacks(shipped, { signals: { apology: { en: { phrases: ["ok", phrase] } } } }, [], "team.json")))
      .toEqual([`team.json: $.signals.apology.en.phrases[1]: ${forks}`]);
    const pack = { id: "forks", version: "1.0.0", description: "d", languages: ["en"], signals: { apology: { en: { exceptions: [phrase] } } } };
    expect(problemsOf(() => compilePacks([pack], undefined, ["forks.json"]))).toEqual([`forks.json: $.signals.apology.en.exceptions[0]: ${forks}`]);
  });

  it("refuse packs and overrides whose phrases, each within budget, are too many together", () => {
    // 256 spellings each (four words of four hyphenated alternatives); 39 a pack stay within a pack's budget.
    const phrases = (n: number) => Array.from({ length: 39 }, (_, i) => `w${n}x${i} ${Array(4).fill("a-b|c-d|e-f|g-h").join(" ")}`);
    const pack = (n: number) => ({ id: `big-${n}`, version: "1.0.0", description: "d", languages: ["en"], signals: { apology: { en: { phrases: phrases(n) } } } });
    expect(problemsOf(() => compilePacks([pack(1)]))).toEqual([]);
    expect(problemsOf(() => compilePacks([pack(1), { ...pack(2), signals: { apology: { en: { phrases: [...phrases(2), ...phrases(3)] } } } }])))
      .toEqual([`pack big-2: $.signals: the phrases fork into ${2 * 39 * 256} spellings in all; at most ${MAX_SPELLINGS_PER_FILE}`]);
    expect(problemsOf(() => compilePacks([1, 2, 3].map(pack), undefined, [], "team.json"))).toEqual([]);
    expect(problemsOf(() => compilePacks([1, 2, 3, 4].map(pack), undefined, [], "team.json")))
      .toEqual([`packs and team.json: $.signals: the phrases fork into ${4 * 39 * 256} spellings in all; at most ${MAX_SPELLINGS_COMPILED}`]);
  });

  it("refuse null, a list or a number as overrides, never taking it for none", () => {
    for (const [input, kind] of [[null, "null"], [[], "a list"], [3, "number"]] as const) {
      expect(problemsOf(() => compilePacks(shipped, input, [], "o.json"))).toEqual([`o.json: $: overrides are a JSON object ({"packs": …, "rules": …, "signals": …}), not ${kind}`]);
    }
  });

  it("blame params the overrides make wrong on the overrides, and a pack's own wrong params on the pack", () => {
    const rule = packWith({ kind: "on-signal", params: { speaker: "agent", anyOf: ["x"] } });
    expect(problemsOf(() => compilePacks([rule], { rules: { rule: { params: { speaker: "bot" } } } }, ["pack.json"], "o.json")))
      .toEqual([expect.stringMatching(/^o\.json: \$\.rules\.rule\.params\.speaker: /)]);
    const wrong = packWith({ kind: "on-signal", params: { speaker: "bot", anyOf: ["x"] } });
    expect(problemsOf(() => compilePacks([wrong], { rules: { rule: { params: { anyOf: ["y"] } } } }, ["pack.json"], "o.json")))
      .toEqual([expect.stringMatching(/^pack\.json: \$\.rules\[0\]\.params\.speaker: /)]);
  });
});

function problemsOf(compile: () => unknown): string[] {
  try {
    compile();
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
}

describe("call turns heard without their words", () => {
  // A call from its audio: who spoke when, and an estimated word count, but no text.
  const heard = [
    { type: "turn", speaker: "customer", text: "", at: 0, end: 4, words: 10 },
    { type: "turn", speaker: "agent", text: "", at: 5, end: 9, words: 10 },
    { type: "turn", speaker: "customer", text: "", at: 10, end: 12, words: 5 },
    { type: "turn", speaker: "agent", text: "", at: 13, end: 17, words: 10 },
    { type: "turn", speaker: "agent", text: "", at: 18, end: 22, words: 10 },
  ] as const;
  const run = (events: readonly object[]) => runConversation(compiled, { language: "en", channel: "call", customerName: "Maria Rossi", events: events as never, endAt: 60 }).map((n) => n.rule);

  it("raise no rule that judges words: no unsaid name, thanks or next step on a turn whose words are unknown", () => {
    expect(run(heard)).toEqual([]);
    // The same turns read with words that leave the name out: use-name is due on the agent's third turn.
    expect(run(heard.map((e) => ({ ...e, words: undefined, text: e.speaker === "agent" ? "Okay, let me check that for you now." : "My order has not arrived." })))).toContain("use-name");
  });

  it("are timed and counted by their estimate: talking over the customer, too fast, too long", () => {
    expect(run([heard[0], { ...heard[1], at: 3 }])).toEqual(["dont-interrupt"]);
    expect(run([heard[0], { ...heard[1], words: 15 }])).toEqual(["slow-down"]);
    expect(run([heard[0], { ...heard[1], end: 70 }])).toEqual(["long-monologue"]);
  });
});
