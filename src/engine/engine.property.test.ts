import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePacks, runConversation } from "./engine.js";
import { ValidationError } from "./validation-errors.js";

// Random and mutated packs and conversations must give a clear error or a valid result: never a crash, never a hang.

const RULES = join(__dirname, "..", "..", "rules");
const shipped = readdirSync(RULES).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(RULES, f), "utf8")));
const compiled = compilePacks(shipped);

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc.constantFrom("I'm so fed up!!!", "Did you check?", "sorry", "‮evil‬", "​", "می‌خواهم؟", "non ne posso più", "<img src=x onerror=alert(1)>", "x".repeat(5000)),
);
const event = fc.oneof(
  fc.record({ type: fc.constant("turn"), speaker: fc.constantFrom("agent", "customer"), text, at: fc.double({ min: 0, max: 1e5, noNaN: true }) }),
  fc.record({ type: fc.constant("typing"), speaker: fc.constantFrom("agent", "customer"), at: fc.double({ min: 0, max: 1e5, noNaN: true }), until: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true }), { nil: undefined }) }),
  fc.record({ type: fc.constant("draft"), text, at: fc.double({ min: 0, max: 1e5, noNaN: true }) }),
);

/** Replaces one value deep inside a JSON value with something else. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (!path.length || value === null || typeof value !== "object") return replacement;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return replacement;
  const [key, child] = entries[path[0]! % entries.length]!;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string, unknown>)[key] = mutate(child, path.slice(1), replacement);
  return copy;
}

describe("robustness (property-based)", () => {
  it("any sequence of valid events in any language gives nudges with valid fields", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.constantFrom("en", "it", "ro", "fa", "de"), fc.constantFrom("chat", "call"), (events, language, channel) => {
        const sorted = [...events].sort((a, b) => a.at - b.at);
        const nudges = runConversation(compiled, { language, channel: channel as "chat" | "call", events: sorted as never });
        for (const n of nudges) {
          expect(n.event).toBeLessThan(sorted.length);
          expect(["open", "followed", "missed"]).toContain(n.outcome);
          expect(n.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a mutated pack is either accepted or refused with located problems, never a crash", () => {
    const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 30 }), fc.constant([]), fc.constant({}), fc.boolean(), fc.constant("x".repeat(300)));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: shipped.length - 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), junk, (which, path, replacement) => {
        const packs = shipped.map((p, i) => (i === which ? mutate(p, path, replacement) : p));
        try {
          const result = compilePacks(packs);
          runConversation(result, { language: "en", events: [{ type: "turn", speaker: "customer", text: "I'm fed up, you charged me twice!!!", at: 0 }] });
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).problems.length).toBeGreaterThan(0);
          for (const problem of (error as ValidationError).problems) expect(problem).toMatch(/: \$/);
        }
      }),
      { numRuns: 300 },
    );
    // 300 compilations of every shipped pack: on this shared 2-core machine that can take more than vitest's default 5 s.
  }, 60_000);

  it("a phrase cannot make detection slow: a pack of huge, wildcard-heavy lexicons stays linear", () => {
    const heavy = {
      id: "heavy", version: "1.0.0", description: "adversarial", languages: ["en"],
      signals: { "emotion.frustration": { en: { phrases: Array.from({ length: 5000 }, (_, i) => `aaa* * * * * * * * * * * w${i}*`) } } },
    };
    const packs = compilePacks([...shipped, heavy]);
    const started = performance.now();
    runConversation(packs, { language: "en", events: [{ type: "turn", speaker: "customer", text: "aaaa ".repeat(2000), at: 0 }] });
    // A generous bound on a shared machine: the point is no catastrophic blow-up (a regex engine would never return).
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it("refuses phrases over the size bounds, or opening with a wildcard", () => {
    const pack = (phrase: string) => ({ id: "p", version: "1.0.0", description: "d", languages: ["en"], signals: { apology: { en: { phrases: [phrase] } } } });
    expect(() => compilePacks([pack("w ".repeat(13).trim())])).toThrow(/at most 12 words/);
    expect(() => compilePacks([pack("* sorry")])).toThrow(/must start with a word/);
    expect(() => compilePacks([pack("so* sorry")])).toThrow(/must start with a word/);
    expect(() => compilePacks([pack("^so* sorry")])).toThrow(/must start with a word/);
    expect(() => compilePacks([pack("so ^sorry")])).toThrow(/"\^" goes only before a phrase's first word/);
    expect(() => compilePacks([pack("sorry$ again")])).toThrow(/"\$" only after its last/);
    expect(() => compilePacks([pack("^sorry$")])).not.toThrow();
  });
});
