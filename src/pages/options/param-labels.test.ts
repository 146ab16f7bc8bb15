import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tunableParams } from "./team-draft.js";
import { paramLabelKey } from "./param-labels.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as unknown;

describe("the labels of rule settings", () => {
  it("name every setting of every shipped rule in every interface language", () => {
    const pack = json("rules/active-listening.json") as { rules: Array<{ id: string; params: Record<string, unknown> }> };
    const keys = pack.rules.flatMap((rule) => tunableParams(rule.params).map(({ path }) => [rule.id, path, paramLabelKey(path, rule.params)] as const));
    expect(keys.map(([, , key]) => key)).toContain("param_threshold_talkShare");
    for (const language of ["en", "it", "ro", "fa"]) {
      const messages = json(`_locales/${language}/messages.json`) as Record<string, unknown>;
      expect(keys.filter(([, , key]) => !(key in messages)).map(([rule, path]) => `${language} ${rule} ${path}`)).toEqual([]);
    }
  });
});
