import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePacks, createEngine, restoreEngine, type EngineSnapshot } from "../engine/engine.js";
import type { TurnEvent } from "../engine/conversation.js";
import type { EngineStep } from "../engine/nudge.js";
import type { ConversationEventsMessage, ConversationRef } from "../shared/messages.js";
import { CallLinks, judging, type CallLink } from "./call-links.js";
import type { CoachFactory } from "./coach.js";
import { ConversationStore } from "./conversation-store.js";
import { memorySessionStorage } from "./test-support.js";


const RULES = join(__dirname, "..", "..", "rules");
const packs = compilePacks(readdirSync(RULES).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(RULES, f), "utf8"))));
const engineCoach: CoachFactory = (ref, snapshot) =>
  snapshot === undefined ? createEngine(packs, { language: "en", channel: ref.channel }) : restoreEngine(packs, { language: "en", channel: ref.channel }, snapshot as EngineSnapshot);

// The softphone's tab (a voice console with a live transcript, read in its frame 2) and the call window's tab.
const PHONE = 7;
const WINDOW = 12;
const TRANSCRIPT: ConversationRef = { key: "call-1", adapter: "genesys", channel: "call", language: "en" };
const AUDIO: ConversationRef = { key: "call-1700000000000", adapter: "call-audio", channel: "call", language: "en" };
const listening: CallLink = { window: WINDOW, phone: PHONE, listening: true, frames: [2] };

describe("judging a call heard and read at once", () => {
  it("while a window listens to the tab: timing from the audio only, shown on the tab's card too, within its limit", () => {
    const links = [listening];
    expect(judging(links, PHONE, "content", "call")).toEqual({ timingJudgedElsewhere: true, shownIn: PHONE });
    expect(judging(links, WINDOW, "call-window", "call")).toEqual({ timingJudgedElsewhere: false, shownIn: PHONE, alsoTo: { tab: PHONE, frames: [2] } });
    // A chat in the same tab, and a call read in another tab, are none of the audio's business.
    expect(judging(links, PHONE, "content", "chat")).toEqual({ timingJudgedElsewhere: false, shownIn: PHONE });
    expect(judging(links, 8, "content", "call")).toEqual({ timingJudgedElsewhere: false, shownIn: 8 });
    // A softphone with no transcript read: the window's nudges stay in the window, within the window's limit.
    expect(judging([{ ...listening, frames: [] }], WINDOW, "call-window", "call")).toEqual({ timingJudgedElsewhere: false, shownIn: WINDOW });
  });

  it("the tab's site switched off: the window's nudges stay in the window, in its own limit", () => {
    expect(judging([listening], WINDOW, "call-window", "call", [PHONE])).toEqual({ timingJudgedElsewhere: false, shownIn: WINDOW });
    expect(judging([listening], WINDOW, "call-window", "call", [PHONE + 1])).toMatchObject({ shownIn: PHONE });
  });

  it("once the window stops listening, or with no window: each judged on its own, as before", () => {
    for (const links of [[], [{ ...listening, listening: false }]]) {
      expect(judging(links, PHONE, "content", "call")).toEqual({ timingJudgedElsewhere: false, shownIn: PHONE });
      expect(judging(links, WINDOW, "call-window", "call")).toEqual({ timingJudgedElsewhere: false, shownIn: WINDOW });
    }
  });
});

describe("CallLinks", () => {
  it("keeps the links in session storage for a worker started again, and lets them go with either tab", async () => {
    const storage = memorySessionStorage();
    const links = new CallLinks(storage);
    await links.listen(WINDOW, PHONE, true, []);
    expect(await links.cardOf(WINDOW)).toBeUndefined();
    await links.transcriptIn(PHONE, 2);
    expect(await links.cardOf(WINDOW)).toBe(PHONE);
    await links.transcriptIn(PHONE, 2);
    await links.transcriptIn(9, 0);
    expect(await new CallLinks(storage).all()).toEqual([listening]);
    await links.stopped(WINDOW);
    const restarted = new CallLinks(storage);
    expect(await restarted.all()).toEqual([{ ...listening, listening: false }]);
    // Stopped, the window still answers for the cards it put on the tab.
    expect(await restarted.windowOf(PHONE)).toBe(WINDOW);
    await restarted.forgetTab(WINDOW);
    expect(await restarted.windowOf(PHONE)).toBeUndefined();
    await restarted.listen(WINDOW + 1, PHONE, true, [0]);
    await restarted.forgetTab(PHONE);
    expect(await new CallLinks(storage).all()).toEqual([]);
  });

  it("says which tab is listened to, for its page's sign: from the start, until the window stops or closes", async () => {
    const links = new CallLinks(memorySessionStorage());
    expect(await links.listeningTo(PHONE)).toBe(false);
    expect(await links.listen(WINDOW, PHONE, true, [2])).toEqual(listening);
    expect(await links.listeningTo(PHONE)).toBe(true);
    expect(await links.listeningTo(WINDOW)).toBe(false);
    // Stopped: the link comes back, so the sign goes from the frames it was shown in.
    expect(await links.stopped(WINDOW)).toEqual({ ...listening, listening: false });
    expect(await links.stopped(WINDOW)).toBeUndefined();
    expect(await links.listeningTo(PHONE)).toBe(false);
    // Closed while listening: the tab it listened to is named; closed stopped, or the tab itself closed: none is.
    await links.listen(WINDOW, PHONE, true, [2]);
    expect(await links.forgetTab(WINDOW)).toEqual([listening]);
    expect(await links.listeningTo(PHONE)).toBe(false);
    await links.listen(WINDOW, PHONE, true, []);
    await links.stopped(WINDOW);
    expect(await links.forgetTab(WINDOW)).toEqual([]);
    await links.listen(WINDOW, PHONE, true, []);
    expect(await links.forgetTab(PHONE)).toEqual([]);
  });

  it("ignores what is not a link in storage", async () => {
    const storage = memorySessionStorage();
    storage.data.callLinks = [{ window: "12", phone: PHONE }, listening, null];
    expect(await new CallLinks(storage).all()).toEqual([listening]);
  });
});

describe("the worker's rule on the call's two conversations", () => {
  const batch = (ref: ConversationRef, session: string, seq: number, events: TurnEvent[]): ConversationEventsMessage => ({
    type: "conversation-events",
    conversation: ref,
    session,
    sessionStartedAt: 0,
    events: events.map((event, i) => ({ seq: seq + i, event, history: false })),
  });
  const all = (step: EngineStep) => ({ raised: step.raised, resolved: step.resolved });
  const rules = (step: EngineStep) => step.raised.map((n) => n.rule).sort();
  // The customer complains; the agent, fast, talks over the end of it.
  const overTalk = (at: number, text: string): TurnEvent[] => [
    { type: "turn", speaker: "customer", text, at, end: at + 6 },
    { type: "turn", speaker: "agent", text: "Okay okay so what you need to do now is go to settings then billing then update then confirm it please", at: at + 4, end: at + 7 },
  ];
  const heard = (at: number): TurnEvent[] => [
    { type: "turn", speaker: "customer", text: "", words: 14, at, end: at + 6 },
    { type: "turn", speaker: "agent", text: "", words: 6, at: at + 2, end: at + 4 },
  ];

  it("raises the words' rules from the transcript and the timing rules from the audio while linked; the transcript's timing again once stopped", async () => {
    const store = new ConversationStore(memorySessionStorage(), engineCoach);
    const links = new CallLinks(memorySessionStorage());
    await links.listen(WINDOW, PHONE, true, [2]);
    const accept = async (tab: number, frame: number, from: "content" | "call-window", message: ConversationEventsMessage) =>
      rules((await store.accept(tab, frame, message, all, judging(await links.all(), tab, from, message.conversation.channel))).step);

    expect(await accept(PHONE, 2, "content", batch(TRANSCRIPT, "page", 0, overTalk(0, "This is the third time I call!!! Unacceptable!!!")))).toEqual(["acknowledge-frustration"]);
    expect(await accept(WINDOW, 0, "call-window", batch(AUDIO, "window", 0, heard(0)))).toEqual(["dont-interrupt"]);

    await links.stopped(WINDOW);
    expect(await accept(PHONE, 2, "content", batch(TRANSCRIPT, "page", 2, overTalk(20, "No wait, I already did all of that twice")))).toEqual(["dont-interrupt", "slow-down"]);
  });
});
