import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

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
  {
    // The engine must run in Node, the worker and pages alike: no DOM, no extension API.
    files: ["src/engine/**/*.ts"],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      "no-restricted-imports": ["error", { patterns: ["webextension-polyfill", "*/content/*", "*/background/*"] }],
      "no-restricted-globals": ["error", "document", "window", "chrome", "browser", "navigator"],
    },
  },
);
