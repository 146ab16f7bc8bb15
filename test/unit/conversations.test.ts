import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConversation, loadPacks, readJson } from "../../src/cli/load.js";
import { runConversation } from "../../src/engine/index.js";

// Realistic conversations (test/conversations/<lang>/), each with the nudges it must raise: run through the engine
// with the shipped packs, as `attune check` runs them.
const FOLDER = join(__dirname, "..", "conversations");
const LANGUAGES = ["en", "it", "ro", "fa"];
const KINDS = ["good-chat", "poor-chat", "good-call", "poor-call"];
/** Raised by the customer's words, not the agent's behaviour: a good agent gets these too, and follows them. */
const ABOUT_THE_CUSTOMER = new Set(["acknowledge-frustration", "apologize-for-error"]);

interface Raised {
  rule: string;
  event: number;
  outcome: string;
}

const { compiled } = await loadPacks([]);
const byEvent = (list: Raised[]) => [...list].sort((a, b) => a.event - b.event || a.rule.localeCompare(b.rule));

function run(language: string, kind: string): { got: Raised[]; expected: Raised[]; channel: string; language?: string } {
  const file = join(FOLDER, language, `${kind}.json`);
  const conversation = loadConversation(file);
  const { expect: expected } = readJson(file) as { expect: Raised[] };
  const got = runConversation(compiled, conversation).map(({ rule, event, outcome }) => ({ rule, event, outcome }));
  return { got, expected, channel: conversation.channel, language: conversation.language };
}

describe.each(LANGUAGES)("realistic conversations in %s", (language) => {
  it("has a good and a poor chat and a good and a poor call", () => {
    expect(readdirSync(join(FOLDER, language)).sort()).toEqual(KINDS.map((kind) => `${kind}.json`).sort());
  });

  it.each(KINDS)("%s raises exactly the nudges it expects, at the events it expects", (kind) => {
    const result = run(language, kind);
    expect(result.language).toBe(language);
    expect(result.channel).toBe(kind.endsWith("call") ? "call" : "chat");
    expect(byEvent(result.got)).toEqual(byEvent(result.expected));
  });

  it.each(["good-chat", "good-call"])("%s raises nothing about the agent, and what the customer raises is followed", (kind) => {
    for (const nudge of run(language, kind).got) {
      expect(ABOUT_THE_CUSTOMER.has(nudge.rule), nudge.rule).toBe(true);
      expect(nudge.outcome, nudge.rule).toBe("followed");
    }
  });

  it.each(["poor-chat", "poor-call"])("%s raises the same rules as the English one: the coaching does not depend on the language", (kind) => {
    const rules = (lang: string) => [...new Set(run(lang, kind).got.map((n) => n.rule))].sort();
    expect(rules(language).length).toBeGreaterThanOrEqual(8);
    expect(rules(language)).toEqual(rules("en"));
  });
});
