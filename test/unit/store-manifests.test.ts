// @vitest-environment jsdom
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/browser.mjs";
import { registeredAdapters } from "../../src/adapters/index.js";

interface Manifest {
  version: string;
  host_permissions: string[];
  optional_host_permissions?: string[];
  content_scripts: Array<{ matches: string[] }>;
}

/** What the tests and the demo need besides the consoles: pages served from this machine. */
const LOOPBACK_HOSTS = ["http://127.0.0.1/*", "http://localhost/*"];

const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

/** The manifest inside a store zip, as the store (and the agent's install prompt) will see it. */
function zippedManifest(browser: string): Manifest {
  const zip = join(ROOT, "dist", `attune-${browser}-${version}.zip`);
  if (!existsSync(zip)) throw new Error(`${zip} is missing: run \`npm run build\` first (npm test does).`);
  return JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(zip))["manifest.json"])) as Manifest;
}

/** Every console adapter's hosts, as match patterns. */
const consoleHosts = registeredAdapters()
  .flatMap((adapter) => adapter.spec?.hosts ?? [])
  .map((host) => `https://${host}/*`)
  .sort();

describe.each(["chrome", "firefox"])("the %s store build", (browser) => {
  const manifest = zippedManifest(browser);

  it("reads the consoles' hosts and nothing else: no loopback, no site at large", () => {
    expect([...manifest.host_permissions].sort()).toEqual(consoleHosts);
    for (const script of manifest.content_scripts) expect([...script.matches].sort()).toEqual(consoleHosts);
  });

  it("grants every host an adapter names, so every adapter can run where it is meant to", () => {
    const granted = new Set(manifest.host_permissions);
    const missing = registeredAdapters().flatMap((adapter) => (adapter.spec?.hosts ?? []).filter((host) => !granted.has(`https://${host}/*`)).map((host) => `${adapter.id}: ${host}`));
    expect(missing).toEqual([]);
  });

  it("asks for any other site only when the agent teaches it", () => {
    expect(manifest.optional_host_permissions).toEqual(["https://*/*", "http://*/*"]);
  });

  it("has a loopback twin for the demo and the tests that differs only by loopback", () => {
    const twin = JSON.parse(readFileSync(join(ROOT, "dist", "loopback", browser, "manifest.json"), "utf8")) as Manifest;
    expect(twin.host_permissions).toEqual([...manifest.host_permissions, ...LOOPBACK_HOSTS]);
    expect(twin.content_scripts.map((s) => s.matches)).toEqual(manifest.content_scripts.map((s) => [...s.matches, ...LOOPBACK_HOSTS]));
    const rest = (m: Manifest) => ({ ...m, host_permissions: undefined, content_scripts: m.content_scripts.map((s) => ({ ...s, matches: undefined })) });
    expect(rest(twin)).toEqual(rest(manifest));
  });
});
