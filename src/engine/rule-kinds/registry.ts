import type { RuleKind } from "./rule-kind.js";

const kinds = new Map<string, RuleKind<unknown>>();

/** Each kind's file makes exactly one of these calls; the kind's id is its file name. */
export function defineRuleKind<P>(kind: RuleKind<P>): RuleKind<P> {
  if (kinds.has(kind.id)) throw new Error(`Rule kind "${kind.id}" is defined twice`);
  kinds.set(kind.id, kind as RuleKind<unknown>);
  return kind;
}

export function ruleKind(id: string): RuleKind<unknown> | undefined {
  return kinds.get(id);
}

export function ruleKindIds(): string[] {
  return [...kinds.keys()].sort();
}
