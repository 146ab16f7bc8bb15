import browser from "webextension-polyfill";
import { overlayLabels } from "../../shared/overlay-setup.js";
import { askWorker } from "../ask-worker.js";
import shippedPacks from "attune:shipped-packs";
import { Overlay } from "../../overlay/overlay.js";
import type { Nudge } from "../../engine/nudge.js";
import { effectiveSettings } from "../../shared/managed-policy.js";
import { SettingsSchema, type Settings } from "../../shared/settings.js";
import { numberRange, ruleName, type Rule } from "../../engine/index.js";
import { localizePage, number, t } from "../i18n.js";
import { wireExamples } from "./examples-section.js";
import { fieldProblem, showFieldProblem } from "./field-check.js";
import { lockManagedSettings } from "./managed-lock.js";
import { wirePreview } from "./preview-section.js";
import { wireSections } from "./sections.js";
import { wireStats } from "./stats-section.js";
import { renderTaughtSites, wireTaughtSites } from "./taught-sites-section.js";
import { wireTeam } from "./team-section.js";
import { wireTeamView } from "./team-view-section.js";

const form = document.getElementById("settings") as HTMLFormElement;
const field = <T extends HTMLInputElement | HTMLSelectElement>(name: string) => form.elements.namedItem(name) as T;
const SEVERITIES = ["tip", "warn", "alert"] as const;
const NUMBER_SETTINGS = ["maxPerFiveMinutes", "autoHideSeconds"] as const;

/**
 * A number setting's problem, in words under its field (its range from the settings schema), or none; true when it
 * is fine.
 */
function checkSetting(name: (typeof NUMBER_SETTINGS)[number]): boolean {
  const input = field<HTMLInputElement>(name);
  const label = input.closest("label")?.querySelector("span")?.textContent ?? name;
  const value = input.value.trim() === "" ? Number.NaN : Number(input.value);
  const problem = fieldProblem(label, value, numberRange(SettingsSchema.shape[name]));
  showFieldProblem(input, problem);
  return !problem;
}

function fill(settings: Settings): void {
  field<HTMLSelectElement>("interfaceLanguage").value = settings.interfaceLanguage;
  field<HTMLInputElement>("maxPerFiveMinutes").value = String(settings.maxPerFiveMinutes);
  for (const s of SEVERITIES) field<HTMLInputElement>(`severity-${s}`).checked = settings.severities.includes(s);
  field<HTMLInputElement>("quiet").checked = settings.quiet;
  field<HTMLInputElement>("autoHideSeconds").value = String(settings.autoHideSeconds);
}

function read(): unknown {
  return {
    interfaceLanguage: field<HTMLSelectElement>("interfaceLanguage").value,
    maxPerFiveMinutes: Number(field<HTMLInputElement>("maxPerFiveMinutes").value),
    severities: SEVERITIES.filter((s) => field<HTMLInputElement>(`severity-${s}`).checked),
    quiet: field<HTMLInputElement>("quiet").checked,
    autoHideSeconds: Number(field<HTMLInputElement>("autoHideSeconds").value),
  };
}

/** What an agent would see, drawn by the overlay itself, in the chosen language. */
function preview(language: string): void {
  const rule = (shippedPacks as Array<{ rules?: Array<Pick<Rule, "id" | "name"> & { message: Record<string, string>; suggestion: Record<string, string> }> }>)
    .flatMap((p) => p.rules ?? [])
    .find((r) => r.id === "acknowledge-frustration");
  const mount = document.getElementById("preview")!;
  mount.replaceChildren();
  if (!rule) return;
  const nudge: Nudge = {
    rule: rule.id, pack: "active-listening", event: 0, at: 0, severity: "warn", priority: 90, outcome: "open",
    message: rule.message[language] ?? rule.message.en!, suggestion: rule.suggestion[language] ?? rule.suggestion.en!,
  };
  const noop = () => undefined;
  new Overlay(document, {
    labels: overlayLabels(t),
    autoHideSeconds: 0, compact: false, avoid: () => [], mountIn: mount,
    onFeedback: noop, onDismiss: noop, onMove: noop, onCompactChange: noop,
    ruleName: () => ruleName(rule, language),
  }).update([nudge], []);
}

async function main(): Promise<void> {
  const language = await localizePage(document);
  wireSections(document);
  const [{ settings }, team] = await Promise.all([browser.storage.local.get("settings"), askWorker({ type: "team-state" })]);
  // What the agent gets: their own settings under the administrator's policy, locked ones shown but not editable.
  fill(effectiveSettings(settings, team.policy));
  lockManagedSettings(form, team.policy);
  preview(language);
  wireTaughtSites();
  await renderTaughtSites();
  await wireTeam(team);
  await wirePreview(language);
  wireExamples();
  await wireStats();
  await wireTeamView();
  form.addEventListener("input", (event) => {
    const name = (event.target as HTMLInputElement).name;
    if ((NUMBER_SETTINGS as readonly string[]).includes(name)) checkSetting(name as (typeof NUMBER_SETTINGS)[number]);
  });
  form.addEventListener("change", async () => {
    const status = document.getElementById("status")!;
    // An invalid value is refused and what was saved stays: the agent sees why, at the field.
    const invalid = NUMBER_SETTINGS.filter((name) => !checkSetting(name)).length;
    if (invalid) {
      status.textContent = t("teamFixFields", number(invalid));
      return;
    }
    const parsed = SettingsSchema.safeParse(read());
    if (!parsed.success) {
      status.textContent = t("optionsInvalid", parsed.error.issues.map((i) => i.path.join(".")).join(", "));
      return;
    }
    await browser.storage.local.set({ settings: parsed.data });
    preview(await localizePage(document));
    status.textContent = t("optionsSaved");
  });
}

void main();
