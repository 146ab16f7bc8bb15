import type { CompiledPacks, ConversationEvent } from "../../engine/index.js";
import { PracticeCustomer, practiceScriptOf, replySignals } from "../../trainer/practice-customer.js";
import type { PracticeLine } from "../../trainer/practice-script.js";
import { Replay } from "../../trainer/replay.js";
import type { Scenario } from "../../trainer/scenario.js";
import { ReplayPane } from "./replay-pane.js";

type Translate = (key: string, ...substitutions: string[]) => string;

const TICK_MS = 250;
const DRAFT_PAUSE_MS = 600;
/** At 1×: a customer reads the reply before typing (replies sent meanwhile are one answer, not an interruption)… */
const READING_SECONDS = 1.5;
/** … and types a line without its own `typingSeconds` in a second, and a second per 20 characters. */
const typingSecondsOf = (line: PracticeLine) => line.typingSeconds ?? Math.min(12, 1 + line.says.length / 20);
const MIN_PAUSE_SECONDS = 0.3;

export interface PracticeControls {
  reply: HTMLTextAreaElement;
  send: HTMLButtonElement;
  hint: HTMLButtonElement;
  finish: HTMLButtonElement;
  /** Where the hint shows. */
  hintBox: HTMLElement;
  status: HTMLElement;
}

/**
 * Practice: the customer opens with the script's first line and answers the trainee's replies as the scenario's
 * practice script says, by what the replies carry (read by the packs' detector) — after a moment to read them and
 * the time to type the answer, at the chosen speed. The trainee types the agent's side; the engine reads every draft
 * and sent reply as the worker would on a console, so nudges come live.
 */
export class Practice {
  readonly pane: ReplayPane;
  private readonly customer: PracticeCustomer;
  /** What the customer is doing: waiting for a reply, reading one, typing the answer, or said their last line. */
  private phase: "waiting" | "reading" | "typing" | "done" = "waiting";
  /** The trainee's replies since the customer's last line, and whether one was sent while the customer typed. */
  private replies: string[] = [];
  private interrupted = false;
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
    this.pane = new ReplayPane(doc, replay, t("trainerPracticeLabel"), `${scenario.id}-practice`, (pane, moment) => pane.highlight(moment.event), true);
    this.customer = new PracticeCustomer(practiceScriptOf(scenario), (replies, interrupted) => replySignals(packs, language, replies, interrupted));
  }

  start(): void {
    this.started = performance.now();
    const { reply, send, hint, finish } = this.controls;
    reply.disabled = send.disabled = hint.disabled = finish.disabled = false;
    reply.oninput = () => this.typed();
    reply.onkeydown = (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        this.send();
      }
    };
    send.onclick = () => {
      this.send();
      reply.focus();
    };
    hint.onclick = () => {
      this.showHint();
      reply.focus();
    };
    finish.onclick = () => this.finish();
    this.clock = setInterval(() => this.pane.apply(this.pane.replay.advanceTo(this.now())), TICK_MS);
    this.say(this.customer.line);
    reply.focus();
  }

  /** Seconds since the practice started. */
  private now(): number {
    return Math.round((performance.now() - this.started) / 100) / 10;
  }

  private push(event: ConversationEvent): void {
    this.pane.apply(this.pane.replay.append(event));
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
    if (this.phase === "done") return;
    this.replies.push(text);
    if (this.phase === "typing") this.interrupted = true;
    if (this.phase !== "waiting") return;
    this.phase = "reading";
    this.customerTimer = setTimeout(() => this.typeAnswer(), this.pause(READING_SECONDS) * 1000);
  }

  /** Seconds at the chosen speed. */
  private pause(seconds: number): number {
    return Math.max(MIN_PAUSE_SECONDS, seconds / this.speed());
  }

  /** The customer types their answer ("typing" on screen and for the engine); what it says is settled when it is sent. */
  private typeAnswer(): void {
    if (this.finished) return;
    const line = this.customer.preview(this.replies, this.interrupted)!.line;
    const seconds = this.pause(typingSecondsOf(line));
    this.phase = "typing";
    this.push({ type: "typing", speaker: "customer", at: this.now(), until: this.now() + seconds });
    this.customerTimer = setTimeout(() => {
      if (this.finished) return;
      const answer = this.customer.answer(this.replies, this.interrupted)!;
      this.replies = [];
      this.interrupted = false;
      this.say(answer.line);
    }, seconds * 1000);
  }

  private say(line: PracticeLine): void {
    this.push({ type: "turn", speaker: "customer", text: line.says, at: this.now() });
    this.controls.hintBox.hidden = true;
    this.phase = this.customer.ended ? "done" : "waiting";
    if (this.customer.ended) this.controls.status.textContent = this.t("trainerPracticeScriptDone");
  }

  /** What a good agent would reply to the customer's latest line, from the script, in the scenario's language. */
  private showHint(): void {
    const { hintBox } = this.controls;
    // Answered already, the customer is reading or typing: the good move now is to let them finish.
    if (this.phase === "reading" || this.phase === "typing") {
      hintBox.replaceChildren(this.t("trainerHintWait"));
      hintBox.hidden = false;
      return;
    }
    const hint = this.customer.line.hint;
    const quote = hintBox.ownerDocument.createElement("q");
    quote.lang = this.scenario.language;
    quote.dir = "auto";
    quote.textContent = hint ?? "";
    hintBox.replaceChildren(hint ? this.t("trainerHintExample") : this.t("trainerHintNone"), ...(hint ? [" ", quote] : []));
    hintBox.hidden = false;
  }

  /** Ends the conversation: nobody types any more, and the nudges still open are missed. */
  finish(): void {
    if (this.finished) return;
    this.stop();
    this.pane.close();
    const { reply, send, hint, finish, hintBox, status } = this.controls;
    reply.disabled = send.disabled = hint.disabled = finish.disabled = true;
    hintBox.hidden = true;
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
