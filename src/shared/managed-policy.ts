import { z } from "zod";
import { formatIssues } from "../engine/validation-errors.js";
import { DEFAULT_SETTINGS, readSettings, SettingsSchema, type Settings } from "./settings.js";

// What an administrator pushes through enterprise policy (storage.managed): the packs and overrides to use, and the
// agent settings agents may not change. Chrome publishes a policy only when it matches managed-schema.json, which
// cannot describe free-form JSON, so packs and overrides come as JSON text; Firefox's policies.json may also give
// them as objects.

export const SETTING_NAMES = Object.keys(SettingsSchema.shape) as Array<keyof Settings>;

/** JSON given as text (Chrome policy) or as a value (Firefox policies.json): the value either way. */
const JsonValue = z.unknown().transform((value, ctx) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `JSON text expected: ${error instanceof Error ? error.message : String(error)}` });
    return z.NEVER;
  }
});

/** The shortest interval between two sends of the metrics: the floor chrome.alarms keeps for a published extension. */
export const MIN_TELEMETRY_SECONDS = 30;

/**
 * The organisation's own OpenTelemetry collector (OTLP over HTTP, JSON): only when the policy names one are the
 * statistics' counts sent there, and nothing else ever is.
 */
export const TelemetryPolicySchema = z.strictObject({
  /** The collector's OTLP/HTTP base URL ("https://otel.example.com:4318"): the metrics go to `<endpoint>/v1/metrics`. */
  endpoint: z.url({ protocol: /^https?$/ }).refine((u) => !new URL(u).search && !new URL(u).hash && !new URL(u).username, "a base URL without query, fragment or credentials"),
  /** Seconds between two sends. */
  intervalSeconds: z.int().min(MIN_TELEMETRY_SECONDS).max(86_400).default(300),
  /** The team's label, on every data point (`attune.team`). */
  team: z.string().trim().min(1).max(100).optional(),
  /** The agent's label (`attune.agent`); by default the agent's own pseudonymous label, as in the team view's files. */
  agent: z.string().trim().min(1).max(100).optional(),
});
export type TelemetryPolicy = z.infer<typeof TelemetryPolicySchema>;

/** Loopback hosts: the one place a pack may come from over plain http (a local trial, the tests' server). */
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const httpUrl = (text: string): URL | undefined => {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  return url && /^https?:$/.test(url.protocol) ? url : undefined;
};
/** The longest pack address the options page takes. */
export const MAX_PACK_URL_CHARS = 2048;

/**
 * Where team leads may import packs from: an https address (or http on loopback), without query, fragment or
 * credentials. A pack's URL is allowed under it when it is on the same origin and its path is the prefix's path or
 * goes on below it ("https://packs.example.com/team" allows /team and /team/…, not /teams).
 */
export const PackUrlPrefixSchema = z
  .url({ protocol: /^https?$/ })
  .max(MAX_PACK_URL_CHARS)
  // Each check only of what the one before let through: one problem per address.
  .refine((u) => !httpUrl(u) || (!httpUrl(u)!.search && !httpUrl(u)!.hash && !httpUrl(u)!.username && !httpUrl(u)!.password), "an address without query, fragment or credentials")
  .refine((u) => !httpUrl(u) || httpUrl(u)!.protocol === "https:" || LOOPBACK.has(httpUrl(u)!.hostname), "https, or http on loopback only (127.0.0.1, localhost, [::1])");

export const ManagedPolicySchema = z.object({
  /** Rule packs added to the shipped ones. */
  packs: z.array(JsonValue).default([]),
  /** Overrides applied over the team lead's own, field by field. */
  overrides: JsonValue.optional(),
  /** Packs, rules and phrases may not be changed on the options page. */
  lockOverrides: z.boolean().default(false),
  /** Values for the agent's settings. */
  settings: SettingsSchema.partial().default({}),
  /** Settings agents may not change: the value in `settings` (else the default) applies. */
  lockedSettings: z.array(z.enum(SETTING_NAMES as [keyof Settings, ...Array<keyof Settings>])).default([]),
  /** Where the counts go as OpenTelemetry metrics; without it nothing leaves the browser. */
  telemetry: TelemetryPolicySchema.optional(),
  /** Where team leads may import packs from by address (the options page shows the field only when there is one). */
  packUrlPrefixes: z.array(PackUrlPrefixSchema).max(100).default([]),
});
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;

export const NO_POLICY: ManagedPolicy = ManagedPolicySchema.parse({});

/** The policy as stored, or every problem with it ("policy: $.lockedSettings[0]: …"). */
export function readManagedPolicy(raw: unknown): { policy: ManagedPolicy } | { problems: string[] } {
  const parsed = ManagedPolicySchema.safeParse(raw ?? {});
  return parsed.success ? { policy: parsed.data } : { problems: formatIssues("policy", parsed.error) };
}

/**
 * The agent's settings under the policy: a locked setting takes the policy's value (else the default); the others the
 * agent's own value, else the policy's as a default.
 */
export function effectiveSettings(stored: unknown, policy: ManagedPolicy): Settings {
  const own: Record<string, unknown> = typeof stored === "object" && stored ? { ...stored } : {};
  for (const name of policy.lockedSettings) delete own[name];
  const locked = Object.fromEntries(policy.lockedSettings.map((name) => [name, policy.settings[name] ?? DEFAULT_SETTINGS[name]]));
  return readSettings({ ...policy.settings, ...own, ...locked });
}

/**
 * Whether the policy allows importing a pack from `url`, and the URL to fetch (its fragment dropped): http(s) only,
 * no credentials, under one of the prefixes (PackUrlPrefixSchema).
 */
export function allowedPackUrl(text: string, prefixes: readonly string[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.username || url.password || text.length > MAX_PACK_URL_CHARS) return undefined;
  url.hash = "";
  const allowed = prefixes.some((prefix) => {
    const base = new URL(prefix);
    const dir = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
    return url.origin === base.origin && (url.pathname === base.pathname || url.pathname.startsWith(dir));
  });
  return allowed ? url : undefined;
}
