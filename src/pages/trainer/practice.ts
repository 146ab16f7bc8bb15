import type { TurnEvent } from "../../engine/conversation.js";
import type { CompiledPacks, ConversationEvent } from "../../engine/index.js";
import { Replay } from "../../trainer/replay.js";
import type { Scenario } from "../../trainer/scenario.js";
import { ReplayPane } from "./replay-pane.js";

type Translate = (key: string, ...substitutions: string[]) => string;

const TICK_MS = 250;
const DRAFT_PAUSE_MS = 600;
const GAP_SECONDS = { min: 1, max: 15 };

export interface PracticeControls {
  reply: HTMLTextAreaElement;
  send: HTMLButtonElement;
  finish: HTMLButtonElement;
  status: HTMLElement;
}

/**
 * Practice: the customer's lines come from the scenario's first variant, each after the trainee's reply with the
 * script's own pause (at the chosen speed); the trainee types the agent's side, and the engine reads every draft and
 * sent reply as the worker would on a console, so nudges come live.
 */
export class Practice {
  readonly pane: ReplayPane;
  private readonly script: Array<{ turn: TurnEvent; gap: number }>;
  private nextLine = 0;
  private started = 0;
  private clock: ReturnType<typeof setInterval> | undefined;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private customerTimer: ReturnType<typeof setTimeout> | undefined;
  private lastDraft = "";
  finished = false;

  constructor(
    doc: Document,
    packs: CompiledPacks,
    readonly scenario: Scenario,
    interfaceLanguage: string,
    private readonly t: Translate,
    private readonly controls: PracticeControls,
    private readonly speed: () => number,
    private readonly onFinish: () => void,
  ) {
    const { language, channel, customerName } = scenario;
    const replay = new Replay(packs, { language, channel, customerName, events: [] }, interfaceLanguage, true);
    this.pane = new ReplayPane(doc, replay, t("trainerPracticeLabel"), `${scenario.id}-practice`, (pane, moment) => pane.highlight(moment.event));
    const events = scenario.variants[0]!.events;
    this.script = events.flatMap((event, i) => {
      if (event.type !== "turn" || event.speaker !== "customer") return [];
      const before = events[i - 1];
      return [{ turn: event, gap: before ? event.at - before.at : 0 }];
    });
  }

  start(): void {
    this.started = performance.now();
    const { reply, send, finish } = this.controls;
    reply.disabled = send.disabled = finish.disabled = false;
    reply.oninput = () => this.typed();
    reply.onkeydown = (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        this.send();
      }
    };
    send.onclick = () => this.send();
    finish.onclick = () => this.finish();
    this.clock = setInterval(() => this.apply(this.pane.replay.advanceTo(this.now())), TICK_MS);
    this.customerSays();
    reply.focus();
  }

  /** Seconds since the practice started. */
  private now(): number {
    return Math.round((performance.now() - this.started) / 100) / 10;
  }

  private apply(step: ReturnType<Replay["advanceTo"]>): void {
    this.pane.apply(step);
  }

  private push(event: ConversationEvent): void {
    this.apply(this.pane.replay.append(event));
  }

  /** The reply as typed so far goes to the engine once the trainee pauses, as a console's draft would. */
  private typed(): void {
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      const text = this.controls.reply.value.trim();
      if (!text || text === this.lastDraft || this.finished) return;
      this.lastDraft = text;
      this.push({ type: "draft", text, at: this.now() });
    }, DRAFT_PAUSE_MS);
  }

  private send(): void {
    const text = this.controls.reply.value.trim();
    if (!text || this.finished) return;
    clearTimeout(this.draftTimer);
    this.lastDraft = "";
    this.controls.reply.value = "";
    this.push({ type: "turn", speaker: "agent", text, at: this.now() });
    if (this.customerTimer === undefined) this.customerSays();
  }

  /** The customer's next scripted line, after the script's pause; "typing" meanwhile. */
  private customerSays(): void {
    const line = this.script[this.nextLine];
    if (!line) {
      this.controls.status.textContent = this.t("trainerPracticeScriptDone");
      return;
    }
    const gap = this.nextLine === 0 ? 0 : Math.min(GAP_SECONDS.max, Math.max(GAP_SECONDS.min, line.gap / this.speed()));
    this.nextLine += 1;
    if (gap > 0) this.push({ type: "typing", speaker: "customer", at: this.now(), until: this.now() + gap });
    this.customerTimer = setTimeout(() => {
      this.customerTimer = undefined;
      if (this.finished) return;
      this.push({ type: "turn", speaker: "customer", text: line.turn.text, at: this.now() });
    }, gap * 1000);
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.clock);
    clearTimeout(this.draftTimer);
    clearTimeout(this.customerTimer);
    const { reply, send, finish, status } = this.controls;
    reply.disabled = send.disabled = finish.disabled = true;
    status.textContent = this.t("trainerPracticeFinished");
    this.onFinish();
  }

  stop(): void {
    if (!this.finished) {
      this.finished = true;
      clearInterval(this.clock);
      clearTimeout(this.draftTimer);
      clearTimeout(this.customerTimer);
    }
  }

  /** The finished practice as a scenario of its own (the practice first, then the scenario's variants to compare). */
  asScenario(date: Date): Scenario {
    const { conversation, time } = this.pane.replay;
    const stamp = date.toISOString().slice(0, 16).replace(/[-:T]/g, "");
    return {
      ...this.scenario,
      id: `${this.scenario.id}-practice-${stamp}`.slice(0, 60),
      title: `${this.scenario.title} — ${this.t("trainerPracticeLabel")}`.slice(0, 120),
      source: `${this.t("trainerPracticeSource")} ${date.toISOString()}`,
      variants: [
        { id: "practice", label: this.t("trainerPracticeLabel"), events: conversation.events, endAt: time },
        ...this.scenario.variants.filter((v) => v.id !== "practice"),
      ].slice(0, 12),
    };
  }
}
