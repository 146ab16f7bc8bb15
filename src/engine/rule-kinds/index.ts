// Every rule kind registers itself on import. Add a kind only where no combination of these can say the rule.
import "./consecutive.js";
import "./expect-reply.js";
import "./metric.js";
import "./no-reply-within.js";
import "./not-yet-said.js";
import "./on-signal.js";
import "./overlap.js";

export { ruleKind, ruleKindIds } from "./registry.js";
export type { OutcomeSpec, RuleBehaviour, RuleKind, TurnView } from "./rule-kind.js";
