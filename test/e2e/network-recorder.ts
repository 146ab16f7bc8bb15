import type { CDPSession, Target } from "puppeteer-core";
import type { Harness } from "./harness.js";

/**
 * Every network request the extension's own contexts (its worker and its pages: popup, options, trainer) make from now
 * on, other than to its own files: what a privacy test looks at.
 */
export async function recordExtensionRequests(harness: Harness): Promise<{ requests: Array<{ url: string; method: string }>; stop(): Promise<void> }> {
  const requests: Array<{ url: string; method: string }> = [];
  const sessions: CDPSession[] = [];
  const record = async (target: Target) => {
    if (!target.url().startsWith(harness.extensionOrigin)) return;
    const session = await target.createCDPSession();
    sessions.push(session);
    session.on("Network.requestWillBeSent", (event: { request: { url: string; method: string } }) => {
      const { url, method } = event.request;
      if (!url.startsWith(harness.extensionOrigin) && !url.startsWith("data:")) requests.push({ url, method });
    });
    await session.send("Network.enable");
  };
  for (const target of harness.browser.targets()) await record(target);
  const onTarget = (target: Target) => void record(target);
  harness.browser.on("targetcreated", onTarget);
  return {
    requests,
    async stop() {
      harness.browser.off("targetcreated", onTarget);
      for (const session of sessions) await session.detach().catch(() => undefined);
    },
  };
}
