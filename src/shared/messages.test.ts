import { describe, expect, it } from "vitest";
import { ContentToWorkerSchema } from "./messages.js";

const valid = {
  type: "conversation-event",
  conversation: { key: "default", adapter: "generic", channel: "chat", language: "en" },
  session: "s1",
  sessionStartedAt: 1_700_000_000_000,
  seq: 0,
  event: { type: "turn", speaker: "customer", text: "Hello", at: 1.5 },
  history: false,
};

describe("content → worker messages", () => {
  it("accepts a well-formed conversation event", () => {
    expect(ContentToWorkerSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ["an unknown message type", { ...valid, type: "run-script" }],
    ["an unknown speaker", { ...valid, event: { ...valid.event, speaker: "admin" } }],
    ["a negative sequence number", { ...valid, seq: -1 }],
    ["extra fields smuggled in", { ...valid, code: "alert(1)" }],
    ["a missing event", { ...valid, event: undefined }],
    ["text over 200 000 characters", { ...valid, conversation: { ...valid.conversation, key: "x".repeat(201) } }],
    ["not an object at all", "conversation-event"],
  ])("rejects %s", (_, message) => {
    expect(ContentToWorkerSchema.safeParse(message).success).toBe(false);
  });
});
