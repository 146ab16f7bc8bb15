import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CUT_MARK, MAX_BATCH_CHARACTERS, MAX_TEXT } from "./limits.js";
import type { ConversationEventsMessage } from "./messages.js";

/** How the fake worker answers each batch posted to it. */
type Answerer = (batch: ConversationEventsMessage, port: FakePort) => void;

interface FakePort {
  posted: unknown[];
  reply(message: unknown): void;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(f: (m: unknown) => void): void };
  onDisconnect: { addListener(f: () => void): void };
}

let answer: Answerer = () => undefined;
const sentMessages: unknown[] = [];
/** The content script keeps one connection per frame, for every test here: the last one opened is in use. */
const ports: FakePort[] = [];
/** What the content script posted on any port, since the test began. */
const posted: unknown[] = [];

function fakePort(): FakePort {
  const listeners: Array<(m: unknown) => void> = [];
  const port: FakePort = {
    posted: [],
    reply: (message) => listeners.forEach((f) => f(message)),
    postMessage(message) {
      port.posted.push(message);
      posted.push(message);
      if ((message as { type?: string }).type === "conversation-events") answer(message as ConversationEventsMessage, port);
    },
    disconnect: () => undefined,
    onMessage: { addListener: (f) => void listeners.push(f) },
    onDisconnect: { addListener: () => undefined },
  };
  ports.push(port);
  return port;
}

const accept: Answerer = (batch, port) => port.reply({ type: "events-accepted", session: batch.session, acceptedThrough: batch.events.at(-1)!.seq });
const batches = () => posted.filter((m): m is ConversationEventsMessage => (m as { type?: string }).type === "conversation-events");

let WorkerLink: typeof import("./worker-link.js").WorkerLink;
let onWorkerMessage: typeof import("./worker-link.js").onWorkerMessage;

beforeAll(async () => {
  Object.assign(globalThis, {
    __BROWSER__: "chrome",
    chrome: {
      runtime: {
        id: "attune",
        connect: () => fakePort(),
        sendMessage: async (message: unknown) => void sentMessages.push(message),
        onMessage: { addListener: () => undefined },
      },
    },
  });
  ({ WorkerLink, onWorkerMessage } = await import("./worker-link.js"));
});

afterEach(() => {
  vi.useRealTimers();
  posted.length = 0;
  sentMessages.length = 0;
});

const ref = () => ({ key: "default", adapter: "generic", channel: "chat" as const });
const turn = (text: string, at = 1) => ({ type: "turn" as const, speaker: "customer" as const, text, at });
const settle = () => vi.runAllTimersAsync();

describe("WorkerLink", () => {
  it("drops a batch the worker refuses and goes on with the next", async () => {
    vi.useFakeTimers();
    answer = (batch, port) => (batch.events.some((e) => e.event.type === "turn" && e.event.text === "bad") ? port.reply({ type: "events-refused", session: batch.session, reason: "no" }) : accept(batch, port));
    const link = new WorkerLink(ref);
    link.send(turn("bad"), "live");
    await settle();
    link.send(turn("good"), "live");
    await settle();
    expect(batches().map((b) => b.events.map((e) => (e.event as { text: string }).text))).toEqual([["bad"], ["good"]]);
  });

  it("wakes the worker before, and when, the time it gave for its next timer comes; not once a later answer gives none", async () => {
    vi.useFakeTimers();
    const link = new WorkerLink(ref);
    answer = (batch, port) => port.reply({ type: "events-accepted", session: batch.session, acceptedThrough: batch.events.at(-1)!.seq, wakeAt: Date.now() + 30_000 });
    link.send(turn("Hello?"), "live");
    await vi.advanceTimersByTimeAsync(27_000);
    expect(sentMessages).toEqual([]);
    // Woken ahead (a stopped worker takes a while to start), then at the time.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sentMessages).toEqual([{ type: "timers-due" }]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sentMessages).toEqual([{ type: "timers-due" }, { type: "timers-due" }]);
    // The agent answered: no timer is due any more, and the page keeps no clock.
    answer = (batch, port) => port.reply({ type: "events-accepted", session: batch.session, acceptedThrough: batch.events.at(-1)!.seq, wakeAt: Date.now() + 30_000 });
    link.send(turn("Still there?"), "live");
    await vi.advanceTimersByTimeAsync(10);
    answer = accept;
    link.send({ ...turn("Sorry, checking now."), speaker: "agent" as const }, "live");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sentMessages).toEqual([{ type: "timers-due" }, { type: "timers-due" }]);
  });

  it("gives a batch that is never answered up after 10 tries, says so, and sends the next", async () => {
    vi.useFakeTimers();
    answer = (batch) => {
      // Over the browser's message limit: postMessage throws.
      if (batch.events.some((e) => e.event.type === "turn" && e.event.text === "lost")) throw new Error("Message length exceeded maximum allowed length.");
    };
    const link = new WorkerLink(ref);
    link.send(turn("lost"), "live");
    await settle();
    answer = accept;
    link.send(turn("next"), "live");
    await settle();
    const texts = batches().map((b) => b.events.map((e) => (e.event as { text: string }).text).join());
    expect(texts.filter((t) => t === "lost")).toHaveLength(10);
    expect(texts.at(-1)).toBe("next");
    expect(sentMessages).toEqual([{ type: "events-undelivered", events: 1 }]);
  });

  it("cuts long texts with a mark, shortens a long id, and splits batches by characters", async () => {
    vi.useFakeTimers();
    let open = false;
    // The first batch waits while the rest queue up behind it.
    answer = (batch, port) => (open ? accept(batch, port) : undefined);
    const link = new WorkerLink(() => ({ ...ref(), key: "c".repeat(300) }));
    link.send(turn("first"), "live");
    for (let i = 0; i < 60; i++) link.send(turn("y".repeat(MAX_TEXT + 5)), "live");
    open = true;
    await settle();
    // The first batch, unanswered, is sent again with what queued behind it, up to the characters' bound.
    const sent = batches().slice(-2);
    expect(sent.map((b) => b.events.length)).toEqual([50, 11]);
    for (const batch of sent) {
      expect(batch.conversation.key.length).toBeLessThanOrEqual(200);
      expect(batch.keyCutFrom).toBe(300);
      expect(batch.events.reduce((sum, e) => sum + ("text" in e.event ? e.event.text.length : 0), 0)).toBeLessThanOrEqual(MAX_BATCH_CHARACTERS);
    }
    const cut = sent[1]!.events.at(-1)!;
    expect(cut.cutFrom).toBe(MAX_TEXT + 5);
    expect((cut.event as { text: string }).text).toHaveLength(MAX_TEXT);
    expect((cut.event as { text: string }).text.endsWith(CUT_MARK)).toBe(true);
  });

  it("acknowledges every delivery of nudges it receives, on the port it came on", async () => {
    const received: unknown[] = [];
    onWorkerMessage((message) => received.push(message));
    answer = accept;
    new WorkerLink(ref).send(turn("hello"), "live");
    await new Promise((resolve) => setTimeout(resolve, 0));
    const delivery = { type: "nudges", adapter: "generic", conversationKey: "default", delivery: 3, raised: [], resolved: [] };
    ports.at(-1)!.reply(delivery);
    expect(received).toEqual([delivery]);
    expect(ports.at(-1)!.posted.at(-1)).toEqual({ type: "nudges-received", adapter: "generic", conversationKey: "default", delivery: 3 });
  });
});
