import type { z } from "zod";

/** Characters of a refusal's reason: the schema's first complaint, never the page's text. */
const MAX_REASON = 500;

export interface Refusal {
  /** The session to answer, when the message names one the page can recognise. */
  session: string | undefined;
  /** What the page is told. */
  reason: string;
  /** What the popup shows: worded the same for every batch refused for the same reason, so it is listed once. */
  problem: string;
}

/**
 * Why a message on the events port was refused, from zod's first issue: its place (event numbers left out, so that the
 * same fault in another batch reads the same) and its complaint, which names types and bounds, not values.
 */
export function refusalOf(raw: unknown, error: z.ZodError): Refusal {
  const issue = error.issues[0];
  const place = issue?.path.map((part) => (typeof part === "number" ? "#" : String(part))).join(".") || "the message";
  const reason = `${place}: ${issue?.message ?? "not understood"}`.slice(0, MAX_REASON);
  const session = typeof raw === "object" && raw !== null ? (raw as { session?: unknown }).session : undefined;
  return {
    session: typeof session === "string" && session.length <= 64 ? session : undefined,
    reason,
    problem: `A page's events were refused (${reason}): the page dropped them and coaching went on.`,
  };
}
