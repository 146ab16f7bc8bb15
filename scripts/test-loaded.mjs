#!/usr/bin/env node
// `npm run test:loaded`: does the suite hold on a busy machine? Runs `npm test` here several times in a row (3, or
// `-- --runs N`) while a second copy of the suite runs beside it, over and over, in a clone of this commit: two
// browsers, two builds and two sets of Node processes on the same cores, as on a shared CI machine. Each run's closing
// line is printed, and the command fails if any run did. The clone holds HEAD: commit what you want checked.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./lib/browser.mjs";

const runsAt = process.argv.indexOf("--runs");
const runs = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number of runs, 1 or more");

const dirty = spawnSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
if (dirty) console.log("attune: uncommitted changes are tested here, but the load beside runs HEAD");

// The load: the suite in a clone of HEAD, sharing this checkout's packages, again and again until the runs are done.
const clone = mkdtempSync(join(tmpdir(), "attune-load-"));
spawnSync("git", ["clone", "--quiet", "--local", ROOT, clone], { stdio: "inherit" });
symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"));
appendFileSync(join(clone, ".git", "info", "exclude"), "/node_modules\n");
let stopping = false;
let load;
let loadRuns = 0;
function startLoad() {
  if (stopping) return;
  load = spawn(process.execPath, [join(clone, "scripts", "test.mjs")], { cwd: clone, stdio: "ignore", detached: true });
  load.on("exit", () => {
    loadRuns++;
    startLoad();
  });
}
startLoad();

/** One `npm test` here, its output shown as it goes; resolves with its closing line and whether it passed. */
function suite() {
  return new Promise((resolve) => {
    const run = spawn(process.execPath, [join(ROOT, "scripts", "test.mjs")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let last = "";
    run.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      last = (last + chunk.toString()).slice(-200);
    });
    run.on("exit", (code) => resolve({ ok: code === 0, line: /(\d+ passed, \d+ failed)\s*$/.exec(last)?.[1] ?? `exit ${code}` }));
  });
}

/** Stops the load (its browsers and servers are its process group's) and removes its clone. */
function stopLoad() {
  stopping = true;
  if (load?.pid) {
    try {
      process.kill(-load.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
  rmSync(clone, { recursive: true, force: true });
}
// Stopped by hand (Ctrl+C): the run here stops with this process's group; the load has a group of its own.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopLoad();
    process.exit(130);
  });
}

const results = [];
try {
  for (let i = 1; i <= runs; i++) {
    console.log(`\nattune: loaded run ${i} of ${runs}, the suite running beside it`);
    results.push(await suite());
  }
} finally {
  stopLoad();
}

console.log("\nattune: loaded runs, each beside another run of the suite");
results.forEach(({ ok, line }, i) => console.log(`run ${i + 1}: ${ok ? "passed" : "FAILED"} (${line})`));
console.log(`the suite beside them ran ${loadRuns} time(s) to its end`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
