import browser from "webextension-polyfill";
import shippedPacks from "attune:shipped-packs";
import { compareVersions, compilePacks, failingPackExamples, mergeOverrides, OverridesSchema, packChanges, PackSchema, preparePacks, ValidationError, formatIssues, type CompiledPacks, type Pack, type PackChanges } from "../engine/index.js";
import { NO_POLICY, readManagedPolicy, type ManagedPolicy } from "../shared/managed-policy.js";
import type { TeamPackInfo, TeamState } from "../shared/messages.js";
import { installTeamPacks, type NamedPack } from "./coach.js";
import { currentProblems, reportProblem } from "./problems.js";
import { setSettingsPolicy } from "./settings-cache.js";
import { scheduleTelemetry } from "./telemetry.js";
import { isTeamKey, OVERRIDES_KEY, PACK_PREFIX, TeamStore, type StorageArea, type TeamItem } from "./team-store.js";

// The team lead's packs and overrides (options page, storage.sync or local) and the administrator's policy
// (storage.managed), applied to the coaching: everything saved is validated first, and what is read back is compiled
// leniently (a pack or overrides that no longer load are reported under Problems; the rest, or the last good, stays).

export type SaveResult = { ok: true; item: TeamItem } | { ok: false; problems: string[] };

const store = new TeamStore(browser.storage.sync as unknown as StorageArea, browser.storage.local as unknown as StorageArea);

/**
 * storage.managed looked up on each read, not through the polyfill's cached wrapper, so that a test can stand in for
 * the browser's policy by replacing `chrome.storage.managed.get` in the worker (setting real Chrome policies in a test
 * browser needs files under /etc, shared by every browser on the machine).
 */
function managedArea(): { get(keys: null): Promise<Record<string, unknown>> } {
  const api = (globalThis as { chrome?: { storage?: { managed?: { get(keys: null): Promise<Record<string, unknown>> } } } }).chrome;
  return api?.storage?.managed ?? (browser.storage.managed as unknown as { get(keys: null): Promise<Record<string, unknown>> });
}

let policy: ManagedPolicy = NO_POLICY;
let policyProblems: string[] = [];
let items: TeamItem[] = [];

async function readPolicy(): Promise<void> {
  // No policy installed: Chrome answers {} (Firefox may refuse outright); both mean no policy.
  const raw = await managedArea().get(null).catch(() => ({}));
  const read = readManagedPolicy(raw);
  if ("problems" in read) {
    // The last good policy stays.
    policyProblems = read.problems;
    for (const problem of read.problems) reportProblem(`The administrator's policy was not applied: ${problem}`);
  } else {
    policy = read.policy;
    policyProblems = [];
  }
  setSettingsPolicy(policy);
  // Never in coaching's way: an alarm that cannot be set is tried again at the next read.
  await scheduleTelemetry(browser.alarms, policy.telemetry).catch(() => undefined);
}

/** The administrator's policy as it is now (read again), for what runs outside coaching (the metrics' sends). */
export async function policyNow(): Promise<ManagedPolicy> {
  await readPolicy();
  return policy;
}

const policyPacks = (p: ManagedPolicy): NamedPack[] => p.packs.map((pack, i) => ({ name: `policy pack ${i + 1}`, pack }));
const importedPacks = (): NamedPack[] => items.filter((i) => i.key.startsWith(PACK_PREFIX)).map((i) => ({ name: `imported pack ${i.key.slice(PACK_PREFIX.length)}`, pack: i.value }));
const ownOverrides = () => items.find((i) => i.key === OVERRIDES_KEY)?.value;

/** Reads storage and the policy again and recompiles the packs coaching uses. */
export async function reloadTeam(): Promise<void> {
  await readPolicy();
  items = await store.all();
  const packs = [...policyPacks(policy), ...importedPacks()];
  await preparePacks([...shippedPacks, ...packs.map((p) => p.pack)]);
  installTeamPacks({ packs, overrides: ownOverrides(), managedOverrides: policy.overrides });
}

let ready: Promise<void> | undefined;
/** The first read, once per worker life; conversations wait for it so that the first nudge already uses the team's packs. */
export function teamReady(): Promise<void> {
  ready ??= reloadTeam().catch((error) => reportProblem(`The team's packs could not be read: ${String(error)}`));
  return ready;
}

browser.storage.onChanged.addListener((changes, area) => {
  // Another browser of the team lead's synced a change, the options page saved one, or the policy changed.
  if (area === "managed" || Object.keys(changes).some(isTeamKey)) void teamReady().then(reloadTeam);
});

/** The packs compiled as coaching would use them with these packs and overrides, or every problem, as compilePacks names them. */
function compileWith(packs: readonly NamedPack[], overrides: unknown, overridesFile = "overrides"): { compiled: CompiledPacks } | { problems: string[] } {
  // None saved is none; a file holding null is refused, not taken for none (which would wipe the saved ones).
  const own = OverridesSchema.safeParse(overrides === undefined ? {} : overrides);
  if (!own.success) return { problems: formatIssues(overridesFile, own.error) };
  const managed = OverridesSchema.safeParse(policy.overrides ?? {});
  const merged = managed.success ? mergeOverrides(own.data, managed.data) : own.data;
  const all = [...(shippedPacks as unknown[]).map((pack, i) => ({ name: `pack ${(pack as { id?: string }).id ?? i}`, pack })), ...packs];
  try {
    return { compiled: compilePacks(all.map((p) => p.pack), merged, all.map((p) => p.name), overridesFile) };
  } catch (error) {
    if (error instanceof ValidationError) return { problems: error.problems };
    throw error;
  }
}

/** Every problem a set of packs and overrides would have. */
function problemsOf(packs: readonly NamedPack[], overrides: unknown, overridesFile = "overrides"): string[] {
  const result = compileWith(packs, overrides, overridesFile);
  return "problems" in result ? result.problems : [];
}

const LOCKED = "locked by your organisation's policy";

/** Saves the team lead's overrides if they apply without a problem; otherwise nothing changes. */
export async function saveOverrides(overrides: unknown, file = "overrides"): Promise<SaveResult> {
  await teamReady();
  if (policy.lockOverrides) return { ok: false, problems: [`${file}: ${LOCKED}`] };
  const problems = problemsOf([...policyPacks(policy), ...importedPacks()], overrides, file);
  if (problems.length) return { ok: false, problems };
  const item = await store.save(OVERRIDES_KEY, OverridesSchema.parse(overrides === undefined ? {} : overrides));
  await reloadTeam();
  return { ok: true, item };
}

const parsedPack = (raw: unknown): Pack | undefined => {
  const parsed = PackSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};

/**
 * What installing a pack would do, or why it may not be installed: it must validate; its id may not be a shipped or
 * policy pack's; an imported pack of the same id is replaced only by a newer version; it must compile with the packs
 * it joins and the overrides; and its own examples (rules' and lexicons') must pass among them, its rules on.
 */
async function checkPack(file: string, raw: unknown): Promise<{ ok: true; id: string; changes: PackChanges } | { ok: false; problems: string[] }> {
  await teamReady();
  if (policy.lockOverrides) return { ok: false, problems: [`${file}: ${LOCKED}`] };
  const parsed = PackSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: formatIssues(file, parsed.error) };
  const pack = parsed.data;
  const id = pack.id;
  const taken = [...(shippedPacks as Array<{ id?: string }>), ...policy.packs.map((p) => p as { id?: string })].some((p) => p?.id === id);
  if (taken) return { ok: false, problems: [`${file}: $.id: a pack "${id}" is already installed and cannot be replaced; give this pack another id`] };
  const installedName = `imported pack ${id}`;
  const installed = importedPacks().find((p) => p.name === installedName);
  const replaced = installed ? parsedPack(installed.pack) : undefined;
  if (replaced && compareVersions(pack.version, replaced.version) <= 0) {
    return { ok: false, problems: [`${file}: $.version: version ${replaced.version} of pack "${id}" is imported already; only a newer version replaces it (this file is ${pack.version})`] };
  }
  const others = [...policyPacks(policy), ...importedPacks().filter((p) => p.name !== installedName)];
  await preparePacks([raw]);
  // Its examples run with the pack on, whatever the overrides say of it: a pack switched off raises nothing.
  const own = OverridesSchema.safeParse(ownOverrides() ?? {});
  const overrides = own.success && own.data.packs[id] ? { ...own.data, packs: { ...own.data.packs, [id]: { enabled: true } } } : ownOverrides();
  const result = compileWith([...others, { name: file, pack: raw }], overrides);
  if ("problems" in result) return { ok: false, problems: result.problems };
  const failing = failingPackExamples(result.compiled, id, file);
  if (failing.length) return { ok: false, problems: failing };
  return { ok: true, id, changes: packChanges(pack, result.compiled.packs, replaced) };
}

/** What a pack is and what it would change, before the team lead installs it; or why it would be refused. */
export async function reviewPack(file: string, raw: unknown): Promise<{ ok: true; changes: PackChanges } | { ok: false; problems: string[] }> {
  const checked = await checkPack(file, raw);
  return checked.ok ? { ok: true, changes: checked.changes } : checked;
}

/** Adds (or replaces with a newer version) an imported pack: refused as a whole, with every problem, unless it passes checkPack. */
export async function importPack(file: string, raw: unknown): Promise<SaveResult> {
  const checked = await checkPack(file, raw);
  if (!checked.ok) return checked;
  const item = await store.save(`${PACK_PREFIX}${checked.id}`, raw);
  await reloadTeam();
  return { ok: true, item };
}

export async function removePack(id: string): Promise<{ ok: true } | { ok: false; problems: string[] }> {
  await teamReady();
  if (policy.lockOverrides) return { ok: false, problems: [`${id}: ${LOCKED}`] };
  const problems = problemsOf([...policyPacks(policy), ...importedPacks().filter((p) => p.name !== `imported pack ${id}`)], ownOverrides());
  // Overrides that name the pack's rules would no longer apply: say so instead of dropping them silently.
  if (problems.length) return { ok: false, problems };
  await store.remove(`${PACK_PREFIX}${id}`);
  await reloadTeam();
  return { ok: true };
}

/** What the options page shows: every pack (raw, to compile its preview), where each item is kept, the policy. */
export async function teamState(): Promise<TeamState> {
  await teamReady();
  // The page opening is a good moment to look at the policy again.
  await reloadTeam();
  const info = (pack: unknown, source: TeamPackInfo["source"], item?: TeamItem): TeamPackInfo => ({
    pack,
    source,
    ...(item ? { storage: { area: item.area, bytes: item.bytes, ...(item.reason ? { reason: item.reason } : {}) } } : {}),
  });
  const overridesItem = items.find((i) => i.key === OVERRIDES_KEY);
  return {
    packs: [
      ...(shippedPacks as unknown[]).map((pack) => info(pack, "shipped")),
      ...policy.packs.map((pack) => info(pack, "policy")),
      ...items.filter((i) => i.key.startsWith(PACK_PREFIX)).map((item) => info(item.value, "imported", item)),
    ],
    overrides: overridesItem?.value ?? {},
    ...(overridesItem ? { overridesStorage: { area: overridesItem.area, bytes: overridesItem.bytes, ...(overridesItem.reason ? { reason: overridesItem.reason } : {}) } } : {}),
    policy,
    policyProblems,
    problems: currentProblems(),
  };
}
