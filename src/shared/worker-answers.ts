import { z } from "zod";
import { PackChangesSchema } from "../engine/pack-review.js";
import { TabStatusSchema, TeamStateSchema, TeamStorageSchema, type PageToWorker } from "./messages.js";
import { TaughtSiteSchema, TaughtSitesFileSchema } from "./taught-sites-file.js";

// What the worker answers each message from an extension page: checked by the page on receipt, as the worker checks
// what it receives.

const Done = z.object({ ok: z.literal(true) });
const Refused = z.object({ ok: z.literal(false), problems: z.array(z.string()) });
/** Where the saved item went (its value is not sent back). */
const TeamSaved = z.union([Done.extend({ item: TeamStorageSchema }), Refused]);

export const WORKER_ANSWERS = {
  "tab-status": TabStatusSchema,
  "set-site-enabled": Done,
  snooze: Done,
  "teach-site": Done,
  "coach-call": Done,
  "list-taught-sites": z.array(TaughtSiteSchema),
  "forget-taught-site": Done,
  "export-taught-sites": TaughtSitesFileSchema,
  "import-taught-sites": z.union([Done.extend({ imported: z.number().optional() }), Refused]),
  "sync-taught-sites": Done,
  "set-speakers-swapped": Done,
  "team-state": TeamStateSchema,
  "save-overrides": TeamSaved,
  "review-pack": z.union([Done.extend({ changes: PackChangesSchema }), Refused]),
  "import-pack": TeamSaved,
  "remove-pack": z.union([Done, Refused]),
  "reset-stats": Done,
} satisfies Record<PageToWorker["type"], z.ZodType>;

export type WorkerAnswer<K extends PageToWorker["type"]> = z.infer<(typeof WORKER_ANSWERS)[K]>;
