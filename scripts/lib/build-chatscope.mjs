// Builds the chatscope fixture (a React chat UI kit) into test/fixtures/chatscope/app.js and app.css.
import * as esbuild from "esbuild";
import { join } from "node:path";
import { ROOT } from "./browser.mjs";

export async function buildChatscopeFixture() {
  const dir = join(ROOT, "test", "fixtures", "chatscope");
  await esbuild.build({
    entryPoints: [join(dir, "app.tsx")],
    outdir: dir,
    bundle: true,
    format: "iife",
    jsx: "automatic",
    minify: true,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
}
