import { describe, expect, it } from "vitest";
import { ContentToWorkerSchema, ConversationEventsSchema } from "./messages.js";

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
