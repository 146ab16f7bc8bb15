#!/usr/bin/env node
// The `attune` command line: runs the CLI bundle that `npm run build` (and `npm install`) writes to dist/cli.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = new URL("../dist/cli/attune.mjs", import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  console.error("attune: the command line is not built yet: run `npm run build` in the Attune folder.");
  process.exit(2);
}
await import(bundle.href);
