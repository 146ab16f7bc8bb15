import { z } from "zod";

/** The agent's own settings (options page), kept in storage.local under "settings". */
export const SettingsSchema = z.object({
  /** The language of nudges and of Attune's own pages; "auto" follows the browser. */
  interfaceLanguage: z.enum(["auto", "en", "it", "ro", "fa"]).default("auto"),
  /** At most this many nudges shown per tab in any 5 minutes: coaching must not nag. */
  maxPerFiveMinutes: z.number().int().min(1).max(60).default(4),
  severities: z.array(z.enum(["tip", "warn", "alert"])).default(["tip", "warn", "alert"]),
  /** Alerts only. */
  quiet: z.boolean().default(false),
  autoHideSeconds: z.number().int().min(0).max(600).default(20),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Stored settings that fail validation fall back to the defaults field by field, never to nothing. */
export function readSettings(stored: unknown): Settings {
  const parsed = SettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const partial: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(typeof stored === "object" && stored ? stored : {})) {
    const field = SettingsSchema.shape[key as keyof Settings];
    if (field?.safeParse(value).success) partial[key] = value;
  }
  return SettingsSchema.parse(partial);
}
