import browser from "../content/extension-api.js";
import type { SelectorSpec } from "../adapters/selector-spec.js";
import { Picker, type Labels, type SaveResult } from "./picker.js";

// Injected into the agent's tab from the popup's "Teach this site". Opened again, it starts over in one picker.

const OPEN = Symbol.for("attune.teach-picker");
const open = (globalThis as { [OPEN]?: Picker })[OPEN];
if (open) open.close();

void (browser.runtime.sendMessage({ type: "teach-setup" }) as Promise<Labels>).then((labels) => {
  (globalThis as { [OPEN]?: Picker })[OPEN] = new Picker(document, labels, (spec: SelectorSpec) =>
    browser.runtime.sendMessage({ type: "save-taught-site", spec }) as Promise<SaveResult>,
  );
});
