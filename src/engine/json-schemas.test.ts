import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "./json-schemas.js";

describe("the published JSON Schemas", () => {
  it.each(Object.entries(jsonSchemas()))("docs/%s is up to date (regenerate: npm run build && npx attune schemas --write docs)", (name, schema) => {
    const published = JSON.parse(readFileSync(join(__dirname, "..", "..", "docs", name), "utf8"));
    expect(published).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});
