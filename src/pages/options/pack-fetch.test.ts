import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPackJson } from "./pack-fetch.js";

// A pack fetched from an address on a real loopback server, answering as servers do when things go wrong.

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  "/pack.json": (_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('\uFEFF{"id":"retention"}'),
  "/missing.json": (_req, res) => res.writeHead(404, "Not Found").end("no such pack"),
  "/moved.json": (_req, res) => res.writeHead(302, { Location: "/pack.json" }).end(),
  "/page.html": (_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<html>sign in</html>"),
  "/deep.json": (_req, res) => res.writeHead(200).end(`${"[".repeat(100)}${"]".repeat(100)}`),
  // Says its size up front.
  "/big.json": (_req, res) => res.writeHead(200, { "Content-Length": 2048 }).end(`"${"x".repeat(2046)}"`),
  // Says nothing of its size: the body is counted as it comes.
  "/streamed.json": (_req, res) => {
    res.writeHead(200);
    for (let i = 0; i < 8; i++) res.write(`${" ".repeat(300)}`);
    res.end("{}");
  },
  "/slow.json": () => undefined,
};
const seen: Array<{ url?: string; cookie?: string; referer?: string }> = [];
const server = createServer((req, res) => {
  seen.push({ url: req.url, cookie: req.headers.cookie, referer: req.headers.referer });
  routes[req.url ?? ""]?.(req, res);
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const get = (path: string, options: Parameters<typeof fetchPackJson>[1] = {}) => fetchPackJson(new URL(path, base), { maxBytes: 1024, ...options });

describe("a pack fetched from an allowed address", () => {
  it("is read as JSON (a byte-order mark dropped), sent with no cookie or referrer", async () => {
    expect(await get("/pack.json")).toEqual({ ok: true, json: { id: "retention" } });
    expect(seen.find((s) => s.url === "/pack.json")).toEqual({ url: "/pack.json", cookie: undefined, referer: undefined });
  });

  it("an HTTP error says the status", async () => {
    expect(await get("/missing.json")).toEqual({ ok: false, problem: "http", status: 404, statusText: "Not Found" });
  });

  it("a redirect is not followed", async () => {
    seen.length = 0;
    expect(await get("/moved.json")).toEqual({ ok: false, problem: "redirect" });
    expect(seen.map((s) => s.url)).toEqual(["/moved.json"]);
  });

  it("what is not JSON, or nests too deep, is refused", async () => {
    expect(await get("/page.html")).toMatchObject({ ok: false, problem: "not-json", detail: expect.any(String) });
    expect(await get("/deep.json")).toEqual({ ok: false, problem: "too-deep" });
  });

  it("a body over the limit is refused, whether its size is said up front or counted as it comes", async () => {
    expect(await get("/big.json")).toEqual({ ok: false, problem: "too-big" });
    expect(await get("/streamed.json")).toEqual({ ok: false, problem: "too-big" });
    expect(await get("/streamed.json", { maxBytes: 4096 })).toEqual({ ok: true, json: {} });
  });

  it("a server that does not answer in time, or cannot be reached, is said so", async () => {
    expect(await get("/slow.json", { timeoutMs: 300 })).toEqual({ ok: false, problem: "timeout" });
    expect(await fetchPackJson(new URL("http://127.0.0.1:1/pack.json"))).toMatchObject({ ok: false, problem: "network" });
  });
});
