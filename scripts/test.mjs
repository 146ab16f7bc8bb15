#!/usr/bin/env node
// `npm test`: type-check, lint, build, `web-ext lint` of the Firefox build, unit tests, the rule packs' own examples,
// then the end-to-end tests in Chromium and (the files vitest.config.ts lists) in Firefox.
// Ends with one line "N passed, N failed" counting every test and rule example run. The tests write only under ignored
// folders: a file of the checkout they created or changed fails the run.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/browser.mjs";

const REPORTS = join(ROOT, "test", "artifacts");
mkdirSync(REPORTS, { recursive: true });
const bin = (name) => join(ROOT, "node_modules", ".bin", name);
let passed = 0;
let failed = 0;
/** Every failed test's name and first line of error, repeated at the end: CI shows only the tail of a long run. */
const failures = [];

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  return result.status === 0;
}

/** Runs a vitest project and adds its counts from the JSON report. */
function vitest(project) {
  const report = join(REPORTS, `vitest-${project}.json`);
  const ok = step(`${project} tests`, bin("vitest"), [
    "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`,
  ]);
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    for (const file of json.testResults) {
      for (const test of file.assertionResults) {
        if (test.status !== "failed") continue;
        const why = String(test.failureMessages?.[0] ?? "").split("\n")[0];
        failures.push(`${project}: ${file.name.slice(ROOT.length + 1)} > ${test.fullName}\n    ${why}`);
      }
    }
  } catch {
    failed += 1;
    failures.push(`${project}: no report (the run itself failed)`);
  }
  return ok;
}

/** Runs `attune test-rules` and adds the counts from its closing line. */
function testRules() {
  console.log("\n▶ rule pack examples");
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "attune.mjs"), "test-rules"], { cwd: ROOT, encoding: "utf8" });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const counts = /(\d+) passed, (\d+) failed/.exec(result.stdout);
  if (counts) {
    passed += Number(counts[1]);
    failed += Number(counts[2]);
  } else {
    failed += 1;
  }
  if (result.status !== 0) failures.push("rule pack examples (see their lines above)");
  return result.status === 0;
}

/** A check that is not a test suite counts as one test, so a broken type-check or build shows in the closing line. */
function check(title, command, args) {
  const ok = step(title, command, args);
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(title);
  }
  return ok;
}

/** The checkout's changes as git sees them (untracked files included); undefined outside a git checkout. */
function gitStatus() {
  const result = spawnSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: ROOT, encoding: "utf8" });
  return result.status === 0 ? new Set(result.stdout.split("\n").filter(Boolean)) : undefined;
}

/** What the run left in the checkout that was not there before it. */
function checkoutLeftAsFound(before) {
  console.log("\n▶ checkout left as found");
  const after = gitStatus();
  if (!before || !after) {
    console.log("not a git checkout: nothing to compare");
    return true;
  }
  const left = [...after].filter((line) => !before.has(line));
  for (const line of left) console.log(`written by the tests outside test/artifacts/: ${line}`);
  if (!left.length) console.log("git status is as it was before the tests");
  return left.length === 0;
}

const before = gitStatus();
const results = [
  check("type-check", bin("tsc"), ["--noEmit"]),
  check("lint", bin("eslint"), ["."]),
];
const built = check("build", process.execPath, [join(ROOT, "build.mjs")]);
results.push(built);
// Mozilla's linter, as addons.mozilla.org runs it on upload: any warning fails the check.
if (built) results.push(check("web-ext lint (dist/firefox)", bin("web-ext"), ["lint", "--source-dir", join(ROOT, "dist", "firefox"), "--warnings-as-errors", "--no-config-discovery", "--output", "text"]));
results.push(vitest("unit"));
if (built) results.push(testRules(), vitest("e2e"), vitest("e2e-firefox"));

const leftAsFound = checkoutLeftAsFound(before);
if (leftAsFound) passed += 1;
else {
  failed += 1;
  failures.push("checkout left as found");
}
results.push(leftAsFound);

const ok = results.every(Boolean);
if (failures.length) console.log(`\n▶ failed tests\n${failures.join("\n")}`);
console.log(`\n${ok ? "All checks passed." : "Some checks FAILED (see above)."}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
