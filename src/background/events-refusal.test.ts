import { describe, expect, it } from "vitest";
import { ConversationEventsSchema } from "../shared/messages.js";
import { refusalOf } from "./events-refusal.js";

const batch = (key: string, text: string) => ({
  type: "conversation-events",
  conversation: { key, adapter: "generic", channel: "chat" },
  session: "s-1",
  sessionStartedAt: 0,
  events: [{ seq: 0, event: { type: "turn", speaker: "customer", text: "hi", at: 0 }, history: false }, { seq: 1, event: { type: "turn", speaker: "customer", text, at: 1 }, history: false }],
});

function refuse(raw: unknown) {
  const parsed = ConversationEventsSchema.safeParse(raw);
  if (parsed.success) throw new Error("expected a refusal");
  return refusalOf(raw, parsed.error);
}

describe("refusalOf", () => {
  it("names the place and the bound, not the page's text, the same way for every batch", () => {
    const refusal = refuse(batch("k".repeat(300), "fine"));
    expect(refusal.session).toBe("s-1");
    expect(refusal.reason).toMatch(/^conversation\.key: .*200/);
    expect(refusal.reason).not.toContain("kkk");
    const long = refuse(batch("c-1", "secret words ".repeat(2000)));
    expect(long.reason).toMatch(/^events\.#\.event\.text: /);
    expect(long.reason).not.toContain("secret");
    expect(refuse({ ...batch("c-1", "secret words ".repeat(3000)), session: "s-2" }).problem).toBe(long.problem);
  });

  it("cannot answer a message without a session it could name", () => {
    expect(refuse({ type: "conversation-events" }).session).toBeUndefined();
    expect(refuse({ ...batch("c", "x"), session: "s".repeat(65) }).session).toBeUndefined();
    expect(refuse(null).session).toBeUndefined();
  });
});
