import { defineConfig } from "vitest/config";

/** End-to-end test files that run in Firefox ESR as well as in Chromium: opting a file in is adding it here. */
const FIREFOX_E2E = [
  "test/e2e/demo-console.e2e.test.ts",
  "test/e2e/generic-reader.e2e.test.ts",
  "test/e2e/hostile-page.e2e.test.ts",
  "test/e2e/overlay.e2e.test.ts",
  "test/e2e/options.e2e.test.ts",
  "test/e2e/consoles.e2e.test.ts",
  "test/e2e/chat-kits.e2e.test.ts",
  "test/e2e/trainer.e2e.test.ts",
  "test/e2e/opener.e2e.test.ts",
  "test/e2e/insert-suggestion.e2e.test.ts",
  "test/e2e/card-layout.e2e.test.ts",
  "test/e2e/call-audio.e2e.test.ts",
];

/** What both end-to-end projects share. */
const E2E = {
  environment: "node",
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // One browser at a time: the CI machine has two cores.
  fileParallelism: false,
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/unit/**/*.test.ts", "bench/**/*.test.ts"],
          environment: "node",
          // A bound on a hung test, not a speed target: linting probes or loading compromise takes seconds on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        test: { name: "e2e", include: ["test/e2e/**/*.e2e.test.ts"], ...E2E, sequence: { groupOrder: 1 } },
      },
      {
        test: {
          name: "e2e-firefox",
          include: FIREFOX_E2E,
          env: { ATTUNE_E2E_BROWSER: "firefox" },
          ...E2E,
          // After the Chromium project, never beside it.
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
