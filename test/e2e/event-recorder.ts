import { openExtensionPage, type Harness } from "./harness.js";

/** One event as the extension received it, with the conversation it was sent for. */
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
 * Listens to the events content scripts send the worker: what a console's reader produced, exactly as sent. A content
 * script's message reaches every extension page as well as the worker, so an extension page open in a tab hears them
 * all, in Chromium and in Firefox alike, without answering (the worker answers). A resent event (same session and
 * number) is recorded once.
 */
export async function recordEvents(harness: Harness): Promise<{ events(): Promise<Received[]>; clear(): Promise<void> }> {
  // Not the popup: tests look for the popup's own window by its address.
  const page = await openExtensionPage(harness, "pages/options.html");
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      __attuneRecorded: Map<string, unknown>;
      browser?: { runtime: { onMessage: { addListener(f: (m: unknown) => undefined): void } } };
      chrome: { runtime: { onMessage: { addListener(f: (m: unknown) => undefined): void } } };
    };
    const recorded = new Map<string, unknown>();
    g.__attuneRecorded = recorded;
    (g.browser ?? g.chrome).runtime.onMessage.addListener((message) => {
      const m = message as { type?: string; session: string; conversation: Record<string, unknown>; events: Array<{ seq: number; history: boolean; event: object }> };
      if (m?.type !== "conversation-events") return undefined;
      for (const { seq, history, event } of m.events) {
        const { adapter, key, customerName, channel } = m.conversation;
        recorded.set(`${m.session}:${seq}`, { adapter, key, customerName, channel, history, ...event });
      }
      return undefined;
    });
  });
  return {
    events: () => page.evaluate(() => [...(globalThis as unknown as { __attuneRecorded: Map<string, unknown> }).__attuneRecorded.values()]) as Promise<Received[]>,
    clear: () => page.evaluate(() => (globalThis as unknown as { __attuneRecorded: Map<string, unknown> }).__attuneRecorded.clear()),
  };
}
