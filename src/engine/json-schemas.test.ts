import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "./json-schemas.js";

describe("the published JSON Schemas", () => {
  it.each(Object.entries(jsonSchemas()))("docs/%s is up to date (regenerate: npm run build && npx attune schemas --write docs)", (name, schema) => {
    const published = JSON.parse(readFileSync(join(__dirname, "..", "..", "docs", name), "utf8"));
    expect(published).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  it("hold each rule kind's params with the ranges the engine enforces: a talk share is between 0.05 and 0.95", () => {
    type Node = { if?: { properties: { kind: { const: string } } }; then?: { properties: { params: { oneOf: Node[] } } }; properties?: Record<string, Node & { const?: string; minimum?: number; maximum?: number }> };
    const pack = jsonSchemas()["rule-pack.schema.json"] as { properties: { rules: { items: { allOf: Node[] } } } };
    const kinds = pack.properties.rules.items.allOf.map((branch) => branch.if!.properties.kind.const);
    expect(kinds).toEqual(expect.arrayContaining(["metric", "no-reply-within", "overlap", "consecutive", "not-yet-said"]));
    const metric = pack.properties.rules.items.allOf.find((branch) => branch.if!.properties.kind.const === "metric")!;
    const talkShare = metric.then!.properties.params.oneOf.find((branch) => branch.properties!.measure!.const === "talk-share")!;
    expect(talkShare.properties!.threshold).toMatchObject({ minimum: 0.05, maximum: 0.95 });
  });
});
