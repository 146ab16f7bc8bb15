import { z } from "zod";
import { ConversationSchema } from "./conversation.js";
import { OverridesSchema } from "./overrides.js";
import { PackSchema } from "./pack-schema.js";

/** The published JSON Schemas (docs/*.schema.json), generated from the zod schemas the engine validates with. */
export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType, title: string) => ({ title, ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) });
  return {
    "conversation.schema.json": make(ConversationSchema, "Attune conversation"),
    "rule-pack.schema.json": make(PackSchema, "Attune rule pack"),
    "overrides.schema.json": make(OverridesSchema, "Attune overrides"),
  };
}
