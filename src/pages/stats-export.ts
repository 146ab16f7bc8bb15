import browser from "webextension-polyfill";
import { agentLabelIn, statsFile, storedCounts, type StatsFile } from "../shared/team-stats.js";
import { downloadJson } from "./download.js";

// The agent's side of the team view: their counts as a file for the team lead, under a pseudonymous label.

/** The agent's label in this browser (made on first use). */
export const agentLabel = (): Promise<string> => agentLabelIn(browser.storage.local);

/** The export file of this browser's counts, now. */
export async function ownStatsFile(): Promise<StatsFile> {
  const agent = await agentLabel();
  const { stats, period } = await storedCounts(browser.storage.local);
  return statsFile(stats, period, agent, Date.now());
}

/** Downloads the export file, named by label and day ("attune-stats-agent-7f3a-2026-12-07.json"). */
export async function downloadOwnStats(doc: Document): Promise<void> {
  const file = await ownStatsFile();
  downloadJson(doc, `attune-stats-${file.agent.replace(/[^\p{L}\p{N}._-]+/gu, "-")}-${file.to.slice(0, 10)}.json`, file);
}
