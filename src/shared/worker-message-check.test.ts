import fc from "fast-check";
import { OVERLAY_LABEL_KEYS } from "../overlay/overlay-labels.js";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { EventsAcceptedSchema, EventsRefusedSchema, OverlaySetupSchema, WorkerToContentSchema } from "./messages.js";
import { isEventsAccepted, isEventsRefused, isOverlaySetup, isWorkerMessage } from "./worker-message-check.js";

const nudge = {
  rule: "open-question", pack: "active-listening", event: 3, at: 12.5, severity: "tip", priority: 50,
  message: "Ask an open question", suggestion: "e.g. “What happened next?”", outcome: "open",
};
const VALID = {
  worker: [
    { type: "nudges", adapter: "generic", conversationKey: "c-1", delivery: 7, raised: [nudge, { ...nudge, event: 4, because: ["third time", "!!!"] }], resolved: [] },
    { type: "dismiss-nudge" },
    { type: "insert-suggestion" },
    { type: "call-listening", listening: true },
  ],
  accepted: [{ type: "events-accepted", session: "0b6c6f5e-8f0e-4d2a-9a63-3c1f0e8b7a21", acceptedThrough: 41 }, { type: "events-accepted", session: "s", acceptedThrough: 3, wakeAt: 1_765_000_000_000 }],
  refused: [{ type: "events-refused", session: "0b6c6f5e-8f0e-4d2a-9a63-3c1f0e8b7a21", reason: "conversation.key: Too big" }],
  setup: [{ labels: Object.fromEntries(OVERLAY_LABEL_KEYS.map((key) => [key, `${key}: $1`])), ruleNames: { "acknowledge-frustration": "به رسمیت شناختن ناراحتی مشتری" }, locale: "fa", autoHideSeconds: 20, listening: false }],
};

/** Values a hostile or broken sender might produce, and valid messages with one part changed. */
const odd = fc.oneof(
  fc.constantFrom(undefined, null, NaN, Infinity, -1, 1.5, 2 ** 60, "", "x".repeat(200_001), true, [], {}, "nudges", "tip", "open"),
  fc.anything({ maxDepth: 2 }),
);

function mutate(value: unknown, path: number[], replacement: unknown, drop: boolean, extra: boolean): unknown {
  if (typeof value !== "object" || value === null) return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  if (!keys.length || !path.length) return extra && !Array.isArray(copy) ? { ...copy, sneaky: replacement } : replacement;
  const key = keys[path[0]! % keys.length]!;
  if (drop && path.length === 1 && !Array.isArray(copy)) {
    delete (copy as Record<string, unknown>)[key];
    return copy;
  }
  (copy as Record<string, unknown>)[key] = mutate((copy as Record<string, unknown>)[key], path.slice(1), replacement, drop, extra);
  return copy;
}

const ODD_VALUES = [undefined, null, NaN, Infinity, -1, 1.5, 2 ** 60, "", "x".repeat(200_001), true, [], {}, "nudges", "tip", "open", 0, "x"];

/** Every place in a message (its own keys and those of everything inside it), as a path of keys. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== "object" || value === null) return [];
  return Object.keys(value).flatMap((key) => [[...prefix, key], ...paths((value as Record<string, unknown>)[key], [...prefix, key])]);
}

function replaced(value: unknown, path: string[], replacement: unknown | typeof DROP): unknown {
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as object) };
  const [key, ...rest] = path;
  if (rest.length) copy[key!] = replaced(copy[key!], rest, replacement);
  else if (replacement === DROP) delete copy[key!];
  else copy[key!] = replacement;
  return copy;
}
const DROP = Symbol("drop");

function agreesWith(check: (value: unknown) => boolean, schema: z.ZodType, valid: unknown[]): void {
  for (const message of valid) expect(check(message)).toBe(true);
  // Systematically: every place of every valid message, given every odd value, or removed; and one key too many.
  for (const message of valid) {
    for (const path of paths(message)) {
      for (const replacement of [...ODD_VALUES, DROP]) {
        const changed = replaced(message, path, replacement);
        expect(check(changed), `${path.join(".")} = ${String(replacement)}`).toBe(schema.safeParse(changed).success);
      }
      const extra = replaced(message, [...path.slice(0, -1), "sneaky"], 1);
      expect(check(extra), `${path.join(".")} + sneaky`).toBe(schema.safeParse(extra).success);
    }
  }
  // And at random, deeper and stranger.
  fc.assert(
    fc.property(fc.constantFrom(...valid), fc.array(fc.nat(), { maxLength: 4 }), odd, fc.boolean(), fc.boolean(), (message, path, replacement, drop, extra) => {
      const changed = mutate(message, path, replacement, drop, extra);
      return check(changed) === schema.safeParse(changed).success;
    }),
    { numRuns: 3000 },
  );
  fc.assert(fc.property(fc.anything(), (value) => check(value) === schema.safeParse(value).success), { numRuns: 1000 });
}

describe("the content script's hand-written checks accept exactly what the zod schemas accept", () => {
  it("worker → content messages", () => agreesWith(isWorkerMessage, WorkerToContentSchema, VALID.worker));
  it("the worker's acknowledgement of events", () => agreesWith(isEventsAccepted, EventsAcceptedSchema, VALID.accepted));
  it("the worker's refusal of events", () => agreesWith(isEventsRefused, EventsRefusedSchema, VALID.refused));
  it("the overlay's setup", () => agreesWith(isOverlaySetup, OverlaySetupSchema, VALID.setup));
});
