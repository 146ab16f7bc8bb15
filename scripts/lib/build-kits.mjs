// Builds the chat UI kit pages (test/fixtures/kits/<kit>/app.tsx or app.ts, each a chat made with a kit installed from
// npm that nobody on the project wrote) into test/fixtures/kits/<kit>/dist/. The end-to-end tests build them before
// they read them, so the pages are always made from the packages package-lock.json pins.
import * as esbuild from "esbuild";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./browser.mjs";

export const KITS_DIR = join(ROOT, "test", "fixtures", "kits");

/** Every kit page: a folder under test/fixtures/kits with an app.tsx or app.ts. */
export function kitIds() {
  return readdirSync(KITS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entryPoint(entry.name))
    .map((entry) => entry.name)
    .sort();
}

function entryPoint(kit) {
  return ["app.tsx", "app.ts"].map((name) => join(KITS_DIR, kit, name)).find((path) => existsSync(path));
}

/** The page around a kit's app: the same for every kit, so it is written by the build rather than kept in six copies. */
function writePage(kit) {
  const dist = join(KITS_DIR, kit, "dist");
  const css = existsSync(join(dist, "app.css")) ? '<link rel="stylesheet" href="app.css">' : "";
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Chat built with ${kit} (Attune fixture)</title>${css}</head>
<body>
<div id="root"></div>
<script src="app.js"></script>
</body>
</html>
`;
  writeFileSync(join(dist, "index.html"), page);
}

/** Where a built kit page is served, under the tests' static server (which serves test/fixtures/ as /fixtures/). */
export const kitPath = (kit) => `/fixtures/kits/${kit}/dist/index.html`;

let built;
/** Builds every kit page once per process: test/fixtures/kits/<kit>/dist/index.html. */
export function buildKits() {
  built ??= Promise.all(
    kitIds().map(async (kit) => {
      await esbuild.build({
        entryPoints: [entryPoint(kit)],
        outdir: join(KITS_DIR, kit, "dist"),
        bundle: true,
        format: "iife",
        jsx: "automatic",
        minify: true,
        loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".svg": "file", ".png": "file" },
        define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
        logLevel: "warning",
      });
      writePage(kit);
    }),
  );
  return built;
}
