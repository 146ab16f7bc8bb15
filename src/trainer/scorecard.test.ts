import { describe, expect, it } from "vitest";
import { scoreConversation } from "./replay.js";
import { parseScenario, variantConversation } from "./scenario.js";
import type { Nudge } from "../engine/nudge.js";
import { emptyTally, nudgeId, scorecardOf, tallyEvent } from "./scorecard.js";
import { fixture, shippedPacks } from "./test-packs.js";

describe("the scorecard", () => {
  it("matches the figures worked out by hand for a chat (test/fixtures/trainer/hand-scored.json)", () => {
    const scenario = parseScenario(fixture("trainer/hand-scored.json"));
    const { scorecard, nudges } = scoreConversation(shippedPacks, variantConversation(scenario, "agent"));
    const events = (c: { moments: Array<{ event: number }> }) => c.moments.map((m) => m.event);
    expect(events(scorecard.openQuestions)).toEqual([8]);
    expect(events(scorecard.closedQuestions)).toEqual([4, 6, 11]);
    expect(events(scorecard.feelingAcknowledgements)).toEqual([1]);
    expect(events(scorecard.apologies)).toEqual([1]);
    expect(events(scorecard.thanks)).toEqual([10]);
    expect(events(scorecard.nameUsed)).toEqual([1]);
    // Waits: 0→20 s, 30→70 s (from the first unanswered of two turns), 75→85, 90→96, 110→115.
    expect(scorecard.responseTime?.replies.map((r) => [r.event, r.seconds])).toEqual([[1, 20], [4, 40], [6, 10], [8, 6], [10, 5]]);
    expect(scorecard.responseTime).toMatchObject({ median: 10, longest: 40, longestAt: { event: 4, at: 70 } });
    // The two closing turns with nothing from the customer between: 17 + 8 words, from 115 s to 117 s.
    expect(scorecard.longestMonologue).toEqual({ event: 10, at: 115, words: 25, seconds: 2, turns: 2 });
    expect(scorecard.talkShare).toBeUndefined();
    expect(scorecard.speechRate).toBeUndefined();
    // acknowledge-frustration and apologize-for-error at 0 (followed by 1), respond-promptly from 2 (open),
    // open-question at 6 (followed by the open question at 8), confirm-understanding at 10 (open).
    expect(nudges.map((n) => [n.rule, n.event, n.outcome])).toEqual([
      ["acknowledge-frustration", 0, "followed"],
      ["apologize-for-error", 0, "followed"],
      ["respond-promptly", 2, "open"],
      ["open-question", 6, "followed"],
      ["confirm-understanding", 10, "open"],
    ]);
    expect(events(scorecard.nudges.raised)).toEqual([0, 0, 2, 6, 10]);
    expect(events(scorecard.nudges.followed)).toEqual([0, 0, 6]);
    expect(scorecard.nudges.missed.value).toBe(0);
    expect(events(scorecard.nudges.open)).toEqual([2, 10]);
  });

  it("measures a call: talk share, speech rate and the fastest turn, the longest monologue by seconds", () => {
    const tally = emptyTally("call");
    const read = (words: number) => ({ signals: [], words });
    tallyEvent(tally, 0, { type: "turn", speaker: "customer", text: "", at: 0, end: 6 }, read(20));
    // 30 words in 10 s (180 a minute), then 10 words in 5 s (120); talk share 42 of 72 words = 0.583.
    tallyEvent(tally, 1, { type: "turn", speaker: "agent", text: "", at: 5, end: 15 }, read(30));
    tallyEvent(tally, 2, { type: "turn", speaker: "agent", text: "", at: 16, end: 21 }, read(10));
    tallyEvent(tally, 3, { type: "turn", speaker: "customer", text: "", at: 22, end: 24 }, read(10));
    // Two words in 20 s: the longest monologue by seconds, too short to count as the fastest; 42 words in 35 s = 72 a minute.
    tallyEvent(tally, 4, { type: "turn", speaker: "agent", text: "", at: 25, end: 45 }, read(2));
    const card = scorecardOf(tally, [], { shown: new Set(), used: new Set() });
    expect(card.talkShare).toEqual({ agent: 0.583, agentWords: 42, customerWords: 30 });
    expect(card.speechRate).toEqual({ wordsPerMinute: 72, fastest: { event: 1, at: 5, wordsPerMinute: 180 } });
    expect(card.longestMonologue).toEqual({ event: 4, at: 25, words: 2, seconds: 20, turns: 1 });
    expect(card.responseTime).toBeUndefined();
  });

  it("ignores drafts and typing, and counts nothing on an empty conversation", () => {
    const tally = emptyTally("chat");
    tallyEvent(tally, 0, { type: "typing", speaker: "customer", at: 0 }, undefined);
    tallyEvent(tally, 1, { type: "draft", text: "Did you", at: 1 }, { signals: ["question.closed"], words: 2 });
    const card = scorecardOf(tally, [], { shown: new Set(), used: new Set() });
    expect(card.closedQuestions.value).toBe(0);
    expect(card.responseTime).toBeUndefined();
    expect(card.longestMonologue).toBeUndefined();
    expect(card.nudges.raised.value).toBe(0);
  });

  it("counts the nudges shown apart from those raised, their outcomes over the cards shown, and the replies used", () => {
    const nudge = (rule: string, event: number, outcome: Nudge["outcome"]): Nudge => ({
      rule, pack: "p", event, at: event * 10, severity: "tip", priority: 0, message: "m", suggestion: "s", outcome,
    });
    const nudges = [nudge("a", 0, "followed"), nudge("b", 0, "followed"), nudge("c", 2, "missed"), nudge("d", 3, "missed"), nudge("e", 4, "open"), nudge("f", 5, "open")];
    // b, d and f were raised but never drawn (the limit, stale); a's reply was inserted. A used id with no card shown
    // (f) is not counted: a reply is inserted from a card.
    const shown = new Set(["a", "c", "e"].map((rule) => nudgeId(nudges.find((n) => n.rule === rule)!)));
    const used = new Set([nudgeId(nudges[0]!), nudgeId(nudges[5]!)]);
    const card = scorecardOf(emptyTally("chat"), nudges, { shown, used });
    const figures = Object.fromEntries(Object.entries(card.nudges).map(([figure, count]) => [figure, count.moments.map((m) => `${m.event}@${m.at}`)]));
    expect(figures).toEqual({
      raised: ["0@0", "0@0", "2@20", "3@30", "4@40", "5@50"],
      shown: ["0@0", "2@20", "4@40"],
      followed: ["0@0"],
      missed: ["2@20"],
      open: ["4@40"],
      used: ["0@0"],
    });
    expect(card.nudges.shown.value).toBe(3);
  });
});
