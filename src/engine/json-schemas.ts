import { z } from "zod";
import { ConversationSchema } from "./conversation.js";
import { OverridesSchema } from "./overrides.js";
import { PackSchema } from "./pack-schema.js";
import { ruleKind, ruleKindIds } from "./rule-kinds/index.js";

const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

/**
 * The pack schema with each rule kind's params under it: a rule's params are checked by its kind (the pack's zod
 * schema takes any record, then the kind's schema parses it), so an editor validating with the JSON Schema sees the
 * same ranges the engine enforces.
 */
function packSchema(): Record<string, unknown> {
  const schema = toJson(PackSchema) as unknown as { properties: { rules: { items: Record<string, unknown> } } };
  schema.properties.rules.items.allOf = ruleKindIds().map((id) => {
    const { $schema: _, ...params } = toJson(ruleKind(id)!.params) as Record<string, unknown>;
    return { if: { properties: { kind: { const: id } }, required: ["kind"] }, then: { properties: { params } } };
  });
  return schema;
}

/** The published JSON Schemas (docs/*.schema.json), generated from the zod schemas the engine validates with. */
export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType, title: string) => ({ title, ...toJson(schema) });
  return {
    "conversation.schema.json": make(ConversationSchema, "Attune conversation"),
    "rule-pack.schema.json": { title: "Attune rule pack", ...packSchema() },
    "overrides.schema.json": make(OverridesSchema, "Attune overrides"),
  };
}
