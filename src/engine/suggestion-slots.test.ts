import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePacks, createEngine, restoreEngine, runConversation, type EngineSnapshot } from "./engine.js";
import { MAX_BECAUSE, MAX_BECAUSE_CHARS } from "./nudge.js";
import { fillSlots } from "./suggestion-slots.js";
import { packWith, taggedDetector } from "./test-support.js";
import { ValidationError } from "./validation-errors.js";

const RULES = join(__dirname, "..", "..", "rules");
const shipped = readdirSync(RULES).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(RULES, f), "utf8")));
const compiled = compilePacks(shipped);

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  return [];
};

/** The use-name rule's moment: the agent's third turn, without the name. */
const thirdTurn = () => ({
  language: "en",
  events: [
    { type: "turn" as const, speaker: "customer" as const, text: "Hi", at: 0 },
    { type: "turn" as const, speaker: "agent" as const, text: "Hello, how can I help?", at: 5 },
    { type: "turn" as const, speaker: "agent" as const, text: "Let me check.", at: 10 },
    { type: "turn" as const, speaker: "agent" as const, text: "It ships tomorrow.", at: 15 },
  ],
});

describe("fillSlots", () => {
  it("fills every slot, or says the fallback when any is unknown", () => {
    const template = "Hi {customerName}, I'm {agentName}.";
    expect(fillSlots(template, "Hi, welcome.", { customerName: "James Carter", agentName: "Ana" })).toBe("Hi James Carter, I'm Ana.");
    expect(fillSlots(template, "Hi, welcome.", { customerName: "James Carter" })).toBe("Hi, welcome.");
    expect(fillSlots(template, "Hi, welcome.", { customerName: "", agentName: "Ana" })).toBe("Hi, welcome.");
    expect(fillSlots("No slot here.", "unused", {})).toBe("No slot here.");
  });

  it("puts a value in as it is: '$&' in a name is no replacement pattern", () => {
    expect(fillSlots("Thanks, {customerName}.", "Thanks.", { customerName: "A$&B" })).toBe("Thanks, A$&B.");
  });
});

describe("suggestion slots in packs", () => {
  const rule = (suggestion: Record<string, string>, suggestionFallback?: Record<string, string>) =>
    packWith({ kind: "on-signal", params: { speaker: "customer", anyOf: ["x"] }, suggestion, ...(suggestionFallback ? { suggestionFallback } : {}) });

  it("refuses an unknown slot, naming the ones there are", () => {
    expect(problemsOf(() => compilePacks([rule({ en: "Thanks, {name}." }, { en: "Thanks." })]))).toEqual([
      "pack test: $.rules[0].suggestion.en: unknown slot {name}: the slots are {customerName}, {agentName}, {issue}",
    ]);
  });

  it("refuses a suggestion with a slot and no fallback in its language, and a fallback with a slot", () => {
    expect(problemsOf(() => compilePacks([rule({ en: "Thanks.", fa: "ممنون {customerName}" }, { en: "Thanks." })]))).toEqual([
      'pack test: $.rules[0].suggestionFallback.fa: the "fa" suggestion has a slot: it needs a fallback in "fa" with no slot, said when a slot is not known',
    ]);
    expect(problemsOf(() => compilePacks([rule({ en: "Thanks, {customerName}." }, { en: "Thanks, {agentName}." })]))).toEqual([
      "pack test: $.rules[0].suggestionFallback.en: a fallback is said when a slot is not known: it may not have a slot of its own",
    ]);
  });

  it("refuses {issue} where no words of a turn raise the rule", () => {
    const pack = packWith({ kind: "no-reply-within", params: { speaker: "customer", seconds: 30 }, suggestion: { en: "About {issue}: one moment." }, suggestionFallback: { en: "One moment." } });
    expect(problemsOf(() => compilePacks([pack]))).toEqual(['pack test: $.rules[0].suggestion.en: {issue} is never known for a "no-reply-within" rule: no words of a turn raise it']);
  });

  it("refuses overrides that give a suggestion a slot without a fallback, and takes them with one", () => {
    const withSlot = { rules: { "open-question": { suggestion: { en: "e.g. “{customerName}, what happened?”" } } } };
    expect(problemsOf(() => compilePacks(shipped, withSlot))).toEqual([
      'overrides: $.rules.open-question.suggestionFallback.en: the "en" suggestion has a slot: it needs a fallback in "en" with no slot, said when a slot is not known',
    ]);
    const withFallback = { rules: { "open-question": { ...withSlot.rules["open-question"], suggestionFallback: { en: "e.g. “What happened?”" } } } };
    expect(() => compilePacks(shipped, withFallback)).not.toThrow();
  });
});

describe("slots filled from the conversation", () => {
  it("uses the customer's name from the page, and never a name when none is known", () => {
    const named = runConversation(compiled, { ...thirdTurn(), customerName: "James Carter" }).find((n) => n.rule === "use-name");
    expect(named?.suggestion).toBe("e.g. “Thanks, James Carter — let's get this sorted.”");
    // The shipped rule waits for a name; the same suggestion on a rule that does not says its fallback.
    const pack = packWith({ kind: "not-yet-said", params: { trigger: { turnNumber: 3 }, said: ["name.customer"] }, suggestion: { en: "Thanks, {customerName}." }, suggestionFallback: { en: "Thanks." } });
    expect(runConversation(compilePacks([pack]), thirdTurn()).map((n) => n.suggestion)).toEqual(["Thanks."]);
  });

  it("in Persian, says the name as given, with no form of address", () => {
    const events = ["سلام", "سلام، چطور می‌توانم کمکتان کنم؟", "الان بررسی می‌کنم.", "فردا ارسال می‌شود."]
      .map((text, i) => ({ type: "turn" as const, speaker: i ? ("agent" as const) : ("customer" as const), text, at: i * 5 }));
    const nudge = runConversation(compiled, { language: "fa", events, customerName: "سارا احمدی" }).find((n) => n.rule === "use-name");
    expect(nudge?.suggestion).toBe("مثلاً «ممنون سارا احمدی، همین الان پیگیری می‌کنم.»");
    expect(nudge?.suggestion).not.toMatch(/آقای|خانم/);
  });

  it("fills {agentName} once the agent has introduced themselves, not before", () => {
    const pack = packWith({ kind: "on-signal", params: { speaker: "customer", anyOf: ["emotion.frustration"] }, suggestion: { en: "I'm {agentName}, and I'm on it." }, suggestionFallback: { en: "I'm on it." } });
    const engine = createEngine(compilePacks([...shipped, pack]), { language: "en" });
    const said = (text: string, at: number) => engine.push({ type: "turn", speaker: "customer", text, at }).raised.find((n) => n.rule === "rule")?.suggestion;
    expect(said("This is ridiculous, I'm fed up", 0)).toBe("I'm on it.");
    engine.push({ type: "turn", speaker: "agent", text: "Hi, my name is Ana and I'll help you today.", at: 5 });
    expect(said("Still fed up", 10)).toBe("I'm Ana, and I'm on it.");
  });

  it("fills {issue} with the customer's words, and says the fallback where the detector cannot tell which words", () => {
    const nudge = runConversation(compiled, { language: "en", events: [{ type: "turn", speaker: "customer", text: "You charged me twice for the same order!", at: 0 }] })
      .find((n) => n.rule === "apologize-for-error");
    expect(nudge?.suggestion).toBe("e.g. “I'm sorry — you're right, ‘charged me twice’ is our mistake, and I'll put it right.”");
    const tagged = runConversation(compiled, { language: "en", events: [{ type: "turn", speaker: "customer", text: "wrong [complaint.error]", at: 0 }] }, { detector: taggedDetector })
      .find((n) => n.rule === "apologize-for-error");
    expect(tagged?.suggestion).toBe("e.g. “I'm sorry — that's our mistake, and I'll put it right.”");
  });
});

describe("the words that raised a nudge", () => {
  it("are the raising turn's own words, in the order written", () => {
    const nudge = runConversation(compiled, { language: "en", events: [{ type: "turn", speaker: "customer", text: "This is the THIRD time I'm writing, I'm fed up!!!", at: 0 }] })
      .find((n) => n.rule === "acknowledge-frustration");
    expect(nudge?.because).toEqual(["THIRD time", "fed up", "!!!"]);
  });

  it("are bounded in number and length", () => {
    const long = `${"VERY ".repeat(20)}ANGRY!!! I'm fed up, sick of it, had enough, furious 😡`;
    const nudge = runConversation(compiled, { language: "en", events: [{ type: "turn", speaker: "customer", text: long, at: 0 }] }).find((n) => n.rule === "acknowledge-frustration");
    expect(nudge?.because?.length).toBe(MAX_BECAUSE);
    for (const words of nudge!.because!) expect(words.length).toBeLessThanOrEqual(MAX_BECAUSE_CHARS);
  });

  it("are kept out of the saved state: a nudge read back from it has none, and its suggestion its fallback", () => {
    const engine = createEngine(compiled, { language: "en" });
    const raised = engine.push({ type: "turn", speaker: "customer", text: "You sent me the wrong size, I'm fed up", at: 0 }).raised;
    expect(raised.map((n) => n.because)).toEqual([["fed up"], ["sent me the wrong size"]]);
    const saved = JSON.stringify(engine.snapshot());
    for (const words of ["fed up", "wrong size"]) expect(saved).not.toContain(words);
    const restored = restoreEngine(compiled, { language: "en" }, JSON.parse(saved) as EngineSnapshot);
    const [frustration, error] = restored.nudges();
    expect(frustration?.because).toBeUndefined();
    expect(error?.suggestion).toBe("e.g. “I'm sorry — that's our mistake, and I'll put it right.”");
  });

  it("are none for a nudge raised by time", () => {
    const nudge = runConversation(compiled, { language: "en", events: [{ type: "turn", speaker: "customer", text: "Hello? I'm fed up", at: 0 }], endAt: 60 }).find((n) => n.rule === "respond-promptly");
    expect(nudge).toBeDefined();
    expect(nudge?.because).toBeUndefined();
  });
});
