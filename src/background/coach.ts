import type { ConversationEvent } from "../engine/conversation.js";
import type { EngineStep, Nudge } from "../engine/nudge.js";
import type { ConversationRef } from "../shared/messages.js";
import { createFirstRuleCoach } from "./first-rule.js";

/** What the worker needs of the engine for one conversation: the seam where the engine plugs into the extension. */
export interface Coach {
  push(event: ConversationEvent): EngineStep;
  nudges(): Nudge[];
  snapshot(): unknown;
}

export type CoachFactory = (ref: ConversationRef, snapshot?: unknown) => Coach;

export const createCoach: CoachFactory = createFirstRuleCoach;
