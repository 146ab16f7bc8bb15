import type { CDPSession } from "puppeteer-core";
import { waitFor } from "./harness.js";

/** One delivery of nudges as the content script received it on its events port. */
export interface ReceivedDelivery {
  adapter: string;
  conversationKey: string;
  delivery: number;
  raised: Array<{ rule: string; event: number }>;
  resolved: Array<{ rule: string; event: number; outcome: string }>;
}

/**
 * Records, inside the content script's own world (Chromium's isolated world for the extension, reached over the
 * DevTools protocol), every nudges message the page receives from the worker: what reached the page, which the worker's
 * own records cannot show. The content script opens its events port with `chrome.runtime.connect` each time the worker
 * stopped; from `install()` on, each port it opens is listened to as well. A connection open before is not: stop the
 * worker once after installing, so that everything the page receives from then on is recorded.
 */
export async function recordDeliveries(cdp: CDPSession): Promise<{ received(): Promise<ReceivedDelivery[]>; send(message: unknown): Promise<unknown> }> {
  const worlds: number[] = [];
  cdp.on("Runtime.executionContextCreated", ({ context }: { context: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } } }) => {
    if (context.auxData?.type === "isolated" && context.origin.startsWith("chrome-extension://")) worlds.push(context.id);
  });
  await cdp.send("Runtime.enable");
  const contextId = await waitFor(async () => worlds[0], "the content script's world");
  const evaluate = async (expression: string) =>
    ((await cdp.send("Runtime.evaluate", { contextId, expression, returnByValue: true })) as { result: { value: unknown } }).result.value;
  await evaluate(`(() => {
    const received = (globalThis.__attuneDeliveries = []);
    const runtime = chrome.runtime;
    const connect = runtime.connect.bind(runtime);
    runtime.connect = (...args) => {
      const port = connect(...args);
      port.onMessage.addListener((message) => {
        if (message && message.type === "nudges") received.push(message);
      });
      return port;
    };
  })()`);
  return {
    received: async () => (await evaluate("globalThis.__attuneDeliveries")) as ReceivedDelivery[],
    /** Posts a message on an events port of its own, as the content script would, and resolves with the first answer. */
    send: async (message: unknown) =>
      (await cdp.send("Runtime.evaluate", {
        contextId,
        expression: `new Promise((resolve) => {
          const port = chrome.runtime.connect({ name: "attune-events" });
          port.onMessage.addListener((answer) => { resolve(answer); port.disconnect(); });
          port.postMessage(${JSON.stringify(message)});
        })`,
        awaitPromise: true,
        returnByValue: true,
      }) as { result: { value: unknown } }).result.value,
  };
}
