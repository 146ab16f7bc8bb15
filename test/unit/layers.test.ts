import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { LAYERS } from "../../eslint.config.js";

// The lint keeps the layers of src/: a probe file in each layer imports each other layer, and only the imports the
// layer table allows pass. The table itself says what the architecture is; this checks the lint enforces it.

const eslint = new ESLint();
const layers = Object.keys(LAYERS) as Array<keyof typeof LAYERS>;

async function importProblems(layer: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `src/${layer}/layer-probe.ts` });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.fatal).map((m) => m.message);
}

describe("the layers of src/", () => {
  it("state the architecture: the engine imports nothing, readers only the engine, shared nothing above it", () => {
    expect(LAYERS.engine).toEqual([]);
    expect(LAYERS.adapters).toEqual(["engine"]);
    for (const context of ["content", "teach", "background", "pages", "cli"]) expect(LAYERS.shared).not.toContain(context);
  });

  it.each(layers)("src/%s imports only the layers below it", async (layer) => {
    const allowed: readonly string[] = LAYERS[layer];
    for (const other of layers.filter((l) => l !== layer)) {
      // From a file one folder down too: the rule is about the folder imported, however the path climbs to it.
      for (const path of [`../${other}/some-module.js`, `../../${other}/deeper/some-module.js`]) {
        const problems = await importProblems(layer, `import { x } from "${path}";\nexport const y = x;\n`);
        if (allowed.includes(other)) expect(problems, `${layer} → ${path}`).toEqual([]);
        else expect(problems.join(" "), `${layer} → ${path}`).toContain(`src/${layer} may import only`);
      }
    }
  });

  it("keeps the extension API polyfill out of what runs in Node or in pages", async () => {
    for (const layer of ["engine", "trainer", "adapters", "content", "teach", "cli"]) {
      expect((await importProblems(layer, `import browser from "webextension-polyfill";\nexport default browser;\n`)).join(" ")).toContain("no extension API");
    }
    expect(await importProblems("background", `import browser from "webextension-polyfill";\nexport default browser;\n`)).toEqual([]);
  });
});
