import shippedPacks from "attune:shipped-packs";
import { compilePacks, createEngine, formatIssues, mergeOverrides, OverridesSchema, restoreEngine, ValidationError, type CompiledPacks, type EngineSnapshot, type Overrides, type Pack, type PushOptions } from "../engine/index.js";
import type { ConversationEvent } from "../engine/conversation.js";
import type { EngineStep, Nudge } from "../engine/nudge.js";
import type { ConversationRef } from "../shared/messages.js";
import { reportProblem } from "./problems.js";
import { interfaceLanguage } from "./settings-cache.js";

/** What the worker needs of the engine for one conversation: the seam where the engine plugs into the extension. */
export interface Coach {
  push(event: ConversationEvent, options?: PushOptions): EngineStep;
  tick(now: number): EngineStep;
  nextDue(): number | undefined;
  nudges(): Nudge[];
  language(): string;
  snapshot(): unknown;
}

export type CoachFactory = (ref: ConversationRef, snapshot?: unknown) => Coach;

/** A pack file with the name its problems are reported under ("imported pack faq-rules", "policy pack 2"). */
export interface NamedPack {
  name: string;
  pack: unknown;
}

/** What a team lead and an administrator add to the shipped packs. */
export interface TeamSources {
  packs: readonly NamedPack[];
  /** The team lead's overrides (options page, storage). */
  overrides: unknown;
  /** The administrator's overrides (policy): applied over the team lead's. */
  managedOverrides: unknown;
}

let compiled: CompiledPacks | undefined;
/** The overrides last applied without a problem: kept when newer ones turn out invalid. */
let lastGoodOverrides: Overrides | undefined;

/** Compiling the packs is the expensive part: once per worker life (and per team change), shared by every conversation. */
function packs(): CompiledPacks {
  compiled ??= compileWhatLoads(shippedPacks, reportProblem);
  return compiled;
}

/** The packs coaching runs on (disabled ones left out). */
export function activePacks(): readonly Pack[] {
  return packs().packs;
}

/** New conversations use the team's packs from now on (conversations already open keep theirs). */
export function installTeamPacks(sources: TeamSources): CompiledPacks {
  const result = compileTeamPacks(shippedPacks, sources, lastGoodOverrides, reportProblem);
  compiled = result.compiled;
  lastGoodOverrides = result.overrides;
  return compiled;
}

/**
 * All packs if they load together; otherwise every pack that loads beside those before it (with the lexicons), each
 * refused pack reported: one broken or clashing pack must not switch coaching off.
 */
export function compileWhatLoads(all: readonly unknown[], report: (problem: string) => void, names: readonly string[] = []): CompiledPacks {
  return compileAsOne(all, undefined, names) ?? compilePacks(packsThatLoad(all, report, names));
}

/**
 * The usual case, everything valid, in one compilation (the worker pays for each one in its cold start); undefined when
 * something does not load, for the caller to find out what.
 */
function compileAsOne(all: readonly unknown[], overrides: Overrides | undefined, names: readonly string[]): CompiledPacks | undefined {
  try {
    return compilePacks(all, overrides, names);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return undefined;
  }
}

function packsThatLoad(all: readonly unknown[], report: (problem: string) => void, names: readonly string[]): unknown[] {
  try {
    compilePacks(all, undefined, names);
    return [...all];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const good: unknown[] = [];
    const goodNames: string[] = [];
    all.forEach((pack, i) => {
      const name = names[i] ?? `pack ${(pack as { id?: unknown })?.id ?? i}`;
      try {
        compilePacks([...good, pack], undefined, [...goodNames, name]);
        good.push(pack);
        goodNames.push(name);
      } catch (problem) {
        report(`Rule pack ${(pack as { id?: unknown })?.id ?? "?"} was not loaded: ${problem instanceof ValidationError ? problem.problems.join("; ") : String(problem)}`);
      }
    });
    return good;
  }
}

/**
 * The shipped packs with the team's packs and overrides. Each pack that does not load is left out and reported;
 * overrides that do not apply (invalid, or naming a rule no loaded pack has) are reported and the last good ones kept.
 */
export function compileTeamPacks(
  shipped: readonly unknown[],
  sources: TeamSources,
  lastGood: Overrides | undefined,
  report: (problem: string) => void,
): { compiled: CompiledPacks; overrides: Overrides | undefined } {
  const all = [...shipped, ...sources.packs.map((p) => p.pack)];
  const names = [...shipped.map((p, i) => `pack ${(p as { id?: unknown })?.id ?? i}`), ...sources.packs.map((p) => p.name)];
  const own = OverridesSchema.safeParse(sources.overrides ?? {});
  const managed = OverridesSchema.safeParse(sources.managedOverrides ?? {});
  if (own.success && managed.success) {
    const overrides = mergeOverrides(own.data, managed.data);
    const compiled = compileAsOne(all, overrides, names);
    if (compiled) return { compiled, overrides };
  }
  const good = packsThatLoad(all, report, names);
  const problems = [
    ...(own.success ? [] : formatIssues("overrides", own.error)),
    ...(managed.success ? [] : formatIssues("policy overrides", managed.error)),
  ];
  if (own.success && managed.success) {
    const overrides = mergeOverrides(own.data, managed.data);
    try {
      return { compiled: compilePacks(good, overrides), overrides };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push(...error.problems);
    }
  }
  report(`Overrides were not applied (${lastGood ? "the last good ones stay" : "the packs run as shipped"}): ${problems.join("; ")}`);
  if (lastGood) {
    try {
      return { compiled: compilePacks(good, lastGood), overrides: lastGood };
    } catch {
      // The last good overrides name a pack that no longer loads: the packs as they are.
    }
  }
  return { compiled: compilePacks(good), overrides: undefined };
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
