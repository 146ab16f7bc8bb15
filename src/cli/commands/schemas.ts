import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { jsonSchemas } from "../../engine/json-schemas.js";
import { statsFileJsonSchema } from "../../shared/team-stats.js";
import { scenarioJsonSchema } from "../../trainer/scenario.js";
import { parseArgs } from "../args.js";

export const usage = "attune schemas [--write FOLDER]";

/** Prints the JSON Schemas of conversations, rule packs, overrides, trainer scenarios and statistics exports, or writes them (docs/ holds the published ones). */
export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const args = parseArgs(argv, ["write"], []);
  const folder = args.options.get("write")?.[0];
  for (const [name, schema] of Object.entries({ ...jsonSchemas(), "scenario.schema.json": scenarioJsonSchema(), "team-stats.schema.json": statsFileJsonSchema() })) {
    const text = `${JSON.stringify(schema, null, 2)}\n`;
    if (folder) {
      writeFileSync(join(folder, name), text);
      out(`wrote ${join(folder, name)}`);
    } else {
      out(`// ${name}\n${text}`);
    }
  }
  return 0;
}
