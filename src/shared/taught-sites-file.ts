import { z } from "zod";
import { SelectorSpecSchema } from "../adapters/selector-spec.js";

// Sites taught with "Teach this site", as the worker lists them to the options page and as the file that passes them
// between agents.

export const OriginSchema = z.string().max(300).refine((value) => {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
}, "an http(s) origin such as https://support.example.com");

export const TaughtSitesFileSchema = z.strictObject({
  attune: z.literal("taught-sites"),
  version: z.literal(1),
  sites: z.array(z.strictObject({ origin: OriginSchema, spec: SelectorSpecSchema })).max(200),
});
export type TaughtSitesFile = z.infer<typeof TaughtSitesFileSchema>;

export const TaughtSiteSchema = z.object({
  origin: z.string(),
  spec: SelectorSpecSchema,
  /** Whether the agent has granted Attune access to the site (else it is saved but not read). */
  access: z.boolean(),
});
export type TaughtSite = z.infer<typeof TaughtSiteSchema>;
