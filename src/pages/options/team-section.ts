import { askWorker } from "../ask-worker.js";
import { PackSchema, preparePacks, type CompiledPacks, type Overrides, type Pack, type Rule } from "../../engine/index.js";
import { INTERFACE_LANGUAGES } from "../../shared/locales.js";
import type { TeamPackInfo, TeamState, TeamStorage } from "../../shared/messages.js";
import { downloadJson } from "../download.js";
import { number, t } from "../i18n.js";
import { fillList, h } from "./dom.js";
import { onJsonFileChosen } from "../json-import.js";
import { wirePackImport } from "./pack-import-section.js";
import { fieldProblem, fieldRange, showFieldProblem } from "./field-check.js";
import { renderChanges } from "./changes-list.js";
import { controlValue, ruleEditor, ruleSummary } from "./rule-editor.js";
import { addSignalPhrase, compileDraft, draftChanges, draftFrom, emptyOverrides, resetChange, ruleWithDraft, setPackEnabled, setRuleField, setSignalPhrases, suggestForDraft } from "./team-draft.js";
import { wireSuggest } from "./suggest-section.js";

// The team lead's part of the options page: the packs, each rule's settings and texts, extra phrases, saving as
// overrides (never editing a pack), import and export. Every change is compiled at once; the preview and the examples
// listen for the result.

export type Compiled = { compiled: CompiledPacks } | { problems: string[] };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let state: TeamState;
/** Installed packs that validate, with where they come from. */
let packs: Array<{ pack: Pack; info: TeamPackInfo }> = [];
let draft: Overrides = emptyOverrides();
let savedJson = "{}";
let latest: Compiled = { problems: [] };
/** The installed packs with no change of the team lead's (the administrator's still apply): what the preview compares with. */
let defaults: Compiled = { problems: [] };
const listeners: Array<(compiled: Compiled, defaults: Compiled) => void> = [];

/** Called with the packs as the draft makes them, and as they are by default, now and after every change. */
export function onCompiled(listener: (compiled: Compiled, defaults: Compiled) => void): void {
  listeners.push(listener);
  listener(latest, defaults);
}

const storageNote = (storage: TeamStorage | undefined) =>
  !storage ? "" : storage.area === "sync" ? t("teamInSync") : t(storage.reason === "too-big" ? "teamLocalTooBig" : "teamLocalRefused", number(storage.bytes / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

const sourceName = (info: TeamPackInfo) => t(info.source === "shipped" ? "teamShipped" : info.source === "policy" ? "teamFromPolicy" : "teamImported");

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
/** Compiling takes a moment: typing in a field recompiles once the typing pauses. */
const isDirty = () => JSON.stringify(draft) !== savedJson;

function changed(): void {
  clearTimeout(refreshTimer);
  $("team-status").textContent = isDirty() ? t("teamUnsaved") : "";
  refreshTimer = setTimeout(compileNow, 150);
}

function compileNow(): void {
  latest = compileDraft(packs.map((p) => p.pack), packNames(), draft, state.policy.overrides);
  const problems = "problems" in latest ? latest.problems : [];
  // A field out of its range says so under itself, in words; the problems listed here are the rest.
  const invalid = document.querySelectorAll("#team-rules [aria-invalid=true]").length;
  fillList($("team-problems"), invalid ? [] : problems);
  $<HTMLButtonElement>("team-save").disabled = !!problems.length || !!invalid || state.policy.lockOverrides;
  if (invalid) $("team-status").textContent = t("teamFixFields", number(invalid));
  renderChanges($("team-changes"), draftChanges(draft, installedRules()));
  for (const listener of listeners) listener(latest, defaults);
}

/** The problem (or none) of a number field, shown under it as the team lead types. */
function checkField(control: HTMLInputElement, rule: Rule): void {
  const value = controlValue(control) as number | undefined;
  showFieldProblem(control, fieldProblem(control.dataset.label ?? "", value, fieldRange(rule, control.dataset.field!, ruleWithDraft(rule, draft).params)));
}

function renderPacks(): void {
  const rows = state.packs.map((info) => {
    const parsed = PackSchema.safeParse(info.pack);
    const id = parsed.success ? parsed.data.id : String((info.pack as { id?: unknown })?.id ?? "?");
    const enabled = h("input", { type: "checkbox", checked: draft.packs[id]?.enabled !== false, disabled: !parsed.success, "data-pack": id, "aria-label": t("teamPackEnabled", id) });
    const actions = h("td", {}, h("button", { type: "button", text: t("teamExport"), "aria-label": t("teamExportPack", id), "data-export-pack": id }));
    if (info.source === "imported") actions.append(h("button", { type: "button", text: t("teamRemove"), "aria-label": t("teamRemovePack", id), "data-remove-pack": id }));
    return h(
      "tr",
      { "data-pack-row": id },
      h("td", { text: id }),
      h("td", { text: parsed.success ? parsed.data.version : "" }),
      h("td", { text: parsed.success ? parsed.data.languages.join(", ") : "" }),
      h("td", { text: [sourceName(info), parsed.success ? "" : t("teamPackInvalid"), storageNote(info.storage)].filter(Boolean).join(" — ") }),
      h("td", {}, enabled),
      actions,
    );
  });
  $("team-packs").querySelector("tbody")!.replaceChildren(...rows);
}

function renderRules(): void {
  const open = new Set([...document.querySelectorAll<HTMLDetailsElement>("#team-rules details[open]")].map((d) => d.dataset.rule));
  $("team-rules").replaceChildren(
    ...packs.flatMap(({ pack }) =>
      pack.rules.length ? [h("h4", { text: pack.id }), ...pack.rules.map((rule) => ruleEditor(pack, rule, draft, open.has(rule.id)))] : [],
    ),
  );
}

function renderPhrases(): void {
  const signals = [...new Set([...packs.flatMap(({ pack }) => Object.keys(pack.signals)), ...Object.keys(draft.signals)])].sort();
  const select = $<HTMLSelectElement>("team-signal");
  const current = select.value;
  select.replaceChildren(...signals.map((s) => h("option", { value: s, text: s })));
  if (signals.includes(current)) select.value = current;
  const languages = $<HTMLSelectElement>("team-signal-language");
  if (!languages.options.length) languages.replaceChildren(...INTERFACE_LANGUAGES.map((l) => h("option", { value: l, text: l })));
  const lists = draft.signals[select.value]?.[languages.value] ?? {};
  $<HTMLTextAreaElement>("team-phrases").value = (lists.phrases ?? []).join("\n");
  $<HTMLTextAreaElement>("team-exceptions").value = (lists.exceptions ?? []).join("\n");
}

function renderAll(): void {
  renderPacks();
  renderRules();
  renderPhrases();
  $("team-overrides-storage").textContent = storageNote(state.overridesStorage);
  changed();
}

async function load(next?: TeamState): Promise<void> {
  state = next ?? (await askWorker({ type: "team-state" }));
  packs = state.packs.flatMap((info) => {
    const parsed = PackSchema.safeParse(info.pack);
    return parsed.success ? [{ pack: parsed.data, info }] : [];
  });
  await preparePacks(packs.map((p) => p.pack));
  defaults = compileDraft(packs.map((p) => p.pack), packNames(), emptyOverrides(), state.policy.overrides);
  for (const fieldset of document.querySelectorAll<HTMLFieldSetElement>("fieldset.team-editor")) fieldset.disabled = state.policy.lockOverrides;
  $("team-locked").hidden = !state.policy.lockOverrides;
  fillList($("team-policy-problems"), state.policyProblems);
}

const packNames = () => packs.map((p) => `${sourceName(p.info)} ${p.pack.id}`);
/** The rules of the installed packs that validate: what the other sections name rules from. */
export const installedRules = (): Rule[] => packs.flatMap((p) => p.pack.rules);

const findRule = (id: string) => packs.flatMap((p) => p.pack.rules.map((rule) => ({ pack: p.pack, rule }))).find((r) => r.rule.id === id);

function say(id: string, text: string, problems: readonly string[] = []): void {
  $(id).textContent = text;
  fillList($(`${id}-problems`), problems);
}

export async function wireTeam(initial: TeamState): Promise<void> {
  // Leaving with changes not saved asks first: a closed tab would lose them.
  window.addEventListener("beforeunload", (event) => {
    if (isDirty()) event.preventDefault();
  });
  await load(initial);
  draft = draftFrom(state.overrides);
  savedJson = JSON.stringify(draft);
  renderAll();

  $("team-rules").addEventListener("input", (event) => {
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    const found = control.dataset.rule && control.dataset.field ? findRule(control.dataset.rule) : undefined;
    if (!found) return;
    setRuleField(draft, found.rule, control.dataset.field!, controlValue(control));
    if (control instanceof HTMLInputElement && control.type === "number") checkField(control, found.rule);
    const summary = control.closest("details")?.querySelector("summary");
    if (summary) summary.replaceChildren(...ruleSummary(ruleWithDraft(found.rule, draft), !!draft.rules[found.rule.id]));
    changed();
  });
  $("team-rules").addEventListener("click", (event) => {
    const id = (event.target as HTMLElement).dataset.resetRule;
    if (!id) return;
    delete draft.rules[id];
    renderRules();
    changed();
  });
  $("team-packs").addEventListener("change", (event) => {
    const box = event.target as HTMLInputElement;
    if (!box.dataset.pack) return;
    setPackEnabled(draft, box.dataset.pack, box.checked);
    changed();
  });
  $("team-packs").addEventListener("click", async (event) => {
    const target = event.target as HTMLElement;
    const exported = target.dataset.exportPack;
    if (exported) downloadJson(document, `${exported}.json`, state.packs.find((p) => (p.pack as { id?: string }).id === exported)?.pack);
    const removed = target.dataset.removePack;
    if (removed) {
      const result = await askWorker({ type: "remove-pack", id: removed });
      if (!result.ok) return say("team-pack-status", t("teamRemoveRefused", removed), result.problems);
      await load();
      renderAll();
      say("team-pack-status", t("teamRemoved", removed));
    }
  });
  for (const id of ["team-signal", "team-signal-language"]) $(id).addEventListener("change", renderPhrases);
  for (const [id, list] of [["team-phrases", "phrases"], ["team-exceptions", "exceptions"]] as const) {
    $(id).addEventListener("input", () => {
      setSignalPhrases(draft, $<HTMLSelectElement>("team-signal").value, $<HTMLSelectElement>("team-signal-language").value, list, $<HTMLTextAreaElement>(id).value);
      changed();
    });
  }
  wireSuggest({
    chosen: () => ({ signal: $<HTMLSelectElement>("team-signal").value, language: $<HTMLSelectElement>("team-signal-language").value }),
    suggest: (request) => ("compiled" in latest ? suggestForDraft(latest.compiled, draft, request) : undefined),
    add: (signal, language, phrase) => {
      const added = addSignalPhrase(draft, signal, language, phrase);
      renderPhrases();
      changed();
      return added;
    },
  });

  $("team-save").addEventListener("click", async () => {
    const result = await askWorker({ type: "save-overrides", overrides: draft });
    if (!result.ok) return say("team-status", t("teamSaveRefused"), result.problems);
    savedJson = JSON.stringify(draft);
    await load();
    renderAll();
    say("team-status", t("teamSaved"));
  });
  $("team-discard").addEventListener("click", () => {
    draft = draftFrom(JSON.parse(savedJson));
    renderAll();
  });
  // Everything the team lead changed goes at once: worth a second thought. Nothing is saved until Save.
  $("team-reset-all").addEventListener("click", () => {
    if (!window.confirm(t("teamResetAllConfirm"))) return;
    draft = emptyOverrides();
    renderAll();
    say("team-import-status", t("teamResetAllDone"));
  });
  $("team-changes").addEventListener("click", (event) => {
    const index = (event.target as HTMLElement).dataset.resetChange;
    if (index === undefined) return;
    const change = draftChanges(draft, installedRules())[Number(index)];
    if (!change) return;
    resetChange(draft, change);
    renderRules();
    renderPhrases();
    changed();
  });

  $("team-export-overrides").addEventListener("click", () => downloadJson(document, "attune-overrides.json", draft));
  const refuseImport = (name: string, problem: string) => say("team-import-status", t("teamImportRefused", name), [problem]);
  wirePackImport({
    policy: () => state.policy,
    say: (text, problems) => say("team-pack-status", text, problems),
    installed: async (storage) => {
      await load();
      renderAll();
      return storageNote(storage);
    },
  });
  onJsonFileChosen($<HTMLInputElement>("team-import-overrides"), async (file) => {
    const result = await askWorker({ type: "save-overrides", overrides: file.json, file: file.name });
    if (!result.ok) return say("team-import-status", t("teamImportRefused", file.name), result.problems);
    await load();
    draft = draftFrom(state.overrides);
    savedJson = JSON.stringify(draft);
    renderAll();
    say("team-import-status", `${t("teamImported_overrides", file.name)} ${storageNote(state.overridesStorage)}`);
  }, refuseImport);
}
