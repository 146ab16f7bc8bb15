// A static file server on 127.0.0.1 for the demo console and the test fixtures. Nothing outside the given folders
// is served, and it never listens beyond loopback.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".wav": "audio/wav",
};

/**
 * @param {Record<string, string>} mounts URL prefix (such as "/demo/") → folder on disk
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(mounts) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    // Browsers ask for it on every page; answering "no content" keeps their consoles free of 404 noise.
    if (path === "/favicon.ico") return void response.writeHead(204).end();
    const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
    if (!mount) return notFound(response);
    const base = resolve(mounts[mount]);
    let file = resolve(join(base, normalize(path.slice(mount.length))));
    if (file !== base && !file.startsWith(base + sep)) return notFound(response);
    if (path.endsWith("/")) file = join(file, "index.html");
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      response.end(body);
    } catch {
      notFound(response);
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

function notFound(response) {
  response.writeHead(404, { "content-type": "text/plain" });
  response.end("not found");
}
