import shippedPacks from "attune:shipped-packs";
import { compilePacks, createEngine, restoreEngine, type CompiledPacks, type EngineSnapshot } from "../engine/index.js";
import type { ConversationEvent } from "../engine/conversation.js";
import type { EngineStep, Nudge } from "../engine/nudge.js";
import type { ConversationRef } from "../shared/messages.js";
import { interfaceLanguage } from "./settings-cache.js";

/** What the worker needs of the engine for one conversation: the seam where the engine plugs into the extension. */
export interface Coach {
  push(event: ConversationEvent): EngineStep;
  nudges(): Nudge[];
  language(): string;
  snapshot(): unknown;
}

export type CoachFactory = (ref: ConversationRef, snapshot?: unknown) => Coach;

let compiled: CompiledPacks | undefined;

/** Compiling the packs is the expensive part: once per worker life, shared by every conversation. */
function packs(): CompiledPacks {
  compiled ??= compilePacks(shippedPacks);
  return compiled;
}

export const createCoach: CoachFactory = (ref, snapshot) => {
  const options = {
    channel: ref.channel,
    language: ref.language,
    customerName: ref.customerName,
    interfaceLanguage: interfaceLanguage(),
  };
  return snapshot === undefined ? createEngine(packs(), options) : restoreEngine(packs(), options, snapshot as EngineSnapshot);
};
