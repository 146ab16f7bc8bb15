import { describe, expect, it } from "vitest";
import { CallStatusSchema, CallWindowMessageSchema, ContentToWorkerSchema, ConversationEventsSchema, PageToWorkerSchema } from "./messages.js";

const event = { seq: 0, event: { type: "turn", speaker: "customer", text: "Hello", at: 1.5 }, history: false };
const valid = {
  type: "conversation-events",
  conversation: { key: "default", adapter: "generic", channel: "chat", language: "en" },
  session: "s1",
  sessionStartedAt: 1_700_000_000_000,
  events: [event],
};

describe("content → worker messages", () => {
  it("accepts a well-formed conversation event on the events port, and only there", () => {
    expect(ConversationEventsSchema.parse(valid)).toEqual(valid);
    expect(ContentToWorkerSchema.safeParse(valid).success).toBe(false);
  });

  it.each([
    ["an unknown message type", { ...valid, type: "run-script" }],
    ["an unknown speaker", { ...valid, events: [{ ...event, event: { ...event.event, speaker: "admin" } }] }],
    ["a negative sequence number", { ...valid, events: [{ ...event, seq: -1 }] }],
    ["extra fields smuggled in", { ...valid, code: "alert(1)" }],
    ["no event", { ...valid, events: [] }],
    ["too many events at once", { ...valid, events: Array.from({ length: 501 }, () => event) }],
    ["text over 200 000 characters", { ...valid, conversation: { ...valid.conversation, key: "x".repeat(201) } }],
    ["not an object at all", "conversation-events"],
  ])("rejects %s", (_, message) => {
    expect(ConversationEventsSchema.safeParse(message).success).toBe(false);
  });
});

describe("the call window's messages", () => {
  const callTurn = { seq: 3, event: { type: "turn", speaker: "agent", text: "", at: 9.2, end: 12.4, words: 7 }, history: false };
  const callBatch = { ...valid, conversation: { key: "call-1765000000000", adapter: "call-audio", channel: "call", language: "it" }, events: [callTurn] };

  it("sends its heard turns (timing and word counts, no words) as any conversation's events", () => {
    expect(ConversationEventsSchema.parse(callBatch)).toEqual(callBatch);
    const fractional = { ...callBatch, events: [{ ...callTurn, event: { ...callTurn.event, words: 2.5 } }] };
    expect(ConversationEventsSchema.safeParse(fractional).success).toBe(false);
  });

  it("answers the popup's question and its stop, and nothing else; the worker takes neither", () => {
    for (const message of [{ type: "call-status" }, { type: "stop-call" }]) {
      expect(CallWindowMessageSchema.parse(message)).toEqual(message);
      expect(PageToWorkerSchema.safeParse(message).success).toBe(false);
    }
    expect(CallWindowMessageSchema.safeParse({ type: "stop-call", tabId: 3 }).success).toBe(false);
    expect(CallWindowMessageSchema.safeParse({ type: "tab-status", tabId: 3 }).success).toBe(false);
    expect(CallStatusSchema.parse({ listening: true, heard: 64.2 })).toEqual({ listening: true, heard: 64.2 });
    expect(CallStatusSchema.safeParse({ listening: true, heard: -1 }).success).toBe(false);
  });
});
