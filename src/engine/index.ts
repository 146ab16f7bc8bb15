// The engine's public API: pure TypeScript, no DOM, no extension API.
export { compilePacks, createEngine, restoreEngine, runConversation } from "./engine.js";
export { preparePacks } from "./signals/english-patterns.js";
export type { CompiledPacks, Engine, EngineOptions, EngineSnapshot, PushOptions } from "./engine.js";
export { ConversationSchema, ConversationEventSchema } from "./conversation.js";
export type { Conversation, ConversationEvent, ConversationInput } from "./conversation.js";
export type { EngineStep, Nudge, Outcome, Severity } from "./nudge.js";
export { PackSchema } from "./pack-schema.js";
export type { Pack, Rule } from "./pack-schema.js";
export { mergeOverrides, OverridesSchema } from "./overrides.js";
export type { Overrides } from "./overrides.js";
export { expandEvents } from "./examples.js";
export { ValidationError, formatIssues } from "./validation-errors.js";
export { runRuleExamples } from "./rule-examples.js";
export { inRange, numberRange, paramRange, ruleSettingRange } from "./param-ranges.js";
export type { ParamRange } from "./param-ranges.js";
export type { ExampleResult } from "./rule-examples.js";
export { runSignalExamples } from "./signal-examples.js";
export type { SignalExampleResult } from "./signal-examples.js";
