import { describe, expect, it } from "vitest";
import type { ConversationEvent } from "../engine/conversation.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compilePacks, createEngine, restoreEngine, type EngineSnapshot, type PushOptions } from "../engine/engine.js";
import { OverridesSchema } from "../engine/overrides.js";
import type { EngineStep } from "../engine/nudge.js";
import type { ConversationEventsMessage } from "../shared/messages.js";
import type { Coach, CoachFactory } from "./coach.js";
import { ConversationStore } from "./conversation-store.js";
import { memorySessionStorage } from "./test-support.js";


/** A coach that records the texts (and times) it was given and raises a nudge on every turn containing "!", history aside. */
const recordingCoach: CoachFactory = (_ref, snapshot) => {
  const texts = (snapshot as string[] | undefined) ?? [];
  return {
    push(event: ConversationEvent, options?: PushOptions) {
      const text = event.type === "typing" ? "(typing)" : event.text;
      texts.push(`${text}@${event.at}`);
      const raised = text.includes("!") && !options?.context ? [{ rule: "r", pack: "p", event: texts.length - 1, at: event.at, severity: "tip" as const, priority: 0, message: "m", suggestion: "s", outcome: "open" as const }] : [];
      return { raised, resolved: [] };
    },
    tick: () => ({ raised: [], resolved: [] }),
    nextDue: () => undefined,
    nudges: () => [],
    language: () => "en",
    snapshot: () => [...texts],
  } satisfies Coach;
};

/** The conversation states saved, without their outboxes. */
const states = (data: Record<string, unknown>) => Object.entries(data).flatMap(([key, state]) => (key.startsWith("conversation:") ? [state] : []));

/** Everything a step raised and resolved goes to the page. */
const deliverAll = (step: EngineStep) => ({ raised: step.raised, resolved: step.resolved });

const message = (session: string, seq: number, text: string, history = false): ConversationEventsMessage => ({
  type: "conversation-events",
  conversation: { key: "default", adapter: "generic", channel: "chat" },
  session,
  sessionStartedAt: session === "after" ? 60_000 : 0,
  events: [{ seq, event: { type: "turn", speaker: "customer", text, at: seq }, history }],
});

describe("ConversationStore", () => {
  it("takes each event once, even when resent, and survives the worker being stopped", async () => {
    const storage = memorySessionStorage();
    const store = new ConversationStore(storage, recordingCoach);
    await store.accept(1, 0, message("a", 0, "hello"));
    expect((await store.accept(1, 0, message("a", 0, "hello"))).ack).toEqual({ ok: true, acceptedThrough: 0 });
    // A new worker: nothing in memory, everything in session storage.
    const restarted = new ConversationStore(storage, recordingCoach);
    await restarted.accept(1, 0, message("a", 0, "hello"));
    const step = await restarted.accept(1, 0, message("a", 1, "help!"));
    expect(step.step.raised).toHaveLength(1);
    expect(states(storage.data)).toEqual([expect.objectContaining({ events: 2, coach: ["hello@0", "help!@1"] })]);
  });

  it("after a page reload, skips the history it already has and carries on with what is new, on one clock", async () => {
    const storage = memorySessionStorage();
    const store = new ConversationStore(storage, recordingCoach);
    await store.accept(1, 0, message("before", 0, "hello", true));
    await store.accept(1, 0, message("before", 1, "it broke!"));
    // The reloaded page reads both messages again as history, then a new one arrives.
    await store.accept(1, 0, message("after", 0, "hello", true));
    expect((await store.accept(1, 0, message("after", 1, "it broke!", true))).step.raised).toEqual([]);
    const live = await store.accept(1, 0, message("after", 2, "still broken!"));
    expect(live.step.raised).toHaveLength(1);
    expect(states(storage.data)).toEqual([expect.objectContaining({ events: 3, coach: ["hello@0", "it broke!@1", "still broken!@62"] })]);
  });

  it("takes a batch in order, answering with the last event taken", async () => {
    const storage = memorySessionStorage();
    const store = new ConversationStore(storage, recordingCoach);
    const batch = { ...message("a", 0, "one", true), events: [0, 1, 2].map((seq) => ({ seq, event: { type: "turn" as const, speaker: "customer" as const, text: `m${seq}!`, at: seq }, history: seq < 2 })) };
    const result = await store.accept(1, 0, batch);
    expect(result.ack).toEqual({ ok: true, acceptedThrough: 2 });
    expect(result.step.raised.map((n) => n.event)).toEqual([2]);
    expect(states(storage.data)).toEqual([expect.objectContaining({ events: 3 })]);
  });

  it("shows no nudges for history, and keeps tabs apart and forgets a closed tab", async () => {
    const storage = memorySessionStorage();
    const store = new ConversationStore(storage, recordingCoach);
    expect((await store.accept(1, 0, message("a", 0, "old!", true))).step.raised).toEqual([]);
    await store.accept(2, 0, message("b", 0, "other tab"));
    expect(states(storage.data)).toHaveLength(2);
    await store.forgetTab(1);
    expect(Object.keys(storage.data).sort()).toEqual([expect.stringMatching(/^conversation:2:/), "due", expect.stringMatching(/^outbox:2:/)]);
  });
});

describe("ConversationStore: a chat opened with the customer waiting", () => {
  /** What a page reads when a chat is first shown: an answered exchange, then the customer's turns since. */
  const firstReading = (session: string): ConversationEventsMessage => ({
    ...message(session, 0, ""),
    events: [
      { seq: 0, event: { type: "turn", speaker: "customer", text: "it broke!", at: 0 }, history: true },
      { seq: 1, event: { type: "turn", speaker: "agent", text: "sorry, let me look", at: 0 }, history: true },
      { seq: 2, event: { type: "turn", speaker: "customer", text: "third time I write!", at: 3 }, history: true, unanswered: true },
    ],
  });

  it("coaches the turns after the agent's last reply as moments, and the answered past as context", async () => {
    const store = new ConversationStore(memorySessionStorage(), recordingCoach);
    const { step, outbox } = await store.accept(1, 0, firstReading("a"), deliverAll);
    expect(step.raised.map((n) => n.event)).toEqual([2]);
    expect(outbox.map((d) => d.raised.map((n) => n.event))).toEqual([[2]]);
  });

  it("does not coach them again when the page is reloaded, nor after a worker restart", async () => {
    const storage = memorySessionStorage();
    await new ConversationStore(storage, recordingCoach).accept(1, 0, firstReading("a"), deliverAll);
    const restarted = new ConversationStore(storage, recordingCoach);
    const { step, outbox } = await restarted.accept(1, 0, firstReading("b"), deliverAll);
    expect(step.raised).toEqual([]);
    expect(outbox).toEqual([]);
    // The conversation holds each turn once.
    expect(states(storage.data)).toMatchObject([{ events: 3 }]);
  });
});

describe("ConversationStore scorecards", () => {
  /** Reads each turn as the engine would: an open question where there is "?", one word per space-separated token. */
  const readingCoach: CoachFactory = (ref, snapshot) => {
    const inner = recordingCoach(ref, snapshot);
    return {
      ...inner,
      push(event: ConversationEvent, options?: PushOptions) {
        const step = inner.push(event, options);
        return event.type === "typing" ? step : { ...step, read: { signals: event.text.includes("?") ? ["question.open"] : [], words: event.text.split(" ").length } };
      },
    };
  };
  const turn = (seq: number, speaker: "agent" | "customer", text: string, at: number): ConversationEventsMessage => ({
    ...message("a", seq, text),
    events: [{ seq, event: { type: "turn", speaker, text, at }, history: false }],
  });

  it("keeps each conversation's scorecard across a stopped worker, on the conversation's events", async () => {
    const storage = memorySessionStorage();
    const store = new ConversationStore(storage, readingCoach);
    await store.accept(1, 0, turn(0, "customer", "it broke", 0));
    await store.accept(1, 0, turn(1, "agent", "what happened?", 12));
    const restarted = new ConversationStore(storage, readingCoach);
    await restarted.accept(1, 0, turn(2, "customer", "it just stopped", 20));
    await restarted.accept(1, 0, turn(3, "agent", "when was that?", 24));
    const [summary] = await restarted.summaries(1);
    expect(summary!.scorecard.openQuestions).toEqual({ value: 2, moments: [{ event: 1, at: 12 }, { event: 3, at: 24 }] });
    expect(summary!.scorecard.responseTime).toMatchObject({ median: 8, longest: 12, longestAt: { event: 1, at: 12 } });
    // Counts and moments only: no conversation text is kept for it.
    expect(JSON.stringify(summary!.scorecard)).not.toMatch(/broke|happened|stopped/);
  });
});

describe("ConversationStore: the outbox", () => {
  it("saves a delivery with the state (and what decided it) in one write before handing it over", async () => {
    const storage = memorySessionStorage();
    let finishSaving = () => {};
    const writes: Array<Record<string, unknown>> = [];
    const set = storage.set;
    storage.set = (items) => {
      writes.push(items);
      return new Promise<void>((resolve) => (finishSaving = () => void set(items).then(resolve)));
    };
    const store = new ConversationStore(storage, recordingCoach);
    let handedOver = false;
    const accepted = store.accept(1, 0, message("a", 0, "it broke!"), (step) => ({ ...deliverAll(step), alsoSave: { "gate:1": [1000] } })).then((a) => {
      handedOver = true;
      return a;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handedOver).toBe(false);
    expect(writes).toHaveLength(1);
    expect(Object.keys(writes[0]!).sort()).toEqual(["conversation:1:0:generic:default", "due", "gate:1", "outbox:1:0:generic:default"]);
    finishSaving();
    const { ack, outbox } = await accepted;
    expect(ack).toEqual({ ok: true, acceptedThrough: 0 });
    expect(outbox).toEqual([{ delivery: 0, raised: [expect.objectContaining({ rule: "r", event: 0 })], resolved: [] }]);
  });

  it("keeps every delivery until the page acknowledges it, across restarts, and numbers them on", async () => {
    const storage = memorySessionStorage();
    const first = new ConversationStore(storage, recordingCoach);
    await first.accept(1, 0, message("a", 0, "one!"), deliverAll);
    await first.accept(1, 0, message("a", 1, "two!"), deliverAll);
    // Stopped before any receipt came: the resent batch raises nothing new, and both deliveries are still there.
    const second = new ConversationStore(storage, recordingCoach);
    const resent = await second.accept(1, 0, message("a", 1, "two!"), deliverAll);
    expect(resent.step.raised).toEqual([]);
    expect(resent.outbox.map((d) => d.delivery)).toEqual([0, 1]);
    await second.acknowledge(1, 0, { adapter: "generic", key: "default" }, 0);
    const third = new ConversationStore(storage, recordingCoach);
    // A receipt for a delivery already gone (sent twice, received twice) changes nothing.
    await third.acknowledge(1, 0, { adapter: "generic", key: "default" }, 0);
    const next = await third.accept(1, 0, message("a", 2, "three!"), deliverAll);
    expect(next.outbox.map((d) => [d.delivery, d.raised.map((n) => n.event)])).toEqual([[1, [1]], [2, [2]]]);
    await third.acknowledge(1, 0, { adapter: "generic", key: "default" }, 1);
    await third.acknowledge(1, 0, { adapter: "generic", key: "default" }, 2);
    expect((await new ConversationStore(storage, recordingCoach).accept(1, 0, message("a", 2, "three!"), deliverAll)).outbox).toEqual([]);
  });

  it("gives a reloaded page none of what the page before did not acknowledge", async () => {
    const store = new ConversationStore(memorySessionStorage(), recordingCoach);
    await store.accept(1, 0, message("before", 0, "hello", true));
    expect((await store.accept(1, 0, message("before", 1, "it broke!"), deliverAll)).outbox).toHaveLength(1);
    const history = await store.accept(1, 0, { ...message("after", 0, "hello", true), events: [message("after", 0, "hello", true).events[0]!, message("after", 1, "it broke!", true).events[0]!] }, deliverAll);
    expect(history.outbox).toEqual([]);
    const live = await store.accept(1, 0, message("after", 2, "still broken!"), deliverAll);
    expect(live.outbox.map((d) => d.delivery)).toEqual([1]);
  });

  it("delivers nothing when the gate holds back every raised nudge and nothing is resolved", async () => {
    const store = new ConversationStore(memorySessionStorage(), recordingCoach);
    const { step, outbox } = await store.accept(1, 0, message("a", 0, "held back!"), () => ({ raised: [], resolved: [] }));
    expect(step.raised).toHaveLength(1);
    expect(outbox).toEqual([]);
  });

  it("forgets a tab's outboxes with its conversations", async () => {
    const storage = memorySessionStorage();
    const store = new ConversationStore(storage, recordingCoach);
    await store.accept(1, 0, message("a", 0, "one!"), deliverAll);
    await store.forgetTab(1);
    expect(storage.data).toEqual({ due: {} });
  });
});

describe("ConversationStore when storage fails", () => {
  it("keeps coaching from memory, reports the problem, and keeps what was saved before", async () => {
    const storage = memorySessionStorage();
    const problems: string[] = [];
    const store = new ConversationStore(storage, recordingCoach, (p) => problems.push(p));
    await store.accept(1, 0, message("a", 0, "hello"));
    const saved = structuredClone(storage.data);
    storage.set = async () => {
      throw new Error("QUOTA_BYTES quota exceeded");
    };
    // Not saved: nothing handed over, and the page told to keep the batch, which it sends again at once.
    const unsaved = await store.accept(1, 0, message("a", 1, "still there!"), deliverAll);
    expect(unsaved.step.raised).toHaveLength(1);
    expect(unsaved.ack).toEqual({ ok: true, acceptedThrough: 0 });
    expect(unsaved.outbox).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/Could not save the conversation state: QUOTA_BYTES/)]);
    // Sent again: taken from memory, its delivery handed over this time, and the batch done with.
    const resent = await store.accept(1, 0, message("a", 1, "still there!"), deliverAll);
    expect(resent.ack).toEqual({ ok: true, acceptedThrough: 1 });
    expect(resent.step.raised).toEqual([]);
    expect(resent.outbox).toEqual([{ delivery: 0, raised: [expect.objectContaining({ rule: "r", event: 1 })], resolved: [] }]);
    expect(storage.data).toEqual(saved);
  });

  it("hands over nothing a stopped worker could not save: the next worker numbers its deliveries from what was saved", async () => {
    const storage = memorySessionStorage();
    const set = storage.set;
    const dying = new ConversationStore(storage, recordingCoach);
    await dying.accept(1, 0, message("a", 0, "one!"), deliverAll);
    await dying.acknowledge(1, 0, { adapter: "generic", key: "default" }, 0);
    // The worker is being stopped: its storage calls fail.
    storage.set = async () => {
      throw new Error("Extension context invalidated.");
    };
    expect((await dying.accept(1, 0, message("a", 1, "two!"), deliverAll)).outbox).toEqual([]);
    storage.set = set;
    const next = new ConversationStore(storage, recordingCoach);
    const taken = await next.accept(1, 0, message("a", 1, "two!"), deliverAll);
    expect(taken.outbox).toEqual([{ delivery: 1, raised: [expect.objectContaining({ event: 1 })], resolved: [] }]);
  });
});

const RULES = join(__dirname, "..", "..", "rules");
const packs = compilePacks(readdirSync(RULES).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(RULES, f), "utf8"))));
/** The engine with the shipped packs, as the worker's coach. */
const engineCoach: CoachFactory = (ref, snapshot) =>
  snapshot === undefined ? createEngine(packs, { language: "en", channel: ref.channel }) : restoreEngine(packs, { language: "en", channel: ref.channel }, snapshot as EngineSnapshot);

describe("ConversationStore: timers", () => {
  const customer = (text: string, at: number): ConversationEventsMessage => ({ ...message("a", 0, text), events: [{ seq: 0, event: { type: "turn", speaker: "customer", text, at }, history: false }] });

  it("fires a wait that is due while nobody writes, from the state a stopped worker left", async () => {
    const storage = memorySessionStorage();
    await new ConversationStore(storage, engineCoach).accept(3, 1, customer("Hello, my order has not arrived.", 2), deliverAll);
    const restarted = new ConversationStore(storage, engineCoach);
    expect(await restarted.nextDue()).toBe(32_000);
    expect(await restarted.tickDue(31_000, async (_tab, _conversation, step) => deliverAll(step))).toEqual([]);
    const [ticked, ...more] = await restarted.tickDue(32_000, async (_tab, _conversation, step) => deliverAll(step));
    expect(more).toEqual([]);
    expect(ticked).toMatchObject({ tabId: 3, frameId: 1, ref: { key: "default" } });
    // What the page is to receive: the timer's nudge, after what the customer's turn raised, not yet acknowledged.
    expect(ticked!.step.raised.map((n) => n.rule)).toEqual(["respond-promptly"]);
    expect(ticked!.outbox.at(-1)!.raised).toEqual(ticked!.step.raised);
    expect(ticked!.step.raised[0]!.message).toContain("30 s");
    // Fired once: nothing is due any more, in memory or for the next worker.
    expect(await restarted.nextDue()).toBeUndefined();
    expect(await new ConversationStore(storage, engineCoach).nextDue()).toBeUndefined();
  });
});

describe("ConversationStore: what the agent saw and used", () => {
  const said = (key: string, seq: number, speaker: "agent" | "customer", text: string, at: number, sessionStartedAt = 0): ConversationEventsMessage => ({
    type: "conversation-events",
    conversation: { key, adapter: "generic", channel: "chat" },
    session: `s-${key}`,
    sessionStartedAt,
    events: [{ seq, event: { type: "turn", speaker, text, at }, history: false }],
  });
  const FURIOUS = "You charged me twice and this is the third time I'm writing!!!";
  const conversation = { adapter: "generic", key: "a" };

  it("counts a card shown once, gives the statistics the outcomes of the cards shown only, and says a late-reported card's outcome", async () => {
    const storage = memorySessionStorage();
    const store = new ConversationStore(storage, engineCoach);
    const { step } = await store.accept(1, 0, said("a", 0, "customer", FURIOUS, 0), deliverAll);
    expect(step.raised.map((n) => n.rule)).toEqual(["acknowledge-frustration", "apologize-for-error"]);
    expect(await store.markShown(1, 0, conversation, { rule: "acknowledge-frustration", event: 0 })).toMatchObject({ rule: "acknowledge-frustration", outcome: "open" });
    expect(await store.markShown(1, 0, conversation, { rule: "acknowledge-frustration", event: 0 }), "a card drawn again").toBeUndefined();
    expect(await store.markShown(1, 0, conversation, { rule: "no-such-rule", event: 0 }), "a nudge the conversation never raised").toBeUndefined();

    const answered = await store.accept(1, 0, said("a", 1, "agent", "I'm so sorry about the double charge, I understand how frustrating this is.", 10), deliverAll);
    expect(answered.step.resolved.map((n) => [n.rule, n.outcome])).toEqual([["acknowledge-frustration", "followed"], ["apologize-for-error", "followed"]]);
    // Only the card the agent saw has its outcome counted now...
    expect(answered.resolvedShown.map((n) => n.rule)).toEqual(["acknowledge-frustration"]);
    // ... and the other's, decided before the page said it drew it, comes with its report.
    expect(await new ConversationStore(storage, engineCoach).markShown(1, 0, conversation, { rule: "apologize-for-error", event: 0 })).toMatchObject({ outcome: "followed" });
  });

  it("counts an answer to a nudge once, wherever it is given, and an undo only of an answer counted", async () => {
    const storage = memorySessionStorage();
    const store = new ConversationStore(storage, engineCoach);
    await store.accept(1, 0, said("a", 0, "customer", FURIOUS, 0), deliverAll);
    const frustration = { rule: "acknowledge-frustration", event: 0 };
    expect(await store.answer(1, 0, conversation, frustration, "rated")).toBe(true);
    // Rated again in the other place it shows (a call's nudge: its window and the console's card), by a new worker.
    const restarted = new ConversationStore(storage, engineCoach);
    expect(await restarted.answer(1, 0, conversation, frustration, "rated")).toBe(false);
    expect(await restarted.answer(1, 0, conversation, { rule: "apologize-for-error", event: 0 }, "rated")).toBe(true);
    // A snooze is another answer; undone, it may be given (and counted) again; undone twice, taken back once.
    expect(await restarted.answer(1, 0, conversation, frustration, "snoozed")).toBe(true);
    expect(await restarted.answer(1, 0, conversation, frustration, "snoozed")).toBe(false);
    expect(await restarted.answer(1, 0, conversation, frustration, "snoozed", true)).toBe(true);
    expect(await restarted.answer(1, 0, conversation, frustration, "snoozed", true)).toBe(false);
    // A conversation the worker does not hold: counted, as an answer naming no nudge is.
    expect(await restarted.answer(1, 0, { adapter: "generic", key: "gone" }, frustration, "rated")).toBe(true);
  });

  it("counts an insertion once per nudge shown, in its own conversation, and sums it all up as the scorecard does", async () => {
    const storage = memorySessionStorage();
    const store = new ConversationStore(storage, engineCoach);
    await store.accept(1, 0, said("a", 0, "customer", FURIOUS, 0), deliverAll);
    await store.markShown(1, 0, conversation, { rule: "acknowledge-frustration", event: 0 });
    expect(await store.markUsed(1, 0, conversation, { rule: "apologize-for-error", event: 0 }), "a nudge with no card shown").toBe(false);
    expect(await store.markUsed(1, 0, conversation, { rule: "acknowledge-frustration", event: 0 })).toBe(true);
    expect(await store.markUsed(1, 0, conversation, { rule: "acknowledge-frustration", event: 0 }), "the same card's reply inserted again").toBe(false);
    // The same rule's card in another chat of the frame, opened a minute later, then shown and used.
    await store.accept(1, 0, said("b", 0, "customer", FURIOUS, 0, 60_000), deliverAll);
    await store.markShown(1, 0, { adapter: "generic", key: "b" }, { rule: "acknowledge-frustration", event: 0 });
    // Another frame's card, shown and not used.
    await store.accept(1, 2, said("c", 0, "customer", FURIOUS, 0, 120_000), deliverAll);
    await store.markShown(1, 2, { adapter: "generic", key: "c" }, { rule: "acknowledge-frustration", event: 0 });
    expect(await store.markUsed(1, 0, { adapter: "generic", key: "b" }, { rule: "acknowledge-frustration", event: 0 })).toBe(true);

    const summaries = await new ConversationStore(storage, engineCoach).summaries(1);
    const byKey = Object.fromEntries(summaries.map((s) => [s.key, s]));
    expect(byKey.a!.nudges).toEqual({ raised: 2, shown: 1, followed: 0, missed: 0, open: 1, used: 1 });
    expect(byKey.b!.nudges).toMatchObject({ shown: 1, used: 1 });
    expect(byKey.c!.nudges).toMatchObject({ shown: 1, used: 0 });
    // The popup's figures are the scorecard's.
    for (const summary of summaries) {
      expect(Object.fromEntries(Object.entries(summary.scorecard.nudges).map(([figure, count]) => [figure, count.value]))).toEqual(summary.nudges);
    }
    expect(byKey.b!.startedAt).toBe(60_000);
    expect(byKey.a!.list.map(({ rule, shown, used, outcome }) => [rule, shown, used, outcome])).toEqual([
      ["acknowledge-frustration", true, true, "open"],
      ["apologize-for-error", false, false, "open"],
    ]);
    expect(byKey.a!.list[0]!.message).toMatch(/frustration/i);
    // The rules' own messages come from the packs: the saved states hold ids and moments, not the customer's words.
    expect(JSON.stringify(states(storage.data))).not.toMatch(/charged|third time|frustration first/);
  });
});

describe("ConversationStore: a call heard from its audio", () => {
  // The call window sends its turns as a content script does: timing and word counts, no words.
  const heard = (seq: number, speaker: "agent" | "customer", at: number, end: number, words: number): ConversationEventsMessage => ({
    type: "conversation-events",
    conversation: { key: "call-1", adapter: "call-audio", channel: "call", language: "en" },
    session: "call-window",
    sessionStartedAt: 0,
    events: [{ seq, event: { type: "turn", speaker, text: "", at, end, words }, history: false }],
  });
  const TEAM_MESSAGE = "Team: let the caller finish";
  const teamPacks = compilePacks(
    readdirSync(RULES).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(RULES, f), "utf8"))),
    OverridesSchema.parse({ rules: { "dont-interrupt": { message: { en: TEAM_MESSAGE } } } }),
  );
  const teamCoach: CoachFactory = (ref, snapshot) => {
    const options = { language: ref.language ?? "en", channel: ref.channel };
    return snapshot === undefined ? createEngine(teamPacks, options) : restoreEngine(teamPacks, options, snapshot as EngineSnapshot);
  };

  it("coaches the call with the team's rules, carrying on after the worker was stopped mid-call", async () => {
    const storage = memorySessionStorage();
    expect((await new ConversationStore(storage, teamCoach).accept(7, 0, heard(0, "customer", 0, 12, 20), deliverAll)).step.raised).toEqual([]);
    // A new worker: the call's state comes back from session storage, and the agent's cut-in is judged against it.
    const restarted = new ConversationStore(storage, teamCoach);
    const { step, outbox } = await restarted.accept(7, 0, heard(1, "agent", 9, 12, 4), deliverAll);
    expect(step.raised.map((n) => [n.rule, n.event, n.message])).toEqual([["dont-interrupt", 1, TEAM_MESSAGE]]);
    expect(outbox).toEqual([{ delivery: 0, raised: step.raised, resolved: [] }]);
    expect(await restarted.markShown(7, 0, { adapter: "call-audio", key: "call-1" }, { rule: "dont-interrupt", event: 1 })).toMatchObject({ rule: "dont-interrupt" });
    const [summary] = await new ConversationStore(storage, teamCoach).summaries(7);
    expect(summary).toMatchObject({ adapter: "call-audio", channel: "call", nudges: { raised: 1, shown: 1 } });
  });
});
