import type { WebWorker } from "puppeteer-core";
import { extensionWorker } from "../../scripts/lib/browser.mjs";
import { waitFor, type Harness } from "./harness.js";

/** One event as the worker received it, with the conversation it was sent for. */
export interface Received {
  adapter: string;
  key: string;
  customerName?: string;
  channel: string;
  history: boolean;
  type: "turn" | "typing" | "draft";
  speaker?: string;
  text?: string;
  at: number;
  end?: number;
  until?: number;
}

/**
 * Listens, inside the extension's worker, to the events content scripts send it: what a console's reader produced,
 * exactly as the worker got it. A resent event (same session and number) is recorded once.
 */
export async function recordEvents(harness: Harness): Promise<{ events(): Promise<Received[]>; clear(): Promise<void> }> {
  const worker = (await (await extensionWorker(harness.browser)).worker()) as WebWorker;
  // A worker just started has its extension APIs bound a moment after its script runs.
  await waitFor(() => worker.evaluate(() => typeof (globalThis as { chrome?: { runtime?: object } }).chrome?.runtime === "object"), "the worker's extension APIs");
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __attuneRecorded?: Map<string, unknown>; chrome: { runtime: { onMessage: { addListener(f: (m: unknown) => void): void } } } };
    if (g.__attuneRecorded) return;
    const recorded = new Map<string, unknown>();
    g.__attuneRecorded = recorded;
    g.chrome.runtime.onMessage.addListener((message) => {
      const m = message as { type?: string; session: string; conversation: Record<string, unknown>; events: Array<{ seq: number; history: boolean; event: object }> };
      if (m?.type !== "conversation-events") return;
      for (const { seq, history, event } of m.events) {
        const { adapter, key, customerName, channel } = m.conversation;
        recorded.set(`${m.session}:${seq}`, { adapter, key, customerName, channel, history, ...event });
      }
    });
  });
  return {
    events: () => worker.evaluate(() => [...(globalThis as unknown as { __attuneRecorded: Map<string, unknown> }).__attuneRecorded.values()]) as Promise<Received[]>,
    clear: () => worker.evaluate(() => (globalThis as unknown as { __attuneRecorded: Map<string, unknown> }).__attuneRecorded.clear()),
  };
}
