import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { extensionWorker } from "../../scripts/lib/browser.mjs";
import { clickOverlay, inExtension, readLocal, readOverlay, useHarness, waitFor, waitUntilRead } from "./harness.js";
import { recordExtensionRequests } from "./network-recorder.js";
import { OtlpMetricsRequestSchema, pointsOf } from "./otlp-schema.js";

type Fixture = Window & { addMessage(speaker: string, text: string): void };
type Received = { method?: string; url?: string; origin?: string; type?: string; body: string };

/** Words no rule, lexicon or interface text holds: found in what was sent, they could only have come from the chat. */
const MARKERS = ["zorblatt", "quimvexa", "plindor", "vextrano", "glumphrey", "snorkelwitz"];

/** An OTLP/HTTP receiver on loopback, as an organisation's collector with CORS open to the extension would answer. */
async function startReceiver(): Promise<{ endpoint: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, origin: req.headers.origin, type: req.headers["content-type"], body });
      res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? "*");
      res.setHeader("Access-Control-Allow-Methods", "POST");
      res.setHeader("Access-Control-Allow-Headers", "Content-Type");
      res.setHeader("Access-Control-Allow-Private-Network", "true");
      if (req.method === "OPTIONS") return void res.writeHead(204).end();
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("metrics to the organisation's own collector", () => {
  const harness = useHarness();

  it("only once the policy names a collector, the counts reach it as OTLP JSON metrics, with the policy's labels and no conversation text, and nothing else is sent", async () => {
    const receiver = await startReceiver();
    const recorder = await recordExtensionRequests(harness);
    try {
      const chat = await harness.browser.newPage();
      await chat.goto(`${harness.origin}/fixtures/rerender.html`);
      await waitUntilRead(harness, chat);
      await waitFor(() => chat.evaluate(() => document.querySelector("attune-overlay") !== null), "the overlay's warm-up");
      await chat.evaluate((m) => (window as unknown as Fixture).addMessage("customer", `This is the third time I'm asking about my ${m[0]} ${m[1]} order and I'm really fed up!!!`), MARKERS);
      await waitFor(async () => (await readOverlay(chat)).length === 1, "the nudge");
      await clickOverlay(chat, "helpful");
      await waitFor(async () => ((await readLocal(harness)).stats as Record<string, Record<string, number>> | undefined)?.["acknowledge-frustration"]?.helpful === 1, "the rating counted");
      await chat.evaluate((m) => (window as unknown as Fixture).addMessage("agent", `I'm so sorry, ${m[2]} ${m[3]}: I'll check your ${m[4]} ${m[5]} now.`), MARKERS);

      // No policy: no alarm to send anything, and nothing was sent.
      const alarm = () => inExtension(harness, (chrome) => (chrome as unknown as { alarms: { get(name: string): Promise<unknown> } }).alarms.get("attune-telemetry"), null);
      expect(await alarm()).toBeFalsy();
      expect(recorder.requests).toEqual([]);

      // The administrator's policy names the collector (storage.managed answered in the worker, as the team lead's test
      // does), and the worker reads it, as it does when the policy changes or a page opens.
      const worker = await (await extensionWorker(harness.browser)).worker();
      await worker!.evaluate((endpoint: string) => {
        const policy = { telemetry: { endpoint, intervalSeconds: 30, team: "Billing EU" } };
        (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<unknown> } } } }).chrome.storage.managed.get = async () => policy;
      }, receiver.endpoint);
      await inExtension(harness, (chrome) => chrome.runtime.sendMessage({ type: "team-state" }), null);
      expect(await alarm()).toMatchObject({ name: "attune-telemetry", periodInMinutes: 0.5 });

      const post = await waitFor(async () => receiver.received.find((r) => r.method === "POST"), "the metrics at the collector", 90_000);
      expect(post).toMatchObject({ url: "/v1/metrics", type: "application/json", origin: harness.extensionOrigin });
      const request = OtlpMetricsRequestSchema.parse(JSON.parse(post.body));
      const points = pointsOf(request);
      expect(points["attune.nudges.shown"]).toMatchObject({ "acknowledge-frustration": 1 });
      expect(points["attune.nudges.rated_helpful"]).toMatchObject({ "acknowledge-frustration": 1 });
      const agent = (await readLocal(harness)).agentLabel as string;
      expect(agent).toMatch(/^agent-[0-9a-f]{4}$/);
      expect(request.resourceMetrics[0]!.resource.attributes).toEqual(
        expect.arrayContaining([{ key: "attune.team", value: { stringValue: "Billing EU" } }, { key: "attune.agent", value: { stringValue: agent } }]),
      );
      for (const marker of MARKERS) expect(post.body).not.toContain(marker);
      expect(post.body).not.toMatch(/third time|fed up|sorry|rerender|127\.0\.0\.1/);
      // Nothing but the metrics, to the collector: every request of the extension's is that one URL.
      expect(recorder.requests.length).toBeGreaterThan(0);
      expect(new Set(recorder.requests.map((r) => r.url))).toEqual(new Set([`${receiver.endpoint}/v1/metrics`]));
      expect(receiver.received.every((r) => r.url === "/v1/metrics" && (r.method === "POST" || r.method === "OPTIONS"))).toBe(true);
    } finally {
      await recorder.stop();
      await receiver.close();
    }
  }, 150_000);
});
