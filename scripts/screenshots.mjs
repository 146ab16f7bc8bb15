#!/usr/bin/env node
// `npm run screenshots`: build, then run the end-to-end tests that take the README's pictures, in Chromium, with the
// pictures written into docs/screenshots (a plain test run writes them under test/artifacts and changes no tracked file).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/browser.mjs";

const E2E = join(ROOT, "test", "e2e");
const picturing = readdirSync(E2E).filter((file) => file.endsWith(".e2e.test.ts") && readFileSync(join(E2E, file), "utf8").includes("SCREENSHOTS"));
const run = (args, env = process.env) => spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit", env }).status ?? 1;
const status =
  run([join(ROOT, "build.mjs")]) ||
  run([join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--project", "e2e", ...picturing.map((file) => join("test", "e2e", file))], { ...process.env, ATTUNE_SCREENSHOTS_TO_DOCS: "1" });
process.exit(status);
