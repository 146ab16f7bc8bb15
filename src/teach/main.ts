import browser from "../shared/injected-api.js";
import type { SelectorSpec } from "../adapters/selector-spec.js";
import { Picker, type Labels, type SaveResult } from "./picker.js";

// Injected into the agent's tab from the popup's "Teach this site". Opened again, it starts over in one picker.

const OPEN = Symbol.for("attune.teach-picker");
const open = (globalThis as { [OPEN]?: Picker })[OPEN];
if (open) open.close();

// The worker's answers are checked by hand, as the content script's are: zod would triple this script.
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");
const isLabels = (value: unknown): value is Labels =>
  typeof value === "object" && value !== null && !Array.isArray(value) && isStrings(Object.values(value));
const isSaveResult = (value: unknown): value is SaveResult =>
  typeof value === "object" && value !== null && ((value as SaveResult).ok === true || ((value as SaveResult).ok === false && isStrings((value as { problems?: unknown }).problems)));
const NOT_UNDERSTOOD: SaveResult = { ok: false, problems: ["Attune: the worker's answer was not understood"] };

void browser.runtime.sendMessage({ type: "teach-setup" }).then((labels: unknown) => {
  if (!isLabels(labels)) throw new Error("Attune: the worker's labels for the picker were not understood");
  (globalThis as { [OPEN]?: Picker })[OPEN] = new Picker(document, labels, async (spec: SelectorSpec) => {
    const result: unknown = await browser.runtime.sendMessage({ type: "save-taught-site", spec });
    return isSaveResult(result) ? result : NOT_UNDERSTOOD;
  });
});
