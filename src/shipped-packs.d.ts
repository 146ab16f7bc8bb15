// Resolved by build.mjs: every rules/*.json, bundled into the worker at build time.
declare module "attune:shipped-packs" {
  const packs: unknown[];
  export default packs;
}

declare const __BROWSER__: "chrome" | "firefox";
declare const __DEV__: boolean;

// Resolved by build.mjs: every scenarios/*.json, bundled into the trainer page at build time.
declare module "attune:shipped-scenarios" {
  const scenarios: unknown[];
  export default scenarios;
}
