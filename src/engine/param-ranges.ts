import type { z } from "zod";
import { RuleSchema } from "./pack-schema.js";
import { ruleKind } from "./rule-kinds/index.js";

/** The values a numeric param may take: what an editor says next to its field, read from the kind's own schema. */
export interface ParamRange {
  min: number | undefined;
  max: number | undefined;
  integer: boolean;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Of a union's branches, the one `value` is meant for: in a discriminated union the branch its discriminator names;
 * otherwise the first whose fixed (literal) fields `value` has or leaves out. A value out of range still finds its
 * branch, which is the point: the range is what to tell the person who typed it.
 */
function branchFor(def: Def, value: Record<string, unknown>): z.ZodType | undefined {
  const literalsMatch = (option: z.ZodType) => {
    const shape = defOf(unwrap(option)).shape ?? {};
    return Object.entries(shape).every(([key, field]) => {
      const fieldDef = defOf(unwrap(field));
      if (fieldDef.type !== "literal") return true;
      return def.discriminator === key ? fieldDef.values!.includes(value[key]) : value[key] === undefined || fieldDef.values!.includes(value[key]);
    }) && (!def.discriminator || def.discriminator in shape);
  };
  for (const option of def.options ?? []) {
    const inner = defOf(unwrap(option));
    if (inner.type === "union") {
      const nested = branchFor(inner, value);
      if (nested) return nested;
    } else if (literalsMatch(option)) return option;
  }
  return undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); def.innerType && ["optional", "nonoptional", "default", "nullable", "prefault", "readonly"].includes(def.type); def = defOf(current)) current = def.innerType;
  return current;
}

/** The range a number of the schema takes, or undefined where it is no number. */
export function numberRange(schema: z.ZodType | undefined): ParamRange | undefined {
  if (!schema) return undefined;
  const number = unwrap(schema) as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean; _zod: { def: Def } };
  if (number._zod.def.type !== "number") return undefined;
  const finite = (n: number | null) => (n === null || !Number.isFinite(n) || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n);
  return { min: finite(number.minValue), max: finite(number.maxValue), integer: number.isInt };
}

/** The range of a rule's own numeric setting (`cooldownSeconds`, `maxPerConversation`), from the pack schema. */
export const ruleSettingRange = (name: "cooldownSeconds" | "maxPerConversation"): ParamRange | undefined => numberRange(RuleSchema.shape[name]);

/**
 * The range of the numeric param at `path` ("threshold", "call.threshold") of a rule of `kind` with these params, or
 * undefined where the kind has no such number.
 */
export function paramRange(kind: string, params: Record<string, unknown>, path: string): ParamRange | undefined {
  let schema = ruleKind(kind)?.params as z.ZodType | undefined;
  let value: unknown = params;
  for (const key of path.split(".")) {
    if (!schema) return undefined;
    schema = unwrap(schema);
    let def = defOf(schema);
    if (def.type === "union") {
      schema = branchFor(def, (value ?? {}) as Record<string, unknown>);
      if (!schema) return undefined;
      def = defOf(unwrap(schema));
    }
    schema = def.shape?.[key];
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return numberRange(schema);
}

/** Whether `value` lies in the range. */
export const inRange = (value: number, range: ParamRange) =>
  Number.isFinite(value) && (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max) && (!range.integer || Number.isInteger(value));
