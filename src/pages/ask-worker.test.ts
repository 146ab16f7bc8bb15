import { describe, expect, it, vi } from "vitest";
import { emptyTally, scorecardOf } from "../trainer/scorecard.js";

const sendMessage = vi.fn();
vi.mock("webextension-polyfill", () => ({ default: { runtime: { sendMessage } } }));
const { askWorker } = await import("./ask-worker.js");

const status = {
  conversations: [
    {
      frameId: 0,
      adapter: "generic",
      key: "chat",
      channel: "chat",
      language: "en",
      startedAt: 1_700_000_000_000,
      nudges: { raised: 1, shown: 1, followed: 0, missed: 0, open: 1, used: 0 },
      list: [{ rule: "acknowledge-frustration", event: 0, at: 1, severity: "warn", outcome: "open", message: "Acknowledge the frustration first", shown: true, used: false }],
      scorecard: scorecardOf(emptyTally("chat"), [], { shown: new Set(), used: new Set() }),
    },
  ],
  siteEnabled: true,
  snoozedUntil: 0,
  snoozedRules: {},
  problems: [],
  packs: [{ id: "active-listening", version: "1.0.0", languages: ["en"] }],
};

describe("asking the worker from an extension page", () => {
  it("passes on an answer of the shape the message is answered with", async () => {
    sendMessage.mockResolvedValueOnce(status);
    await expect(askWorker({ type: "tab-status", tabId: 3 })).resolves.toEqual(status);
    sendMessage.mockResolvedValueOnce({ ok: false, problems: ["overrides: $.rules.x: no loaded pack has a rule \"x\""] });
    await expect(askWorker({ type: "save-overrides", overrides: {} })).resolves.toMatchObject({ ok: false });
  });

  it("refuses an answer of another shape, naming the message", async () => {
    sendMessage.mockResolvedValueOnce({ ...status, conversations: [{ ...status.conversations[0], scorecard: { channel: "chat" } }] });
    await expect(askWorker({ type: "tab-status", tabId: 3 })).rejects.toThrow("the worker's answer to tab-status was not understood");
    sendMessage.mockResolvedValueOnce(undefined);
    await expect(askWorker({ type: "reset-stats" })).rejects.toThrow("reset-stats");
  });
});
