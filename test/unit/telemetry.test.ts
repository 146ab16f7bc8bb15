import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { StatsRecorder } from "../../src/background/stats.js";
import { otlpMetrics, scheduleTelemetry, sendTelemetry, TELEMETRY_ALARM } from "../../src/background/telemetry.js";
import type { Nudge } from "../../src/engine/nudge.js";
import { readManagedPolicy, type TelemetryPolicy } from "../../src/shared/managed-policy.js";
import type { Stats } from "../../src/shared/stats.js";
import type { StatsPeriod } from "../../src/shared/team-stats.js";
import { OtlpMetricsRequestSchema, pointsOf } from "../e2e/otlp-schema.js";
import { memoryStorage } from "../../src/background/test-support.js";

const nudge = (rule: string): Nudge => ({ rule, pack: "p", event: 0, at: 0, severity: "tip", priority: 0, message: "words of the card", suggestion: "a reply", outcome: "open" });
const T0 = Date.UTC(2026, 11, 7, 8);

async function counted() {
  const storage = memoryStorage();
  const recorder = new StatsRecorder(storage, () => T0);
  await recorder.countStep([nudge("use-name"), nudge("open-question")], []);
  await recorder.countShown(nudge("use-name"));
  await recorder.count("use-name", "helpful");
  return { stats: storage.data.stats as Stats, period: storage.data.statsPeriod as StatsPeriod };
}

const policy = (telemetry: unknown): TelemetryPolicy => {
  const read = readManagedPolicy({ telemetry });
  if (!("policy" in read) || !read.policy.telemetry) throw new Error("policy refused");
  return read.policy.telemetry;
};

describe("the counts as OTLP metrics", () => {
  it("are cumulative monotonic integer sums per rule, labelled with the team and agent, in OTLP's JSON encoding", async () => {
    const { stats, period } = await counted();
    const request = OtlpMetricsRequestSchema.parse(otlpMetrics(stats, period, { team: "Billing", agent: "agent-7f3a", version: "1.2.3" }, T0 + 60_000));
    expect(pointsOf(request)["attune.nudges.shown"]).toEqual({ "open-question": 0, "use-name": 1 });
    expect(pointsOf(request)["attune.nudges.rated_helpful"]).toEqual({ "open-question": 0, "use-name": 1 });
    const resource = request.resourceMetrics[0]!.resource.attributes;
    expect(resource).toContainEqual({ key: "attune.team", value: { stringValue: "Billing" } });
    expect(resource).toContainEqual({ key: "service.name", value: { stringValue: "attune" } });
    const point = request.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.sum.dataPoints[0]!;
    expect(point).toMatchObject({ startTimeUnixNano: `${T0}000000`, timeUnixNano: `${T0 + 60_000}000000` });
    expect(point.attributes).toContainEqual({ key: "attune.agent", value: { stringValue: "agent-7f3a" } });
    expect(JSON.stringify(request)).not.toMatch(/words of the card|a reply/);
    expect(otlpMetrics({}, undefined, { agent: "a", version: "1" }, T0)).toBeUndefined();
  });

  it("are POSTed to <endpoint>/v1/metrics; a collector down or refusing is a quiet false, tried again at the next alarm", async () => {
    const received: Array<{ url?: string; type?: string; body: string }> = [];
    let status = 200;
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ url: req.url, type: req.headers["content-type"], body });
        res.writeHead(status).end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/otlp/`;
    const { stats, period } = await counted();
    const read = async () => ({ stats, period, agent: "agent-1" });
    try {
      expect(await sendTelemetry(policy({ endpoint, agent: "Desk 4" }), read, "1.0.0")).toBe(true);
      expect(received[0]).toMatchObject({ url: "/otlp/v1/metrics", type: "application/json" });
      const sent = OtlpMetricsRequestSchema.parse(JSON.parse(received[0]!.body));
      expect(sent.resourceMetrics[0]!.resource.attributes).toContainEqual({ key: "attune.agent", value: { stringValue: "Desk 4" } });
      status = 503;
      expect(await sendTelemetry(policy({ endpoint }), read, "1.0.0")).toBe(false);
      expect(await sendTelemetry(undefined, read, "1.0.0")).toBe(false);
      expect(received).toHaveLength(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // Nobody listening: no throw.
    expect(await sendTelemetry(policy({ endpoint }), read, "1.0.0")).toBe(false);
  });

  it("the alarm follows the policy: set with its interval, left alone while unchanged, cleared without a collector", async () => {
    const alarms = new Map<string, { name: string; periodInMinutes?: number; delayInMinutes?: number }>();
    const api = {
      get: async (name: string) => alarms.get(name),
      create: async (name: string, info: { periodInMinutes?: number; delayInMinutes?: number }) => void alarms.set(name, { name, ...info }),
      clear: async (name: string) => alarms.delete(name),
    } as unknown as Parameters<typeof scheduleTelemetry>[0];
    await scheduleTelemetry(api, policy({ endpoint: "https://otel.example.com" }));
    expect(alarms.get(TELEMETRY_ALARM)).toEqual({ name: TELEMETRY_ALARM, delayInMinutes: 0.5, periodInMinutes: 5 });
    alarms.get(TELEMETRY_ALARM)!.delayInMinutes = undefined;
    await scheduleTelemetry(api, policy({ endpoint: "https://otel.example.com", intervalSeconds: 300 }));
    expect(alarms.get(TELEMETRY_ALARM)!.delayInMinutes).toBeUndefined();
    await scheduleTelemetry(api, policy({ endpoint: "https://otel.example.com", intervalSeconds: 60 }));
    expect(alarms.get(TELEMETRY_ALARM)).toMatchObject({ periodInMinutes: 1 });
    await scheduleTelemetry(api, undefined);
    expect(alarms.has(TELEMETRY_ALARM)).toBe(false);
  });
});
