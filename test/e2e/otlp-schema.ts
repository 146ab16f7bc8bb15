import { z } from "zod";

// The OTLP metrics request in its JSON encoding (opentelemetry-proto: ExportMetricsServiceRequest, as an OTLP/HTTP
// receiver reads it), written from the proto for the parts Attune sends: sums of integers. Strict, so a field the
// proto does not have, or one misspelt, fails; 64-bit integers are decimal strings (proto3's JSON mapping).

const Uint64 = z.string().regex(/^\d+$/, "a 64-bit integer as a decimal string");
const AnyValue = z.union([
  z.strictObject({ stringValue: z.string() }),
  z.strictObject({ boolValue: z.boolean() }),
  z.strictObject({ intValue: z.string().regex(/^-?\d+$/) }),
  z.strictObject({ doubleValue: z.number() }),
]);
const KeyValue = z.strictObject({ key: z.string().min(1), value: AnyValue });

const NumberDataPoint = z
  .strictObject({
    attributes: z.array(KeyValue).optional(),
    startTimeUnixNano: Uint64,
    timeUnixNano: Uint64,
    asInt: z.string().regex(/^-?\d+$/),
  })
  .refine((p) => BigInt(p.startTimeUnixNano) <= BigInt(p.timeUnixNano), "startTimeUnixNano after timeUnixNano");

/** AGGREGATION_TEMPORALITY_CUMULATIVE = 2. */
const Sum = z.strictObject({ dataPoints: z.array(NumberDataPoint).min(1), aggregationTemporality: z.literal(2), isMonotonic: z.literal(true) });

const Metric = z.strictObject({
  // OpenTelemetry's instrument name syntax.
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_.\-/]{0,254}$/),
  description: z.string().optional(),
  unit: z.string().max(63).optional(),
  sum: Sum,
});

const ScopeMetrics = z.strictObject({
  scope: z.strictObject({ name: z.string(), version: z.string().optional(), attributes: z.array(KeyValue).optional() }).optional(),
  metrics: z.array(Metric).min(1),
  schemaUrl: z.string().optional(),
});

const ResourceMetrics = z.strictObject({
  resource: z.strictObject({ attributes: z.array(KeyValue) }),
  scopeMetrics: z.array(ScopeMetrics).min(1),
  schemaUrl: z.string().optional(),
});

export const OtlpMetricsRequestSchema = z.strictObject({ resourceMetrics: z.array(ResourceMetrics).min(1) });
export type OtlpMetricsRequest = z.infer<typeof OtlpMetricsRequestSchema>;

/** A data point's value by metric name and the point's `attune.rule`. */
export function pointsOf(request: OtlpMetricsRequest): Record<string, Record<string, number>> {
  const points: Record<string, Record<string, number>> = {};
  for (const metric of request.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics))) {
    for (const point of metric.sum.dataPoints) {
      const rule = point.attributes?.find((a) => a.key === "attune.rule")?.value;
      (points[metric.name] ??= {})[rule && "stringValue" in rule ? rule.stringValue : ""] = Number(point.asInt);
    }
  }
  return points;
}
