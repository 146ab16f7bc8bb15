import shippedPacks from "attune:shipped-packs";
import { compilePacks, createEngine, restoreEngine, ValidationError, type CompiledPacks, type EngineSnapshot } from "../engine/index.js";
import type { ConversationEvent } from "../engine/conversation.js";
import type { EngineStep, Nudge } from "../engine/nudge.js";
import type { ConversationRef } from "../shared/messages.js";
import { reportProblem } from "./problems.js";
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
  compiled ??= compileWhatLoads(shippedPacks, reportProblem);
  return compiled;
}

/**
 * All packs if they load together; otherwise every pack that loads on its own (with the lexicons), each refused pack
 * reported: one broken pack must not switch coaching off.
 */
export function compileWhatLoads(all: readonly unknown[], report: (problem: string) => void): CompiledPacks {
  try {
    return compilePacks(all);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const good = all.filter((pack) => {
      try {
        compilePacks([pack]);
        return true;
      } catch (problem) {
        report(`Rule pack ${(pack as { id?: unknown })?.id ?? "?"} was not loaded: ${problem instanceof ValidationError ? problem.problems[0] : String(problem)}`);
        return false;
      }
    });
    return compilePacks(good);
  }
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
