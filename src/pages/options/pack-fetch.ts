import { MAX_JSON_FILE_BYTES, parseJsonText } from "../../shared/json-file.js";

// A team's pack fetched from an address the administrator's policy allows, on the team lead's click: the one request
// Attune makes besides the policy's metrics. Bounded like a chosen file (size, depth), and in time; sent with no
// cookies, no referrer and no cache, and never following a redirect (which could lead outside the allowed addresses).

export const PACK_FETCH_TIMEOUT_MS = 10_000;

export type PackFetched =
  | { ok: true; json: unknown }
  | { ok: false; problem: "http"; status: number; statusText: string }
  | { ok: false; problem: "redirect" | "too-big" | "too-deep" | "timeout" }
  | { ok: false; problem: "not-json" | "network"; detail: string };

/** Reads at most `limit` bytes of the body; undefined when it has more. */
async function boundedText(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** The JSON at `url` (already allowed by the policy), or what went wrong. */
export async function fetchPackJson(url: URL, options: { fetch?: typeof fetch; timeoutMs?: number; maxBytes?: number } = {}): Promise<PackFetched> {
  const { fetch: get = fetch, timeoutMs = PACK_FETCH_TIMEOUT_MS, maxBytes = MAX_JSON_FILE_BYTES } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await get(url.href, { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer", redirect: "manual", signal });
    if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) return { ok: false, problem: "redirect" };
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, problem: "http", status: response.status, statusText: response.statusText };
    }
    if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
      await response.body?.cancel();
      return { ok: false, problem: "too-big" };
    }
    const text = await boundedText(response, maxBytes);
    if (text === undefined) return { ok: false, problem: "too-big" };
    const parsed = parseJsonText(text);
    if (parsed.ok) return { ok: true, json: parsed.json };
    return parsed.problem === "too-deep" ? { ok: false, problem: "too-deep" } : { ok: false, problem: "not-json", detail: parsed.detail };
  } catch (error) {
    if (signal.aborted) return { ok: false, problem: "timeout" };
    return { ok: false, problem: "network", detail: error instanceof Error ? error.message : String(error) };
  }
}
