import type { SignalDetector } from "./signals/signal-detector.js";
import type { PackInput } from "./pack-schema.js";

/**
 * For unit tests of rule logic: signals written into the text as tags ("Did you restart? [question.closed]"), so a
 * test says exactly which signals a turn carries without depending on any lexicon.
 */
export const taggedDetector: SignalDetector = {
  detect: (text) => new Set([...text.matchAll(/\[([a-z.-]+)\]/g)].map((m) => m[1]!)),
};

/** A one-rule pack around a rule's kind and params. */
export function packWith(rule: { kind: string; params: Record<string, unknown> } & Record<string, unknown>): PackInput {
  return {
    id: "test",
    version: "1.0.0",
    description: "test pack",
    languages: ["en"],
    rules: [{ id: "rule", description: "a rule", severity: "tip", message: { en: "message" }, suggestion: { en: "suggestion" }, ...rule }],
  };
}
