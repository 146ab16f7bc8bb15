import type { CompiledPacks } from "../../engine/index.js";
import { INTERFACE_LANGUAGES } from "../../shared/locales.js";
import { REACTIONS, REPLY_SIGNALS } from "../../trainer/practice-script.js";
import { scenarioProblems, testScenario, type ScenarioProblem } from "../../trainer/scenario-check.js";
import { parseScenario, type Scenario } from "../../trainer/scenario.js";
import { downloadJson } from "../download.js";
import { number, t } from "../i18n.js";
import { clockTime } from "../scorecard-panel.js";
import { h } from "../options/dom.js";
import { branchWords, fieldWords, placeWords, problemWords, reactionWords, signalWords } from "./problem-words.js";

type Json = Record<string, unknown>;
type Path = Array<string | number>;

export interface EditorHost {
  packs: () => CompiledPacks;
  /** The interface language: the nudges' words. */
  language: string;
  /** Saves a valid scenario in the library (local storage) and shows it there. */
  save: (scenario: Scenario) => Promise<void>;
  close: () => void;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const key = (path: Path) => JSON.stringify(path);

function get(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, k) => (value && typeof value === "object" ? (value as Record<string | number, unknown>)[k] : undefined), root);
}

/** What JSON typed by hand may hold where the form expects a list or an object: drawn as empty, the problems name it. */
const listAt = (root: unknown, path: Path): unknown[] => {
  const value = get(root, path);
  return Array.isArray(value) ? value : [];
};
const objectAt = (root: unknown, path: Path): Json => {
  const value = get(root, path);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
};

function set(root: Json, path: Path, value: unknown): void {
  const parent = get(root, path.slice(0, -1)) as Record<string | number, unknown> | undefined;
  if (!parent) return;
  const last = path.at(-1)!;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

/** A new scenario to fill in: two agents opening alike, and a practice customer with one branch point and two ends. */
export function scenarioTemplate(language: string): Json {
  const opening = { type: "turn", speaker: "customer", text: "", at: 0 };
  const reply = { type: "turn", speaker: "agent", text: "", at: 10 };
  return {
    id: "my-scenario", title: "", description: "", language, channel: "chat",
    variants: [
      { id: "good", label: t("editorGoodAgent"), events: [{ ...opening }, { ...reply }] },
      { id: "poor", label: t("editorPoorAgent"), events: [{ ...opening }, { ...reply }] },
    ],
    practice: {
      start: "opening",
      lines: {
        opening: { says: "", next: [{ ifReplyHas: ["ack.feeling", "apology"], goTo: "calms-down" }, { otherwise: true, goTo: "escalates" }] },
        "calms-down": { says: "", reaction: "calms-down" },
        escalates: { says: "", reaction: "escalates" },
      },
    },
  };
}

/**
 * The scenario editor: a form over the scenario's JSON and the JSON itself, kept in step. Every edit is validated as
 * it is typed (the import's own checks), each problem said in words by its place and shown beside its field; testing,
 * saving and exporting wait until there is none. JSON that does not parse leaves the form as it was, saying where it
 * broke.
 */
export class ScenarioEditor {
  private draft: Json = {};
  private problems: ScenarioProblem[] = [];
  /** Where the JSON view stopped parsing, if it does not. */
  private jsonBroken: string | undefined;
  /** The draft as last opened, saved or exported: closing with other edits asks for a second click. */
  private kept = "";
  private closeAsked = false;
  private readonly form = $("editor-form");
  private readonly json = $<HTMLTextAreaElement>("editor-json");

  constructor(private readonly host: EditorHost) {
    this.form.addEventListener("input", (event) => this.edited(event.target as HTMLElement));
    this.form.addEventListener("change", (event) => this.changed(event.target as HTMLElement));
    this.form.addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-action]");
      if (button) this.act(button);
    });
    this.json.addEventListener("input", () => this.jsonEdited());
    $("editor-test").onclick = () => this.test();
    $("editor-save").onclick = () => void this.save();
    $("editor-export").onclick = () => this.export();
    $("editor-close").onclick = () => this.close();
  }

  open(start: unknown): void {
    this.draft = structuredClone(start) as Json;
    this.kept = JSON.stringify(this.draft);
    this.closeAsked = false;
    this.jsonBroken = undefined;
    $("editor-results").replaceChildren();
    $("editor-status").textContent = "";
    this.render();
    this.writeJson();
    this.validate();
    $("editor-form").querySelector<HTMLElement>("input, textarea, select")?.focus();
  }

  // ——— The form ———

  private field(path: Path, label: string, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): HTMLElement {
    const errorId = `error-${path.join("-").replace(/[^\w-]/g, "_")}`;
    control.dataset.path = key(path);
    control.setAttribute("aria-describedby", errorId);
    return h("label", { className: "field", "data-at": key(path) }, h("span", { text: label }), control, h("span", { className: "field-error", id: errorId, hidden: true }));
  }

  /** A text field; an optional one left empty is taken out of the scenario, as if never written. */
  private text(path: Path, label: string, multiline = false, optional = false): HTMLElement {
    const value = get(this.draft, path);
    const kind = { dir: "auto", ...(optional ? { "data-kind": "optional" } : {}) };
    const control = multiline ? h("textarea", { rows: 2, ...kind }) : h("input", { type: "text", ...kind });
    control.value = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
    return this.field(path, label, control);
  }

  private seconds(path: Path, label: string): HTMLElement {
    const value = get(this.draft, path);
    const control = h("input", { type: "number", min: 0, step: "any", className: "seconds", "data-kind": "number" });
    control.value = typeof value === "number" ? String(value) : "";
    return this.field(path, label, control);
  }

  private select(path: Path, label: string, options: Array<[string, string]>, optional = false): HTMLElement {
    const value = get(this.draft, path);
    const current = typeof value === "string" ? value : "";
    const all = [...(optional ? [["", "—"] as [string, string]] : []), ...options];
    if (!all.some(([v]) => v === current)) all.push([current, current]);
    const control = h("select", { "data-kind": optional ? "optional" : "text" }, ...all.map(([v, text]) => h("option", { value: v, text, selected: v === current })));
    return this.field(path, label, control);
  }

  private button(action: string, text: string, path: Path, label = text): HTMLButtonElement {
    return h("button", { type: "button", text, "data-action": action, "data-target": key(path), "aria-label": label });
  }

  /** A block of the form that problems under its path go to when no field of theirs is shown. */
  private block(tag: "fieldset" | "li", path: Path, ...children: Array<Node | string>): HTMLElement {
    const errorId = `error-${path.join("-").replace(/[^\w-]/g, "_")}`;
    return h(tag, { className: "block", "data-at": key(path) }, ...children, h("span", { className: "field-error", id: errorId, hidden: true }));
  }

  private render(): void {
    const languageName = new Intl.DisplayNames([this.host.language], { type: "language" });
    const languages = INTERFACE_LANGUAGES.map((code): [string, string] => [code, `${languageName.of(code) ?? code} (${code})`]);
    const about = h(
      "fieldset", { className: "block", "data-at": key([]) },
      h("legend", { text: t("editorAbout") }),
      this.text(["title"], fieldWords("title", t)),
      this.text(["id"], fieldWords("id", t)),
      this.select(["language"], fieldWords("language", t), languages),
      this.select(["channel"], fieldWords("channel", t), [["chat", t("editorChat")], ["call", t("editorCall")]]),
      this.text(["customerName"], fieldWords("customerName", t), false, true),
      this.text(["description"], fieldWords("description", t), true),
    );
    this.form.replaceChildren(about, this.variantsPart(), this.practicePart());
  }

  private variantsPart(): HTMLElement {
    const variants = listAt(this.draft, ["variants"]);
    return h(
      "fieldset", { className: "block" },
      h("legend", { text: t("editorAgents") }),
      h("p", { className: "muted", text: t("editorAgentsHelp") }),
      ...variants.map((_, v) => {
        const at: Path = ["variants", v];
        const events = listAt(this.draft, [...at, "events"]);
        const place = placeWords([{ kind: "variant", n: v + 1 }], t, number);
        return this.block(
          "fieldset", at,
          h("legend", { text: placeWords([{ kind: "variant", n: v + 1, ...(typeof get(this.draft, [...at, "label"]) === "string" ? { label: get(this.draft, [...at, "label"]) as string } : {}) }], t, number) }),
          h("div", { className: "row" }, this.text([...at, "label"], fieldWords("label", t)), this.text([...at, "id"], fieldWords("id", t))),
          h("ol", { className: "events" }, ...events.map((_, e) => this.eventRow([...at, "events", e]))),
          h("div", { className: "row" },
            this.button("add-event", t("editorAddMessage"), [...at, "events"], `${t("editorAddMessage")} — ${place}`),
            this.button("remove", t("editorRemoveVariant"), at, `${t("editorRemoveVariant")} — ${place}`),
          ),
        );
      }),
      this.button("add-variant", t("editorAddVariant"), ["variants"]),
    );
  }

  private eventRow(at: Path): HTMLElement {
    const event = get(this.draft, at) as { type?: unknown } | undefined;
    const place = placeWords([{ kind: "event", n: Number(at.at(-1)) + 1 }], t, number);
    const speakers: Array<[string, string]> = [["customer", t("trainerCustomer")], ["agent", t("trainerAgent")]];
    const parts = event?.type === "draft" ? [h("span", { className: "muted", text: t("editorDraftEvent") }), this.text([...at, "text"], fieldWords("text", t))]
      : event?.type === "typing" ? [h("span", { className: "muted", text: t("editorTypingEvent") }), this.select([...at, "speaker"], fieldWords("speaker", t), speakers)]
      : [this.select([...at, "speaker"], fieldWords("speaker", t), speakers), this.text([...at, "text"], fieldWords("text", t), true)];
    return this.block("li", at, h("span", { className: "place", text: place }), ...parts, this.seconds([...at, "at"], fieldWords("at", t)), this.button("remove", "✕", at, `${t("editorRemove")} — ${place}`));
  }

  private practicePart(): HTMLElement {
    const legend = h("legend", { text: t("editorPractice") });
    const help = h("p", { className: "muted", text: t("editorPracticeHelp") });
    if (!get(this.draft, ["practice"])) return h("fieldset", { className: "block" }, legend, help, this.button("add-practice", t("editorAddPractice"), ["practice"]));
    const lines = objectAt(this.draft, ["practice", "lines"]);
    const ids = Object.keys(lines);
    const lineOptions = ids.map((id): [string, string] => [id, id]);
    return this.block(
      "fieldset", ["practice"], legend, help,
      this.select(["practice", "start"], fieldWords("start", t), lineOptions),
      h("ol", { className: "lines" }, ...ids.map((id, n) => this.lineBlock(id, n, lineOptions))),
      this.button("add-line", t("editorAddLine"), ["practice", "lines"]),
    );
  }

  private lineBlock(id: string, n: number, lineOptions: Array<[string, string]>): HTMLElement {
    const at: Path = ["practice", "lines", id];
    const place = placeWords([{ kind: "line", n: n + 1, id }], t, number);
    const next = listAt(this.draft, [...at, "next"]).map((branch) => objectAt(branch, []) as { ifReplyHas?: unknown; otherwise?: unknown });
    const idInput = h("input", { type: "text", value: id, "data-rename": id, "aria-describedby": `error-${at.join("-").replace(/[^\w-]/g, "_")}` });
    return this.block(
      "li", at,
      h("h3", { text: place }),
      h("div", { className: "row" },
        h("label", { className: "field" }, h("span", { text: fieldWords("id", t) }), idInput),
        this.select([...at, "reaction"], fieldWords("reaction", t), REACTIONS.map((r) => [r, reactionWords(r, t)]), true),
      ),
      this.text([...at, "says"], fieldWords("says", t), true),
      this.text([...at, "hint"], fieldWords("hint", t), true, true),
      h("p", { className: "muted", text: next.length ? t("editorBranchesHelp") : t("editorEndLine") }),
      h("ol", { className: "branches" }, ...next.map((branch, b) => this.branchRow([...at, "next", b], branch, lineOptions))),
      h("div", { className: "row" },
        this.button("add-branch", t("editorAddBranch"), [...at, "next"], `${t("editorAddBranch")} — ${place}`),
        this.button("remove-line", t("editorRemoveLine"), at, `${t("editorRemoveLine")} — ${place}`),
      ),
    );
  }

  private branchRow(at: Path, branch: { ifReplyHas?: unknown; otherwise?: unknown }, lineOptions: Array<[string, string]>): HTMLElement {
    const signals = Array.isArray(branch.ifReplyHas) ? branch.ifReplyHas.filter((s): s is string => typeof s === "string") : [];
    const place = branchWords(signals, t);
    const choices = h(
      "fieldset", { className: "signals", "data-at": key([...at, "ifReplyHas"]) },
      h("legend", { text: t("editorIfReplyHas") }),
      ...REPLY_SIGNALS.map((signal) =>
        h("label", {}, h("input", { type: "checkbox", "data-signal": signal, "data-branch": key(at), checked: signals.includes(signal), disabled: !!branch.otherwise }), h("span", { text: signalWords(signal, t) })),
      ),
      h("label", {}, h("input", { type: "checkbox", "data-otherwise": key(at), checked: !!branch.otherwise }), h("span", { text: t("editorOtherReply") })),
      h("span", { className: "field-error", id: `error-${[...at, "ifReplyHas"].join("-").replace(/[^\w-]/g, "_")}`, hidden: true }),
    );
    return this.block("li", at, h("span", { className: "place", text: place }), choices, this.select([...at, "goTo"], fieldWords("goTo", t), lineOptions), this.button("remove", "✕", at, `${t("editorRemove")} — ${place}`));
  }

  // ——— Edits ———

  /** A value typed: into the draft, the JSON view and the problems, without redrawing the form (the caret stays). */
  private edited(target: HTMLElement): void {
    const control = target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    if (control.dataset.path) {
      const path = JSON.parse(control.dataset.path) as Path;
      const kind = control.dataset.kind;
      const value = kind === "number" ? (control.value.trim() === "" ? undefined : Number(control.value)) : kind === "optional" && !control.value ? undefined : control.value;
      set(this.draft, path, value);
    } else if (control instanceof HTMLInputElement && control.dataset.signal) {
      const branch = get(this.draft, JSON.parse(control.dataset.branch!) as Path) as { ifReplyHas?: string[] };
      const chosen = new Set(Array.isArray(branch.ifReplyHas) ? branch.ifReplyHas : []);
      if (control.checked) chosen.add(control.dataset.signal);
      else chosen.delete(control.dataset.signal);
      // In the order the list shows them.
      const ordered = REPLY_SIGNALS.filter((s) => chosen.has(s));
      if (ordered.length) branch.ifReplyHas = ordered;
      else delete branch.ifReplyHas;
      this.redraw();
      return;
    } else if (control instanceof HTMLInputElement && control.dataset.otherwise) {
      const branch = get(this.draft, JSON.parse(control.dataset.otherwise) as Path) as { ifReplyHas?: string[]; otherwise?: boolean };
      if (control.checked) {
        branch.otherwise = true;
        delete branch.ifReplyHas;
      } else delete branch.otherwise;
      this.redraw();
      return;
    } else return;
    this.writeJson();
    this.validate();
  }

  /** A line's id, once typed: the line renamed where it stands, and every branch and the start that led to it. */
  private changed(target: HTMLElement): void {
    if (!(target instanceof HTMLInputElement) || !target.dataset.rename) return;
    const from = target.dataset.rename;
    const to = target.value.trim();
    const practice = get(this.draft, ["practice"]) as { start?: string; lines: Json };
    if (!to || to === from || to in practice.lines) {
      target.value = from;
      return;
    }
    practice.lines = Object.fromEntries(Object.entries(practice.lines).map(([id, line]) => [id === from ? to : id, line]));
    if (practice.start === from) practice.start = to;
    for (const line of Object.values(practice.lines) as Array<{ next?: Array<{ goTo?: string }> }>) for (const branch of line.next ?? []) if (branch.goTo === from) branch.goTo = to;
    this.redraw(`[data-rename="${CSS.escape(to)}"]`);
  }

  private act(button: HTMLButtonElement): void {
    const path = JSON.parse(button.dataset.target!) as Path;
    const list = () => get(this.draft, path) as unknown[];
    switch (button.dataset.action) {
      case "add-event": {
        const events = list();
        const last = events.at(-1) as { at?: number; speaker?: string } | undefined;
        events.push({ type: "turn", speaker: last?.speaker === "customer" ? "agent" : "customer", text: "", at: (last?.at ?? 0) + 10 });
        break;
      }
      case "add-variant":
        list().push({ id: `variant-${list().length + 1}`, label: "", events: [{ type: "turn", speaker: "customer", text: "", at: 0 }] });
        break;
      case "add-practice":
        set(this.draft, path, { start: "opening", lines: { opening: { says: "" } } });
        break;
      case "add-line": {
        const lines = get(this.draft, path) as Json;
        let n = Object.keys(lines).length + 1;
        while (`line-${n}` in lines) n++;
        lines[`line-${n}`] = { says: "" };
        break;
      }
      case "add-branch": {
        const line = get(this.draft, path.slice(0, -1)) as { next?: unknown[] };
        const first = Object.keys(get(this.draft, ["practice", "lines"]) as Json)[0] ?? "";
        // A new branch goes above "any other reply", which stays last.
        const next = (line.next ??= []);
        const otherwiseLast = (next.at(-1) as { otherwise?: boolean } | undefined)?.otherwise;
        next.splice(otherwiseLast ? next.length - 1 : next.length, 0, { goTo: first });
        break;
      }
      case "remove-line": {
        const [, , id] = path as [string, string, string];
        const practice = get(this.draft, ["practice"]) as { lines: Json };
        delete practice.lines[id];
        break;
      }
      case "remove": {
        const parent = get(this.draft, path.slice(0, -1));
        if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
        // A line with no branch left ends the conversation.
        if (path.at(-2) === "next" && Array.isArray(parent) && !parent.length) set(this.draft, path.slice(0, -1), undefined);
        break;
      }
    }
    this.redraw();
  }

  /** After a change of the form's shape: drawn again, the focus back on the same control if it is still there. */
  private redraw(focus?: string): void {
    const active = document.activeElement as HTMLElement | null;
    const selector = focus ?? (active?.dataset.path ? `[data-path="${CSS.escape(active.dataset.path)}"]`
      : active?.dataset.signal ? `[data-branch="${CSS.escape(active.dataset.branch!)}"][data-signal="${active.dataset.signal}"]`
      : active?.dataset.otherwise ? `[data-otherwise="${CSS.escape(active.dataset.otherwise)}"]` : undefined);
    this.render();
    this.writeJson();
    this.validate();
    if (selector) this.form.querySelector<HTMLElement>(selector)?.focus();
  }

  private writeJson(): void {
    this.json.value = `${JSON.stringify(this.draft, null, 2)}\n`;
    this.jsonBroken = undefined;
    $("editor-json-error").hidden = true;
    this.json.removeAttribute("aria-invalid");
  }

  /** The JSON view edited: a parsing object becomes the form; anything else keeps the last good form, saying where it broke. */
  private jsonEdited(): void {
    const text = this.json.value;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new SyntaxError(t("editorJsonNotObject"));
      this.draft = parsed as Json;
      this.jsonBroken = undefined;
      this.render();
    } catch (error) {
      this.jsonBroken = jsonBreak(text, error as Error);
    }
    $("editor-json-error").textContent = this.jsonBroken ?? "";
    $("editor-json-error").hidden = !this.jsonBroken;
    if (this.jsonBroken) this.json.setAttribute("aria-invalid", "true");
    else this.json.removeAttribute("aria-invalid");
    this.validate();
  }

  // ——— Problems ———

  private validate(): void {
    // An edit after "unsaved" was said: closing asks again.
    this.closeAsked = false;
    this.problems = scenarioProblems(this.draft);
    for (const error of this.form.querySelectorAll<HTMLElement>(".field-error")) {
      error.replaceChildren();
      error.hidden = true;
    }
    for (const control of this.form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
    const lines = this.problems.map((problem) => {
      const words = problemWords(problem, this.draft, t, number);
      const place = this.placeOf(problem.path);
      if (place) {
        const error = place.querySelector<HTMLElement>(":scope > .field-error");
        if (error) {
          error.append(h("span", { text: words }));
          error.hidden = false;
        }
        place.querySelector(":scope > input, :scope > textarea, :scope > select")?.setAttribute("aria-invalid", "true");
      }
      return words;
    });
    const list = $("editor-problems");
    list.replaceChildren(...lines.map((line) => h("li", { text: line })));
    list.hidden = !lines.length;
    const blocked = this.jsonBroken ? t("editorBlockedJson") : lines.length ? t("editorBlocked", number(lines.length)) : "";
    $("editor-blocked").textContent = blocked;
    for (const id of ["editor-test", "editor-save", "editor-export"]) $<HTMLButtonElement>(id).disabled = !!blocked;
  }

  /** The deepest part of the form a problem's path is under. */
  private placeOf(path: Path): HTMLElement | undefined {
    for (let n = path.length; n >= 0; n--) {
      const found = this.form.querySelector<HTMLElement>(`[data-at="${CSS.escape(key(path.slice(0, n)))}"]`);
      if (found) return found;
    }
    return undefined;
  }

  /** The scenario, once nothing is wrong with it. */
  private valid(): Scenario | undefined {
    if (this.jsonBroken || this.problems.length) return undefined;
    return parseScenario(this.draft);
  }

  // ——— Test, save, export ———

  private test(): void {
    const scenario = this.valid();
    if (!scenario) return;
    const result = testScenario(this.host.packs(), scenario, this.host.language);
    const check = (ok: boolean, text: string) => h("li", { className: ok ? "ok" : "bad", "data-ok": String(ok), text: `${ok ? "✓" : "✗"} ${text}` });
    const variants = result.variants.map((variant) =>
      h("section", { className: "variant-result", "data-variant": variant.id },
        h("h4", { text: t("editorNudgesOf", variant.label, number(variant.nudges.length)) }),
        h("ul", {}, ...variant.nudges.map((nudge) => h("li", { "data-rule": nudge.rule, "data-outcome": nudge.outcome, text: `${clockTime(nudge.at)}${t("editorSeparator")}${t("editorPlaceEvent", number(nudge.event + 1))} · ${nudge.message} (${t(`teamOutcome_${nudge.outcome}`)})` }))),
      ),
    );
    const checks: HTMLElement[] = [];
    const good = result.variants.find((v) => v.id === "good");
    const poor = result.variants.find((v) => v.id === "poor");
    if (good && poor) checks.push(check(poor.nudges.length > good.nudges.length, t("editorPoorMore")));
    if (result.variants.length > 1) checks.push(check(result.openings.variants, t("editorOpeningsAlike")));
    if (result.openings.practice !== undefined) checks.push(check(result.openings.practice, t("editorPracticeOpensAlike")));
    const script = result.script;
    if (script) {
      const lines = Object.keys(scenario.practice!.lines);
      const lineName = (id: string) => placeWords([{ kind: "line", n: lines.indexOf(id) + 1, id }], t, number);
      checks.push(check(script.allEnd, t("editorAllEnd", number(script.paths.length))));
      checks.push(check(!script.unreached.length, script.unreached.length ? t("editorUnreached", script.unreached.join(", ")) : t("editorAllReached")));
      for (const branch of script.branches) {
        const line = scenario.practice!.lines[branch.line]!;
        const place = `${lineName(branch.line)}${t("editorSeparator")}${branchWords(line.next![branch.branch]!.ifReplyHas, t)} → ${branch.goTo}`;
        const taken = !branch.reply ? t("editorBranchNever", place) : branch.reply.length ? t("editorBranchTaken", place, branchWords(branch.reply, t)) : t("editorBranchTakenOther", place);
        checks.push(check(!!branch.reply, taken));
      }
      for (const hint of result.hints) {
        const calm = hint.reaction === "calms-down";
        checks.push(check(calm, t("editorHintLeads", lineName(hint.line), hint.carried.length ? hint.carried.map((s) => signalWords(s, t)).join(t("editorSeparator")) : "—", hint.goTo)));
      }
    }
    $("editor-results").replaceChildren(h("h3", { text: t("editorResults") }), h("ul", { className: "checks" }, ...checks), ...variants);
    $("editor-results").focus();
  }

  private async save(): Promise<void> {
    const scenario = this.valid();
    if (!scenario) return;
    await this.host.save(scenario);
    this.kept = JSON.stringify(this.draft);
    $("editor-status").textContent = t("trainerImported", scenario.title);
  }

  private export(): void {
    const scenario = this.valid();
    if (!scenario) return;
    // The JSON as written (the schema's defaults are not added).
    downloadJson(document, `${scenario.id}.json`, this.draft);
    this.kept = JSON.stringify(this.draft);
  }

  /** Closes, unless there are edits neither saved nor exported: then the first click says so, and a second closes. */
  private close(): void {
    const unsaved = !!this.jsonBroken || JSON.stringify(this.draft) !== this.kept;
    if (unsaved && !this.closeAsked) {
      this.closeAsked = true;
      $("editor-status").textContent = t("editorUnsaved");
      return;
    }
    this.host.close();
  }
}

/** Where JSON stopped parsing, in words: "line 4, column 12: …", from the engine's message where it gives a position. */
function jsonBreak(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return t("editorJsonBroken", error.message);
  const before = text.slice(0, Number(position)).split("\n");
  return t("editorJsonBrokenAt", number(before.length), number(before.at(-1)!.length + 1), error.message);
}
