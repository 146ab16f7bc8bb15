import type { ManagedPolicy } from "../../shared/managed-policy.js";
import type { Settings } from "../../shared/settings.js";
import { t } from "../i18n.js";
import { h } from "./dom.js";

/** The form controls of each setting (severities has one per severity). */
const CONTROLS: Record<keyof Settings, string[]> = {
  interfaceLanguage: ["interfaceLanguage"],
  maxPerFiveMinutes: ["maxPerFiveMinutes"],
  severities: ["severity-tip", "severity-warn", "severity-alert"],
  quiet: ["quiet"],
  autoHideSeconds: ["autoHideSeconds"],
};

/** Settings the administrator locked: shown with their value, disabled, and saying why. */
export function lockManagedSettings(form: HTMLFormElement, policy: ManagedPolicy): void {
  for (const setting of policy.lockedSettings) {
    for (const name of CONTROLS[setting] ?? []) {
      const control = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
      if (!control) continue;
      control.disabled = true;
      control.dataset.locked = "true";
      control.closest("label")?.append(h("span", { className: "locked-note", text: t("optionsLockedByPolicy") }));
    }
  }
}
