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
 * script's events port connects to every extension context listening for it, so an extension page open in a tab hears
 * them all, in Chromium and in Firefox alike, without answering (the worker answers). A resent event (same session and
 * number) is recorded once. Holding its end of a port keeps the port open when the worker stops, which no page of
 * Attune's does: a test that stops the worker calls `release()` after, for the content script to see it go, and
 * `close()` when it is done recording (a recorder left open goes on holding ports).
 */
export async function recordEvents(harness: Harness): Promise<{ events(): Promise<Received[]>; clear(): Promise<void>; release(): Promise<void>; close(): Promise<void> }> {
  // Not the popup: tests look for the popup's own window by its address.
  const page = await openExtensionPage(harness, "pages/options.html");
  await page.evaluate(() => {
    interface Port {
      name: string;
      onMessage: { addListener(f: (m: unknown) => void): void };
      onDisconnect: { addListener(f: () => void): void };
      disconnect(): void;
    }
    const g = globalThis as unknown as {
      __attuneRecorded: Map<string, unknown>;
      __attunePorts: Set<Port>;
      browser?: { runtime: { onConnect: { addListener(f: (port: Port) => void): void } } };
      chrome: { runtime: { onConnect: { addListener(f: (port: Port) => void): void } } };
    };
    const recorded = new Map<string, unknown>();
    const ports = new Set<Port>();
    g.__attuneRecorded = recorded;
    g.__attunePorts = ports;
    (g.browser ?? g.chrome).runtime.onConnect.addListener((port) => {
      if (port.name !== "attune-events") return;
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      port.onMessage.addListener((message) => {
        const m = message as { type?: string; session: string; conversation: Record<string, unknown>; events: Array<{ seq: number; history: boolean; event: object }> };
        if (m?.type !== "conversation-events") return;
        for (const { seq, history, event } of m.events) {
          const { adapter, key, customerName, channel } = m.conversation;
          recorded.set(`${m.session}:${seq}`, { adapter, key, customerName, channel, history, ...event });
        }
      });
    });
  });
  return {
    events: () => page.evaluate(() => [...(globalThis as unknown as { __attuneRecorded: Map<string, unknown> }).__attuneRecorded.values()]) as Promise<Received[]>,
    clear: () => page.evaluate(() => (globalThis as unknown as { __attuneRecorded: Map<string, unknown> }).__attuneRecorded.clear()),
    release: () =>
      page.evaluate(() => {
        const ports = (globalThis as unknown as { __attunePorts: Set<{ disconnect(): void }> }).__attunePorts;
        for (const port of ports) port.disconnect();
        ports.clear();
      }),
    close: () => page.close(),
  };
}
