import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** Each part of src/ and the parts it may import, lowest first. */
export const LAYERS = {
  engine: [],
  trainer: ["engine"],
  adapters: ["engine"],
  overlay: ["engine"],
  shared: ["engine", "trainer", "adapters", "overlay"],
  content: ["engine", "adapters", "overlay", "shared"],
  teach: ["engine", "adapters", "overlay", "shared"],
  background: ["engine", "trainer", "adapters", "shared"],
  pages: ["engine", "trainer", "adapters", "overlay", "shared"],
  cli: ["engine", "trainer", "shared"],
};

/** Layers that run where there is no extension API to polyfill: Node, and scripts injected into pages. */
const POLYFILL_FREE = ["engine", "trainer", "adapters", "overlay", "content", "teach", "cli"];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "test/artifacts/", "test/fixtures/kits/*/dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Render page text with textContent only." },
        { property: "outerHTML", message: "Render page text with textContent only." },
      ],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
  // The layers, lowest first: what each part of src/ may import of the others. A layer imports only those below it,
  // so that the engine and the trainer run in Node and in any extension context, the readers in any page, and each of
  // the extension's contexts (content script, picker, worker, pages, command line) stands on shared code, never on
  // another context's.
  ...Object.entries(LAYERS).map(([layer, allowed]) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...(POLYFILL_FREE.includes(layer) ? [{ group: ["webextension-polyfill"], message: `src/${layer} runs outside the extension's pages: no extension API.` }] : []),
            ...Object.keys(LAYERS)
              .filter((other) => other !== layer && !allowed.includes(other))
              .map((other) => ({ group: [`**/${other}/**`], message: `src/${layer} may import only ${allowed.map((a) => `src/${a}`).join(", ") || "nothing of src/ outside itself"}.` })),
          ],
        },
      ],
    },
  })),
  {
    // Pure TypeScript: runs in Node, the worker and pages alike.
    files: ["src/engine/**/*.ts", "src/trainer/**/*.ts", "src/cli/**/*.ts"],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      "no-restricted-globals": ["error", "document", "window", "chrome", "browser", "navigator"],
    },
  },
);
