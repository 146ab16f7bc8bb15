import { describe, expect, it } from "vitest";
import { ConversationRefSchema } from "./messages.js";
import { CUT_MARK, MAX_CONVERSATION_KEY, MAX_TEXT } from "./limits.js";
import { boundedEvent, boundedKey, cut } from "./bounds.js";

describe("bounds", () => {
  it("cuts a long message to its start with a mark, says how long it was, and leaves the rest alone", () => {
    const long = boundedEvent({ type: "turn", speaker: "customer", text: "x".repeat(70_000_000), at: 3 });
    expect(long.cutFrom).toBe(70_000_000);
    expect(long.event).toMatchObject({ type: "turn", speaker: "customer", at: 3 });
    expect((long.event as { text: string }).text).toHaveLength(MAX_TEXT);
    expect((long.event as { text: string }).text.endsWith(CUT_MARK)).toBe(true);
    const short = { type: "draft", text: "hello", at: 1 } as const;
    expect(boundedEvent(short)).toEqual({ event: short });
    expect(boundedEvent({ type: "typing", speaker: "agent", at: 2 })).toEqual({ event: { type: "typing", speaker: "agent", at: 2 } });
  });

  it("never keeps half of a surrogate pair", () => {
    const text = "a" + "😀".repeat(20);
    for (let max = 2; max < 20; max++) expect(() => encodeURIComponent(cut(text, max))).not.toThrow();
  });

  it("shortens a long conversation id stably, within the schema, and keeps ids that differ past the start apart", () => {
    const id = "c".repeat(300);
    expect(boundedKey(id)).toBe(boundedKey("c".repeat(300)));
    expect(boundedKey(id).length).toBeLessThanOrEqual(MAX_CONVERSATION_KEY);
    expect(ConversationRefSchema.safeParse({ key: boundedKey(id), adapter: "generic", channel: "chat" }).success).toBe(true);
    expect(boundedKey(`${id}a`)).not.toBe(boundedKey(`${id}b`));
    expect(boundedKey("c-42")).toBe("c-42");
    expect(boundedKey("k".repeat(MAX_CONVERSATION_KEY))).toBe("k".repeat(MAX_CONVERSATION_KEY));
  });
});
