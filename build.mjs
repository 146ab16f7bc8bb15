#!/usr/bin/env node
// Builds the two loadable extensions (dist/chrome, dist/firefox), their store zips, the same two also granted loopback
// (dist/loopback/chrome, dist/loopback/firefox: the demo and the tests) and the Node CLI (dist/cli).
// Usage: node build.mjs [--dev] [--watch]
import * as esbuild from "esbuild";
import { zipSync } from "fflate";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const watch = args.has("--watch");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const BROWSERS = ["chrome", "firefox"];

/** Extension entry points: output path inside dist/<browser>/ (without .js) → source. */
const ENTRIES = {
  background: "src/background/worker.ts",
  content: "src/content/main.ts",
  "pages/popup": "src/pages/popup/popup.ts",
  "pages/options": "src/pages/options/options.ts",
  "pages/trainer": "src/pages/trainer/trainer.ts",
  "pages/call": "src/pages/call/call.ts",
  "pages/call-frames": "src/pages/call/call-frames.ts",
  teach: "src/teach/main.ts",
};

/** Copied verbatim into every extension: source → destination inside dist/<browser>/. */
const STATIC = { icons: "icons", _locales: "_locales", "src/pages/popup/popup.html": "pages/popup.html", "src/pages/options/options.html": "pages/options.html", "src/pages/trainer/trainer.html": "pages/trainer.html", "src/pages/trainer/trainer.css": "pages/trainer.css", "src/pages/call/call.html": "pages/call.html", "src/pages/page.css": "pages/page.css", "managed-schema.json": "managed-schema.json" };

const readJson = (file) => JSON.parse(readFileSync(join(root, file), "utf8"));

/**
 * Pages served from this machine: where the demo console and the test fixtures live. The store builds never read
 * them (an agent's local web apps are none of Attune's business, and the install prompt would list them); the
 * loopback builds, for the demo and the tests, do.
 */
const LOOPBACK_HOSTS = ["http://127.0.0.1/*", "http://localhost/*"];

/**
 * The base manifest plus the browser's patch (Dark Reader style): a patch's keys replace the base's, but for
 * `permissions`, which it adds to (Chrome's `tabCapture`, which Firefox does not know). With `loopback`, the consoles'
 * hosts are joined by loopback, for the content script and as host permissions.
 */
export function manifestFor(browser, { loopback = false } = {}) {
  const base = readJson("manifest.json");
  const patch = readJson(`manifest.${browser}.json`);
  const manifest = { ...base, ...patch, permissions: [...base.permissions, ...(patch.permissions ?? [])], version: pkg.version };
  if (!loopback) return manifest;
  return {
    ...manifest,
    host_permissions: [...manifest.host_permissions, ...LOOPBACK_HOSTS],
    content_scripts: manifest.content_scripts.map((script) => ({ ...script, matches: [...script.matches, ...LOOPBACK_HOSTS] })),
  };
}

/**
 * `import packs from "attune:shipped-packs"` bundles every rules/*.json, validated (and "attune:shipped-scenarios" every
 * scenarios/*.json), so the extension needs no fetch at run time.
 */
const BUNDLED_FOLDERS = { "shipped-packs": "rules", "shipped-scenarios": "scenarios" };
const shippedJsonPlugin = {
  name: "shipped-json",
  setup(build) {
    build.onResolve({ filter: /^attune:shipped-(packs|scenarios)$/ }, (args) => ({ path: args.path.slice("attune:".length), namespace: "attune" }));
    build.onLoad({ filter: /.*/, namespace: "attune" }, async (args) => {
      const dir = join(root, BUNDLED_FOLDERS[args.path]);
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
      if (args.path === "shipped-packs") return validatedPacks(dir, files);
      const imports = files.map((f, i) => `import p${i} from ${JSON.stringify(join(dir, f))};`);
      return {
        contents: `${imports.join("\n")}\nexport default [${files.map((_, i) => `p${i}`).join(", ")}];`,
        resolveDir: root,
        watchFiles: files.map((f) => join(dir, f)),
        watchDirs: [dir],
      };
    });
  },
};

/** The engine's pack schema, bundled for Node once per build. */
let packSchema;
async function loadPackSchema() {
  const { outputFiles } = await esbuild.build({
    stdin: { contents: 'export { PackSchema, VALIDATED_AT_BUILD } from "./src/engine/pack-schema.ts"; export { formatIssues } from "./src/engine/validation-errors.ts";', resolveDir: root, loader: "ts" },
    bundle: true, platform: "node", format: "esm", write: false, logLevel: "warning",
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`);
}

/**
 * The shipped packs, validated now (a pack that does not load fails the build, each problem named) and bundled as
 * validated, defaults filled in: the worker takes them as they are instead of validating them at every start.
 */
async function validatedPacks(dir, files) {
  const { PackSchema, VALIDATED_AT_BUILD, formatIssues } = (packSchema ??= await loadPackSchema());
  const packs = [];
  const errors = [];
  for (const file of files) {
    const parsed = PackSchema.safeParse(JSON.parse(readFileSync(join(dir, file), "utf8")));
    if (parsed.success) packs.push(parsed.data);
    else errors.push(...formatIssues(`rules/${file}`, parsed.error).map((text) => ({ text })));
  }
  if (errors.length) return { errors };
  return {
    contents: `const packs = JSON.parse(${JSON.stringify(JSON.stringify(packs))});\nfor (const pack of packs) pack[Symbol.for(${JSON.stringify(Symbol.keyFor(VALIDATED_AT_BUILD))})] = true;\nexport default packs;`,
    loader: "js",
    watchFiles: files.map((f) => join(dir, f)),
    watchDirs: [dir],
  };
}

/** Where a browser's build is written: dist/<browser>, or beside it while a one-off build is being put together. */
const outDir = (browser) => join(root, "dist", watch ? browser : `.next-${browser}-${process.pid}`);
/** The same build granted loopback: dist/loopback/<browser>. */
const loopbackDir = (browser) => join(root, "dist", "loopback", watch ? browser : `.next-${browser}-${process.pid}`);

function extensionOptions(browser) {
  return {
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([out, src]) => [out, join(root, src)])),
    outdir: outDir(browser),
    bundle: true,
    format: "iife",
    target: browser === "chrome" ? "chrome120" : "firefox140",
    minify: !dev,
    sourcemap: dev ? "inline" : "linked",
    legalComments: "none",
    charset: "utf8",
    // WebRTC's VAD (the call page): its WASM bytes bundled into the script, so nothing is fetched to run it.
    loader: { ".wasm": "binary" },
    logLevel: "warning",
    // Build-time constants instead of runtime sniffing.
    define: {
      __BROWSER__: JSON.stringify(browser),
      __DEV__: JSON.stringify(dev),
    },
    plugins: [shippedJsonPlugin, minifiedCssPlugin, zodWithoutLocalesPlugin, writeStaticPlugin(browser)],
  };
}

/**
 * zod ships its error messages in ~40 languages (~250 KB minified), reached through `z.locales`, which Attune never
 * uses (its messages are English, as zod's default locale, and names its own paths): an empty module stands in, so
 * the worker, which loads them at every start, and the pages are that much smaller.
 */
const zodWithoutLocalesPlugin = {
  name: "zod-without-locales",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: "zod-locales", namespace: "attune-empty" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "attune-empty" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

/**
 * `import css from "./overlay.css"` gives the stylesheet's text, minified: the overlay adopts it in its shadow root,
 * and every byte of it counts against the content script's budget.
 */
const minifiedCssPlugin = {
  name: "minified-css",
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await esbuild.transform(readFileSync(args.path, "utf8"), { loader: "css", minify: !dev });
      return { contents: code, loader: "text" };
    });
  },
};

/** After each (re)build: manifest, icons, the store zip, and the loopback build beside it. */
function writeStaticPlugin(browser) {
  return {
    name: "static-files",
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length) return;
        const out = outDir(browser);
        writeFileSync(join(out, "manifest.json"), JSON.stringify(manifestFor(browser), null, 2));
        for (const [from, to] of Object.entries(STATIC)) cpSync(join(root, from), join(out, to), { recursive: true });
        writeZip(out, join(root, "dist", `attune-${browser}-${pkg.version}.zip`));
        // The same files, only the manifest differs: the tests run exactly the code that ships.
        cpSync(out, loopbackDir(browser), { recursive: true });
        writeFileSync(join(loopbackDir(browser), "manifest.json"), JSON.stringify(manifestFor(browser, { loopback: true }), null, 2));
      });
    },
  };
}

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function writeZip(dir, zipPath) {
  const files = {};
  for (const file of listFiles(dir)) files[relative(dir, file).split("\\").join("/")] = readFileSync(file);
  writeFileSync(zipPath, zipSync(files, { level: 9, mtime: new Date("2026-01-01T00:00:00Z") }));
}

const cliOptions = {
  entryPoints: [join(root, "src/cli/attune.ts")],
  outfile: join(root, "dist/cli/attune.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
};

async function main() {
  for (const browser of BROWSERS) for (const dir of [outDir(browser), loopbackDir(browser)]) mkdirSync(dir, { recursive: true });
  const configs = [...BROWSERS.map(extensionOptions), ...(existsSync(cliOptions.entryPoints[0]) ? [cliOptions] : [])];
  if (watch) {
    for (const config of configs) await (await esbuild.context(config)).watch();
    console.log("attune: watching for changes (Ctrl+C to stop)");
    return;
  }
  await Promise.all(configs.map((config) => esbuild.build(config)));
  // A finished build replaces the last in one step: a browser running from dist/ never sees it half written.
  for (const browser of BROWSERS) {
    for (const [built, final] of [[outDir(browser), join(root, "dist", browser)], [loopbackDir(browser), join(root, "dist", "loopback", browser)]]) {
      rmSync(final, { recursive: true, force: true });
      renameSync(built, final);
    }
  }
  console.log(`attune: built dist/chrome, dist/firefox, dist/loopback/*${configs.length > 2 ? ", dist/cli" : ""} (${dev ? "dev" : "production"})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`attune build failed: ${error.message}`);
    process.exit(1);
  });
}
