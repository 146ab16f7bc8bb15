import shippedPacks from "attune:shipped-packs";
import shippedScenarios from "attune:shipped-scenarios";
import { compilePacks, preparePacks, type CompiledPacks } from "../../engine/index.js";
import { Replay } from "../../trainer/replay.js";
import { variantConversation, type Scenario } from "../../trainer/scenario.js";
import { localizePage, number, t, tIsolated } from "../i18n.js";
import { clockTime } from "../scorecard-panel.js";
import { downloadJson } from "../download.js";
import { openHandout, wireHandout } from "./handout-page.js";
import { addImported, importScenario, loadLibrary, problemLines, removeImported, type Entry } from "./library.js";
import { Player, SPEEDS } from "./player.js";
import { Practice } from "./practice.js";
import { ReplayPane } from "./replay-pane.js";
import { scenarioTemplate, ScenarioEditor } from "./scenario-editor.js";

type Mode = "replay" | "side" | "practice";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);

let packs: CompiledPacks;
let language = "en";
let entries: Entry[] = [];
let practice: Practice | undefined;
/** The practice's reply box: taken from the page once, then placed in each practice's pane. */
let composer: HTMLElement;
let editor: ScenarioEditor;
const player = new Player(showClock);

const current = (): Entry | undefined => entries.find((e) => e.key === $<HTMLSelectElement>("scenario").value) ?? entries[0];
const mode = (): Mode => (document.querySelector<HTMLInputElement>("input[name=mode]:checked")?.value as Mode | undefined) ?? "replay";

function showProblems(lines: string[]): void {
  $("problems").replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }),
  );
  $("problems-section").hidden = !lines.length;
}

function option(value: string, text: string): HTMLOptionElement {
  const item = document.createElement("option");
  item.value = value;
  item.textContent = text;
  return item;
}

function fillScenarios(selected?: string): void {
  const select = $<HTMLSelectElement>("scenario");
  const group = (label: string, imported: boolean) => {
    const optgroup = document.createElement("optgroup");
    optgroup.label = label;
    optgroup.append(...entries.filter((e) => e.imported === imported).map((e) => option(e.key, `${e.scenario.title} (${e.scenario.language}, ${e.scenario.channel})`)));
    return optgroup;
  };
  select.replaceChildren(group(t("trainerShipped"), false), ...(entries.some((e) => e.imported) ? [group(t("trainerImportedGroup"), true)] : []));
  if (selected && entries.some((e) => e.key === selected)) select.value = selected;
}

function fillVariants(scenario: Scenario): void {
  const ids = scenario.variants.map((v) => v.id);
  const pick = (preferred: string, fallback: number) => (ids.includes(preferred) ? preferred : ids[Math.min(fallback, ids.length - 1)]!);
  for (const [id, preferred, fallback] of [["variant", "poor", 0], ["left", "good", 0], ["right", "poor", 1]] as const) {
    const select = $<HTMLSelectElement>(id);
    const keep = select.value;
    select.replaceChildren(...scenario.variants.map((v) => option(v.id, v.label)));
    select.value = ids.includes(keep) ? keep : pick(preferred, fallback);
  }
}

function pane(scenario: Scenario, variantId: string): ReplayPane {
  const variant = scenario.variants.find((v) => v.id === variantId)!;
  const replay = new Replay(packs, variantConversation(scenario, variantId), language);
  const shown = new ReplayPane(document, replay, variant.label, `${scenario.id}-${variant.id}`, (at, moment) => {
    player.seek(moment.at);
    at.highlight(moment.event);
  });
  shown.offerHandout(() => openHandout({ packs, language, scenario, subject: variant.label, fileName: `${scenario.id}-${variant.id}`, conversation: variantConversation(scenario, variantId), onOpen: () => player.pause() }));
  return shown;
}

/** Builds the panes for the chosen scenario, mode and variants. */
function rebuild(): void {
  practice?.stop();
  practice = undefined;
  const entry = current();
  const chosen = mode();
  document.body.dataset.mode = chosen;
  $("variant-field").hidden = chosen !== "replay";
  $("side-fields").hidden = chosen !== "side";
  $("playback").hidden = chosen === "practice";
  $("practice").hidden = chosen !== "practice";
  $("export-practice").hidden = true;
  if (!entry) {
    $("panes").replaceChildren();
    return;
  }
  const { scenario } = entry;
  $("delete-scenario").hidden = !entry.imported;
  $("description").textContent = scenario.description;
  const panes =
    chosen === "replay" ? [pane(scenario, $<HTMLSelectElement>("variant").value)]
    : chosen === "side" ? [pane(scenario, $<HTMLSelectElement>("left").value), pane(scenario, $<HTMLSelectElement>("right").value)]
    : [];
  if (chosen === "practice") {
    preparePractice(scenario);
    return;
  }
  $("panes").replaceChildren(...panes.map((p) => p.element));
  player.load(panes);
}

function preparePractice(scenario: Scenario): void {
  const part = <T extends HTMLElement>(id: string) => composer.querySelector<T>(`#${id}`)!;
  const controls = {
    reply: part<HTMLTextAreaElement>("reply"), send: part<HTMLButtonElement>("send"), hint: part<HTMLButtonElement>("hint"),
    finish: part<HTMLButtonElement>("finish"), hintBox: part("hint-box"), status: $("practice-status"),
  };
  controls.reply.value = "";
  controls.reply.disabled = controls.send.disabled = controls.hint.disabled = controls.finish.disabled = true;
  controls.hintBox.hidden = true;
  controls.status.textContent = t("trainerPracticeIntro");
  practice = new Practice(document, packs, scenario, language, t, controls, () => player.speed, () => {
    $("export-practice").hidden = false;
    $("try-again").focus({ preventScroll: true });
    practice?.pane.element.querySelector(".scorecard-mount")?.scrollIntoView({ block: "nearest" });
  });
  practice.pane.placeComposer(composer);
  const { replay } = practice.pane;
  practice.pane.offerHandout(() =>
    openHandout({ packs, language, scenario, subject: t("trainerPracticeLabel"), fileName: `${scenario.id}-practice`, conversation: { ...replay.conversation, endAt: replay.time } }),
  );
  $("panes").replaceChildren(practice.pane.element);
  $("start-practice").hidden = false;
  $("try-again").hidden = true;
  player.load([]);
}

function startPractice(): void {
  $("start-practice").hidden = true;
  $("try-again").hidden = false;
  practice?.start();
}

/**
 * Space plays or pauses, → steps, for a trainer at the front of the room; not while typing, choosing from a list or
 * reading the scorecard. A focused button or box would take the key too (Space clicks it): the page keeps it.
 */
function playbackKeys(event: KeyboardEvent): void {
  const target = event.target as HTMLElement;
  if (mode() === "practice" || !$("handout").hidden || !$("editor").hidden || event.altKey || event.ctrlKey || event.metaKey) return;
  if (target.closest("textarea, select, [contenteditable]") || (target instanceof HTMLInputElement && !["checkbox", "radio"].includes(target.type))) return;
  if (event.key === " ") {
    event.preventDefault();
    if (!event.repeat) {
      if (player.playing) player.pause();
      else player.play();
    }
  } else if (event.key === "ArrowRight") {
    event.preventDefault();
    player.step();
  }
}

function showClock(p: Player): void {
  $("clock").textContent = t("trainerClock", clockTime(p.time), clockTime(p.end));
  $("play").textContent = p.playing ? t("trainerPause") : t("trainerPlay");
  $("play").setAttribute("aria-pressed", String(p.playing));
  document.body.dataset.done = String(p.done);
}

/** The editor in place of the replay (or back): the library's buttons stay, to import or open another. */
function showEditor(start?: unknown): void {
  player.pause();
  practice?.stop();
  $("editor").hidden = start === undefined;
  if (start === undefined) {
    delete document.body.dataset.editing;
    rebuild();
    $("new-scenario").focus();
    return;
  }
  document.body.dataset.editing = "true";
  editor.open(start);
}

/** A copy to edit: a trainer's own scenario keeps its id (saving replaces it), a shipped one gets a new one. */
function copyToEdit(entry: Entry): unknown {
  const copy = structuredClone(entry.scenario);
  if (!entry.imported) copy.id = `${copy.id.slice(0, 55)}-copy`;
  return copy;
}

async function importFiles(files: FileList | null): Promise<void> {
  const problems: string[] = [];
  let last: Entry | undefined;
  for (const file of files ?? []) {
    try {
      last = await importScenario(entries, file);
    } catch (error) {
      problems.push(...problemLines(error));
    }
  }
  showProblems(problems);
  if (last) {
    fillScenarios(last.key);
    fillVariants(last.scenario);
    $("import-status").replaceChildren(...tIsolated(document, "trainerImported", last.scenario.title));
    rebuild();
  }
}

function wire(): void {
  const speed = $<HTMLSelectElement>("speed");
  speed.replaceChildren(...SPEEDS.map((s) => option(String(s), `${number(s)}×`)));
  const wanted = Number(params.get("speed"));
  player.speed = (SPEEDS as readonly number[]).includes(wanted) ? wanted : 1;
  speed.value = String(player.speed);
  speed.onchange = () => (player.speed = Number(speed.value));
  $("play").onclick = () => (player.playing ? player.pause() : player.play());
  $("step").onclick = () => player.step();
  $("restart").onclick = () => player.restart();
  $("to-end").onclick = () => player.toEnd();
  $("scenario").onchange = () => {
    fillVariants(current()!.scenario);
    rebuild();
  };
  for (const id of ["variant", "left", "right"]) $(id).onchange = rebuild;
  for (const radio of document.querySelectorAll<HTMLInputElement>("input[name=mode]")) radio.onchange = rebuild;
  const presenter = $<HTMLInputElement>("presenter");
  presenter.onchange = () => {
    // The editor is not for a projector: presenter mode shows the replay.
    if (presenter.checked && !$("editor").hidden) showEditor();
    document.body.classList.toggle("presenter", presenter.checked);
  };
  document.addEventListener("keydown", playbackKeys);
  wireHandout();
  $("import").onclick = () => $("import-file").click();
  $<HTMLInputElement>("import-file").onchange = async (event) => {
    const input = event.target as HTMLInputElement;
    await importFiles(input.files);
    input.value = "";
  };
  $("export").onclick = () => {
    const entry = current();
    if (entry) downloadJson(document, `${entry.scenario.id}.json`, entry.scenario);
  };
  editor = new ScenarioEditor({
    packs: () => packs,
    language,
    save: async (scenario) => {
      const entry = await addImported(entries, scenario);
      fillScenarios(entry.key);
      fillVariants(entry.scenario);
    },
    close: () => showEditor(),
  });
  $("new-scenario").onclick = () => showEditor(scenarioTemplate(language));
  $("edit-copy").onclick = () => {
    const entry = current();
    if (entry) showEditor(copyToEdit(entry));
  };
  $("delete-scenario").onclick = async () => {
    const entry = current();
    if (!entry?.imported) return;
    await removeImported(entries, entry.key);
    fillScenarios();
    const next = current();
    if (next) fillVariants(next.scenario);
    $("import-status").replaceChildren(...tIsolated(document, "editorDeleted", entry.scenario.title));
    rebuild();
    $("scenario").focus();
  };
  $("start-practice").onclick = startPractice;
  // The same scenario from its first line, with a fresh engine and scorecard.
  $("try-again").onclick = () => {
    rebuild();
    startPractice();
  };
  $("export-practice").onclick = async () => {
    if (!practice?.finished) return;
    const scenario = practice.asScenario(new Date());
    downloadJson(document, `${scenario.id}.json`, scenario);
    await addImported(entries, scenario);
    fillScenarios($<HTMLSelectElement>("scenario").value);
    $("import-status").replaceChildren(...tIsolated(document, "trainerImported", scenario.title));
  };
}

async function main(): Promise<void> {
  language = await localizePage(document);
  composer = $("composer");
  // The side-by-side boxes by where their panes are: in a right-to-left page the first pane is on the right.
  const rtl = document.documentElement.dir === "rtl";
  $("left-label").textContent = t(rtl ? "trainerRight" : "trainerLeft");
  $("right-label").textContent = t(rtl ? "trainerLeft" : "trainerRight");
  try {
    await preparePacks(shippedPacks);
    packs = compilePacks(shippedPacks);
  } catch (error) {
    showProblems(problemLines(error));
    return;
  }
  const library = await loadLibrary(shippedScenarios);
  entries = library.entries;
  showProblems(library.problems);
  const wantedScenario = params.get("scenario");
  fillScenarios(wantedScenario ? (entries.find((e) => e.scenario.id === wantedScenario)?.key ?? wantedScenario) : undefined);
  const wantedMode = params.get("mode");
  for (const radio of document.querySelectorAll<HTMLInputElement>("input[name=mode]")) if (radio.value === wantedMode) radio.checked = true;
  if (params.get("presenter") === "1") {
    $<HTMLInputElement>("presenter").checked = true;
    document.body.classList.add("presenter");
  }
  wire();
  const entry = current();
  if (entry) fillVariants(entry.scenario);
  rebuild();
  document.body.dataset.ready = "true";
}

void main();
