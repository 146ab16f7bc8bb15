// What build.mjs provides at build time: bundled data, constants, stylesheets as text.
// Resolved by build.mjs: every rules/*.json, validated at build time and bundled as validated (see VALIDATED_AT_BUILD).
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

// Resolved by build.mjs: a stylesheet's text, minified.
declare module "*.css" {
  const css: string;
  export default css;
}

/** `import bytes from "…/x.wasm"`: the module's bytes, bundled by esbuild's binary loader (build.mjs). */
declare module "*.wasm" {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
