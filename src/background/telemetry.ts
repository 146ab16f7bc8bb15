import type { Alarms } from "webextension-polyfill";
import type { TelemetryPolicy } from "../shared/managed-policy.js";
import { STAT_FIELDS, type StatField, type Stats } from "../shared/stats.js";
import type { StatsPeriod } from "../shared/team-stats.js";

// The statistics' counts as OpenTelemetry metrics, sent to the organisation's own collector, only when its policy names
// one. Written by hand in the OTLP/HTTP JSON encoding (the OpenTelemetry JS SDK would add far more than this file to
// the worker): cumulative monotonic sums, one data point per rule. Counts, rule ids and the policy's labels: nothing else.

export const TELEMETRY_ALARM = "attune-telemetry";
/** The first send after a policy names a collector: chrome.alarms' shortest delay. */
const FIRST_SEND_MINUTES = 0.5;
const SEND_TIMEOUT_MS = 10_000;

const METRIC_NAMES: Record<StatField, [name: string, description: string]> = {
  raised: ["attune.nudges.raised", "Nudges raised by the rules"],
  shown: ["attune.nudges.shown", "Nudge cards drawn on the agent's screen"],
  followed: ["attune.nudges.followed", "Cards shown whose advice the agent followed in time"],
  missed: ["attune.nudges.missed", "Cards shown whose moment passed unfollowed"],
  dismissed: ["attune.nudges.dismissed", "Cards the agent dismissed"],
  helpful: ["attune.nudges.rated_helpful", "Cards the agent rated helpful"],
  notHelpful: ["attune.nudges.rated_not_helpful", "Cards the agent rated not helpful"],
  wrongMoment: ["attune.nudges.not_helpful.wrong_moment", "Not helpful: the wrong moment, as the agent said"],
  misread: ["attune.nudges.not_helpful.misread", "Not helpful: the conversation misread, as the agent said"],
  used: ["attune.nudges.suggestion_used", "Suggested replies the agent inserted"],
  snoozed: ["attune.nudges.snoozed", "Snoozes started from a card"],
};

type Attribute = { key: string; value: { stringValue: string } };
const attribute = (key: string, value: string): Attribute => ({ key, value: { stringValue: value } });
const nanos = (ms: number) => (BigInt(Math.round(ms)) * 1_000_000n).toString();

/** OTLP's AggregationTemporality CUMULATIVE: each send carries the counts since `from`. */
const CUMULATIVE = 2;

/** The counts as an OTLP ExportMetricsServiceRequest (JSON encoding); undefined when there is nothing counted. */
export function otlpMetrics(stats: Stats, period: StatsPeriod | undefined, labels: { team?: string; agent: string; version: string }, now: number): object | undefined {
  const rules = Object.keys(stats).sort();
  if (!rules.length) return undefined;
  const who = [...(labels.team ? [attribute("attune.team", labels.team)] : []), attribute("attune.agent", labels.agent)];
  const startTimeUnixNano = nanos(Math.min(period?.from ?? now, now));
  const timeUnixNano = nanos(now);
  return {
    resourceMetrics: [
      {
        resource: { attributes: [attribute("service.name", "attune"), attribute("service.version", labels.version), ...who] },
        scopeMetrics: [
          {
            scope: { name: "attune", version: labels.version },
            metrics: STAT_FIELDS.map((field) => ({
              name: METRIC_NAMES[field][0],
              description: METRIC_NAMES[field][1],
              unit: "{nudge}",
              sum: {
                aggregationTemporality: CUMULATIVE,
                isMonotonic: true,
                dataPoints: rules.map((rule) => ({
                  attributes: [attribute("attune.rule", rule), ...who],
                  startTimeUnixNano,
                  timeUnixNano,
                  asInt: String(stats[rule]?.[field] ?? 0),
                })),
              },
            })),
          },
        ],
      },
    ],
  };
}

/** `<endpoint>/v1/metrics`, as OTLP/HTTP exporters derive the metrics URL from a base endpoint. */
export const metricsUrl = (endpoint: string) => `${endpoint.replace(/\/+$/, "")}/v1/metrics`;

/**
 * The alarm that sends the metrics, set to the policy: cleared when the policy names no collector, (re)created when
 * the interval changed. An alarm outlives the worker, so sends go on across its stops and restarts.
 */
export async function scheduleTelemetry(alarms: Pick<Alarms.Static, "get" | "create" | "clear">, config: TelemetryPolicy | undefined): Promise<void> {
  const existing = await alarms.get(TELEMETRY_ALARM);
  if (!config) {
    if (existing) await alarms.clear(TELEMETRY_ALARM);
    return;
  }
  const periodInMinutes = config.intervalSeconds / 60;
  if (existing?.periodInMinutes === periodInMinutes) return;
  await alarms.create(TELEMETRY_ALARM, { delayInMinutes: FIRST_SEND_MINUTES, periodInMinutes });
}

/**
 * One send of the counts as they are now. A failure (collector down, refused, slow) is left for the next alarm: the
 * sums are cumulative, so nothing is lost, and coaching never waits for this.
 */
export async function sendTelemetry(
  config: TelemetryPolicy | undefined,
  read: () => Promise<{ stats: Stats; period?: StatsPeriod; agent: string }>,
  version: string,
  post: typeof fetch = fetch,
): Promise<boolean> {
  if (!config) return false;
  try {
    const { stats, period, agent } = await read();
    const body = otlpMetrics(stats, period, { ...(config.team ? { team: config.team } : {}), agent: config.agent ?? agent, version }, Date.now());
    if (!body) return false;
    const response = await post(metricsUrl(config.endpoint), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    return response.ok;
  } catch {
    return false;
  }
}
