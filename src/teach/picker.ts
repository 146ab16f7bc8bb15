import { composedContains } from "../adapters/deep-query.js";
import { readItem } from "../adapters/read-item.js";
import { selectorAdapter } from "../adapters/selector-adapter.js";
import type { SelectorSpec } from "../adapters/selector-spec.js";
import { adoptStyle, guardHost } from "../overlay/overlay.js";
import { deriveSpec, type Picks } from "./derive-spec.js";
import { PICKER_STYLE } from "./picker-style.js";
import { Selection } from "./selection.js";

export type Labels = Record<string, string>;

/** The elements picked, in the order the picker asks for them. */
const STEPS = ["transcript", "agentMessage", "customerMessage", "replyBox"] as const;
type Step = (typeof STEPS)[number];
const STEP_LABELS: Record<Step, string> = {
  transcript: "teachStepTranscript",
  agentMessage: "teachStepAgent",
  customerMessage: "teachStepCustomer",
  replyBox: "teachStepReplyBox",
};

/** How many of the messages read are shown for confirmation. */
const PREVIEW_MESSAGES = 8;

export type SaveResult = { ok: true } | { ok: false; problems: string[] };

/** What was read with a spec, as the agent confirms it. */
type Read = Array<{ speaker: "agent" | "customer"; text: string }>;

/**
 * "Teach this site": an element picker drawn over the page, like the browsers' element inspectors. The agent clicks
 * the conversation pane, one of their own messages, one of the customer's and the reply box; the mouse wheel, the ↑/↓
 * keys and the Wider/Narrower buttons widen what is highlighted to its parent or narrow it back, and a click (or Enter,
 * or "Pick this") picks it. The picker derives selectors, shows what it now reads, and on confirmation reads again and
 * hands the spec over to be saved. Clicks, presses and the wheel while picking go to the picker, not to the page.
 */
export class Picker {
  private readonly host: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly highlight: HTMLElement;
  private readonly picks: Partial<Record<Step, Element>> = {};
  private step = 0;
  private readonly selection = new Selection();
  /** Names the highlighted element in the panel, for the buttons that widen and narrow it. */
  private readonly selected: HTMLElement;
  private readonly listeners: Array<[string, (event: Event) => void]> = [];
  private readonly target: EventTarget;
  /** Keeps the picker on a page that removes it or hides it: its listeners would otherwise swallow clicks unseen. */
  private readonly guard: MutationObserver;
  /** Why the last picks did not make a reader: shown above the steps as the agent picks again. */
  private problem: HTMLElement | undefined;

  constructor(
    private readonly doc: Document,
    private readonly labels: Labels,
    private readonly save: (spec: SelectorSpec) => Promise<SaveResult>,
  ) {
    this.host = doc.createElement("attune-teach");
    const root = this.host.attachShadow({ mode: "closed" });
    adoptStyle(doc, root, PICKER_STYLE);
    this.panel = doc.createElement("div");
    this.panel.className = "panel";
    this.panel.setAttribute("role", "dialog");
    this.panel.setAttribute("aria-label", labels.teachTitle ?? "");
    this.highlight = doc.createElement("div");
    this.highlight.className = "highlight";
    this.highlight.hidden = true;
    this.selected = doc.createElement("code");
    this.selected.dataset.part = "selection";
    root.append(this.highlight, this.panel);
    this.guard = guardHost(this.host);
    // On the window, before the page's own listeners on the document and below.
    this.target = doc.defaultView ?? doc;
    this.listen("pointermove", (event) => this.hover(event));
    this.listen("click", (event) => this.pick(event));
    this.listen("wheel", (event) => this.wheel(event as WheelEvent));
    // The press before a click focuses fields and starts the page's own handlers: while picking, it is swallowed too.
    for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup"]) this.listen(type, (event) => this.swallow(event));
    this.listen("keydown", (event) => this.key(event as KeyboardEvent));
    this.showStep();
  }

  private t(key: string): string {
    return this.labels[key] ?? key;
  }

  /**
   * Listens on the whole page, before the page's own handlers (capture), for as long as the picker is open. Not
   * passive: the wheel widens and narrows instead of scrolling.
   */
  private listen(type: string, handler: (event: Event) => void): void {
    this.target.addEventListener(type, handler, { capture: true, passive: false });
    this.listeners.push([type, handler]);
  }

  private ours(event: Event): boolean {
    return event.composedPath().includes(this.host);
  }

  private picking(): boolean {
    return this.step < STEPS.length;
  }

  /** The innermost element under the pointer, inside open shadow roots too. */
  private pointed(event: Event): Element | null {
    const target = event.composedPath()[0];
    return target instanceof Element ? target : null;
  }

  private hover(event: Event): void {
    // Over the panel, what is highlighted stays: its buttons widen, narrow and pick it.
    if (!this.picking() || this.ours(event)) return;
    const target = this.pointed(event);
    if (!target) return;
    this.selection.point(target);
    this.drawSelection();
  }

  private drawSelection(): void {
    const el = this.selection.element;
    this.highlight.hidden = !el || !this.picking();
    this.selected.textContent = el ? describe(el) : "";
    if (!el || this.highlight.hidden) return;
    const box = el.getBoundingClientRect();
    Object.assign(this.highlight.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
  }

  private widen(wider: boolean): void {
    if (wider) this.selection.wider();
    else this.selection.narrower();
    this.drawSelection();
  }

  private wheel(event: WheelEvent): void {
    if (!this.picking() || this.ours(event) || !event.deltaY) return;
    event.preventDefault();
    event.stopPropagation();
    this.widen(event.deltaY < 0);
  }

  private key(event: KeyboardEvent): void {
    if (event.key === "Escape") {
      this.close();
      return;
    }
    const widen = event.key === "ArrowUp" ? true : event.key === "ArrowDown" ? false : undefined;
    const picks = event.key === "Enter" && !this.ours(event);
    if (!this.picking() || (widen === undefined && !picks)) return;
    event.preventDefault();
    event.stopPropagation();
    if (widen !== undefined) this.widen(widen);
    else this.pickSelection();
  }

  private swallow(event: Event): void {
    if (!this.picking() || this.ours(event)) return;
    event.preventDefault();
    event.stopPropagation();
  }

  /** A click picks what is highlighted where it was widened around the point clicked, else what was clicked. */
  private pick(event: Event): void {
    if (!this.picking() || this.ours(event)) return;
    const target = this.pointed(event);
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    const selected = this.selection.element;
    this.picks[STEPS[this.step]!] = selected && composedContains(selected, target) ? selected : target;
    this.advance();
  }

  private pickSelection(): void {
    const selected = this.selection.element;
    if (!selected) return;
    this.picks[STEPS[this.step]!] = selected;
    this.advance();
  }

  private advance(): void {
    this.step += 1;
    this.selection.clear();
    this.drawSelection();
    if (this.picking()) this.showStep();
    else this.showPreview();
  }

  private button(label: string, onClick: () => void, part: string, primary = false): HTMLButtonElement {
    const button = this.doc.createElement("button");
    button.type = "button";
    button.textContent = this.t(label);
    button.dataset.part = part;
    if (primary) button.className = "primary";
    button.addEventListener("click", onClick);
    return button;
  }

  private heading(): HTMLElement {
    const h = this.doc.createElement("h2");
    h.textContent = this.t("teachTitle");
    return h;
  }

  private buttons(...buttons: HTMLButtonElement[]): HTMLElement {
    const row = this.doc.createElement("div");
    row.className = "buttons";
    row.append(...buttons);
    return row;
  }

  private showStep(): void {
    const list = this.doc.createElement("ol");
    STEPS.forEach((step, i) => {
      const item = this.doc.createElement("li");
      item.textContent = this.t(STEP_LABELS[step]);
      if (i < this.step) item.className = "done";
      if (i === this.step) {
        item.className = "current";
        item.setAttribute("aria-current", "step");
      }
      list.append(item);
    });
    const hint = this.doc.createElement("p");
    hint.textContent = this.t("teachWidenHint");
    const selecting = this.buttons(
      this.button("teachWider", () => this.widen(true), "wider"),
      this.button("teachNarrower", () => this.widen(false), "narrower"),
      this.button("teachPickThis", () => this.pickSelection(), "pick"),
    );
    const controls = [
      ...(STEPS[this.step] === "replyBox" ? [this.button("teachSkip", () => this.advance(), "skip")] : []),
      this.button("teachStartOver", () => this.restart(), "start-over"),
      this.button("teachCancel", () => this.close(), "cancel"),
    ];
    this.panel.replaceChildren(...[this.heading(), this.problem, list, hint, this.selected, selecting, this.buttons(...controls)].filter((el): el is HTMLElement => !!el));
    this.problem = undefined;
  }

  private restart(): void {
    this.step = 0;
    for (const step of STEPS) delete this.picks[step];
    this.showStep();
  }

  /** The messages the spec reads on the page now, with their speakers. */
  private readWith(spec: SelectorSpec): Read {
    const adapter = selectorAdapter(spec);
    const pane = adapter.findTranscript(this.doc);
    if (!pane) return [];
    return adapter.messages(pane).flatMap((item) => {
      const read = readItem(adapter, item);
      return read?.text ? [read] : [];
    });
  }

  private readList(read: Read): HTMLElement {
    const list = this.doc.createElement("ul");
    list.className = "read";
    list.dataset.part = "preview";
    for (const message of read.slice(-PREVIEW_MESSAGES)) {
      const item = this.doc.createElement("li");
      const who = this.doc.createElement("b");
      who.textContent = this.t(message.speaker === "agent" ? "teachAgent" : "teachCustomer");
      item.append(who, ` ${message.text}`);
      list.append(item);
    }
    return list;
  }

  private showPreview(): void {
    const { transcript, agentMessage, customerMessage, replyBox } = this.picks;
    const picks: Picks = { transcript: transcript!, agentMessage: agentMessage!, customerMessage: customerMessage!, replyBox };
    const derived = deriveSpec(picks, this.doc.location);
    if (!derived.ok) {
      this.pickAgain(derived.problem);
      return;
    }
    const read = this.readWith(derived.spec);
    if (!read.length) {
      this.pickAgain("teachNothingRead");
      return;
    }
    const intro = this.doc.createElement("p");
    intro.textContent = this.t("teachPreview");
    const save = this.button("teachSave", () => void this.confirm(derived.spec), "save", true);
    this.panel.replaceChildren(this.heading(), intro, this.readList(read), this.buttons(save, this.button("teachStartOver", () => this.restart(), "start-over"), this.button("teachCancel", () => this.close(), "cancel")));
  }

  /** The picks made no reader: say why, and start picking again rather than leave the agent at a dead end. */
  private pickAgain(problem: string): void {
    this.problem = this.problemText(this.t(problem));
    this.restart();
  }

  private problemText(text: string): HTMLElement {
    const problem = this.doc.createElement("p");
    problem.className = "problem";
    problem.setAttribute("role", "alert");
    problem.dataset.part = "problem";
    problem.textContent = text;
    return problem;
  }

  private showProblem(details: string[]): void {
    this.panel.replaceChildren(this.heading(), this.problemText(details.join(" ")), this.buttons(this.button("teachStartOver", () => this.restart(), "start-over"), this.button("teachCancel", () => this.close(), "cancel")));
  }

  /** Saves only what still reads the page now (it may have changed since the preview), and shows what it read. */
  private async confirm(spec: SelectorSpec): Promise<void> {
    const read = this.readWith(spec);
    if (!read.length) {
      this.pickAgain("teachNothingRead");
      return;
    }
    const result = await this.save(spec).catch((error: unknown) => ({ ok: false as const, problems: [String(error)] }));
    if (!result.ok) {
      this.showProblem(result.problems);
      return;
    }
    const done = this.doc.createElement("p");
    done.setAttribute("role", "status");
    done.dataset.part = "saved";
    done.textContent = this.t("teachSaved");
    this.panel.replaceChildren(this.heading(), done, this.readList(read), this.buttons(this.button("teachCancel", () => this.close(), "close")));
  }

  close(): void {
    this.guard.disconnect();
    for (const [type, handler] of this.listeners) this.target.removeEventListener(type, handler, true);
    this.host.remove();
  }
}

/** "div#messages.log": how the inspectors name an element, for the agent widening and narrowing it. */
function describe(el: Element): string {
  const classes = [...el.classList].slice(0, 2).map((name) => `.${name}`).join("");
  return `${el.localName}${el.id ? `#${el.id}` : ""}${classes}`.slice(0, 80);
}
