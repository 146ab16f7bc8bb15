import { selectorAdapter } from "../adapters/selector-adapter.js";
import type { SelectorSpec } from "../adapters/selector-spec.js";
import { adoptStyle } from "../overlay/overlay.js";
import { deriveSpec, type Picks } from "./derive-spec.js";
import { PICKER_STYLE } from "./picker-style.js";

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

/**
 * "Teach this site": an element picker drawn over the page. The agent clicks the conversation pane, one of their own
 * messages, one of the customer's and the reply box; the picker derives selectors, shows what it now reads, and on
 * confirmation hands the spec over to be saved. Clicks while picking go to the picker, not to the page.
 */
export class Picker {
  private readonly host: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly highlight: HTMLElement;
  private readonly picks: Partial<Record<Step, Element>> = {};
  private step = 0;
  private readonly listeners: Array<[string, (event: Event) => void]> = [];

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
    root.append(this.highlight, this.panel);
    doc.documentElement.append(this.host);
    this.listen("pointermove", (event) => this.hover(event));
    this.listen("click", (event) => this.pick(event));
    // The press before a click focuses fields and starts the page's own handlers: while picking, it is swallowed too.
    for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup"]) this.listen(type, (event) => this.swallow(event));
    this.listen("keydown", (event) => {
      if ((event as KeyboardEvent).key === "Escape") this.close();
    });
    this.showStep();
  }

  private t(key: string): string {
    return this.labels[key] ?? key;
  }

  /** Listens on the whole page, before the page's own handlers (capture), for as long as the picker is open. */
  private listen(type: string, handler: (event: Event) => void): void {
    this.doc.addEventListener(type, handler, true);
    this.listeners.push([type, handler]);
  }

  private ours(event: Event): boolean {
    return event.composedPath().includes(this.host);
  }

  private picking(): boolean {
    return this.step < STEPS.length;
  }

  private target(event: Event): Element | null {
    const target = event.composedPath()[0];
    return target instanceof Element ? target : null;
  }

  private hover(event: Event): void {
    const target = this.target(event);
    if (!this.picking() || this.ours(event) || !target) {
      this.highlight.hidden = true;
      return;
    }
    const box = target.getBoundingClientRect();
    Object.assign(this.highlight.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
    this.highlight.hidden = false;
  }

  private swallow(event: Event): void {
    if (!this.picking() || this.ours(event)) return;
    event.preventDefault();
    event.stopPropagation();
  }

  private pick(event: Event): void {
    if (!this.picking() || this.ours(event)) return;
    const target = this.target(event);
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    this.picks[STEPS[this.step]!] = target;
    this.advance();
  }

  private advance(): void {
    this.step += 1;
    this.highlight.hidden = true;
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
    const controls = [
      ...(STEPS[this.step] === "replyBox" ? [this.button("teachSkip", () => this.advance(), "skip")] : []),
      this.button("teachStartOver", () => this.restart(), "start-over"),
      this.button("teachCancel", () => this.close(), "cancel"),
    ];
    this.panel.replaceChildren(this.heading(), list, this.buttons(...controls));
  }

  private restart(): void {
    this.step = 0;
    for (const step of STEPS) delete this.picks[step];
    this.showStep();
  }

  private showPreview(): void {
    const { transcript, agentMessage, customerMessage, replyBox } = this.picks;
    const picks: Picks = { transcript: transcript!, agentMessage: agentMessage!, customerMessage: customerMessage!, replyBox };
    const derived = deriveSpec(picks, this.doc.location);
    if (!derived.ok) {
      this.showProblem(this.t(derived.problem));
      return;
    }
    const adapter = selectorAdapter(derived.spec);
    const pane = adapter.findTranscript(this.doc);
    const read = pane
      ? adapter.messages(pane).flatMap((item) => {
          const speaker = adapter.speaker(item);
          return speaker ? [{ speaker, text: adapter.text(item) }] : [];
        })
      : [];
    if (!read.length) {
      this.showProblem(this.t("teachNothingRead"));
      return;
    }
    const intro = this.doc.createElement("p");
    intro.textContent = this.t("teachPreview");
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
    const save = this.button("teachSave", () => void this.confirm(derived.spec), "save", true);
    this.panel.replaceChildren(this.heading(), intro, list, this.buttons(save, this.button("teachStartOver", () => this.restart(), "start-over"), this.button("teachCancel", () => this.close(), "cancel")));
  }

  private showProblem(text: string, details: string[] = []): void {
    const problem = this.doc.createElement("p");
    problem.className = "problem";
    problem.setAttribute("role", "alert");
    problem.textContent = [text, ...details].join(" ");
    this.panel.replaceChildren(this.heading(), problem, this.buttons(this.button("teachStartOver", () => this.restart(), "start-over"), this.button("teachCancel", () => this.close(), "cancel")));
  }

  private async confirm(spec: SelectorSpec): Promise<void> {
    const result = await this.save(spec).catch((error: unknown) => ({ ok: false as const, problems: [String(error)] }));
    if (!result.ok) {
      this.showProblem("", result.problems);
      return;
    }
    const done = this.doc.createElement("p");
    done.setAttribute("role", "status");
    done.dataset.part = "saved";
    done.textContent = this.t("teachSaved");
    this.panel.replaceChildren(this.heading(), done, this.buttons(this.button("teachCancel", () => this.close(), "close")));
  }

  close(): void {
    for (const [type, handler] of this.listeners) this.doc.removeEventListener(type, handler, true);
    this.host.remove();
  }
}
