import browser from "webextension-polyfill";
import type { Stats } from "../shared/stats.js";
import { newAgentLabel, statsFile, type StatsFile, type StatsPeriod } from "../shared/team-stats.js";
import { downloadJson } from "./download.js";

// The agent's side of the team view: their counts as a file for the team lead, under a pseudonymous label.

export const AGENT_LABEL_KEY = "agentLabel";

/** The agent's label: the one they set, else a random one made once and kept (stable for this install). */
export async function agentLabel(): Promise<string> {
  const stored = (await browser.storage.local.get(AGENT_LABEL_KEY))[AGENT_LABEL_KEY];
  if (typeof stored === "string" && stored) return stored;
  const label = newAgentLabel();
  await browser.storage.local.set({ [AGENT_LABEL_KEY]: label });
  return label;
}

/** The export file of this browser's counts, now. */
export async function ownStatsFile(): Promise<StatsFile> {
  const agent = await agentLabel();
  const { stats, statsPeriod } = await browser.storage.local.get(["stats", "statsPeriod"]);
  return statsFile((stats ?? {}) as Stats, (statsPeriod ?? undefined) as StatsPeriod | undefined, agent, Date.now());
}

/** Downloads the export file, named by label and day ("attune-stats-agent-7f3a-2026-12-07.json"). */
export async function downloadOwnStats(doc: Document): Promise<void> {
  const file = await ownStatsFile();
  downloadJson(doc, `attune-stats-${file.agent.replace(/[^\p{L}\p{N}._-]+/gu, "-")}-${file.to.slice(0, 10)}.json`, file);
}
