import { ruleNames, type ConversationEvent, type Nudge } from "../../engine/index.js";
import { overlayLabels } from "../../shared/overlay-setup.js";
import { Overlay, type OverlayLabels } from "../../overlay/overlay.js";
import type { Replay, ReplayStep } from "../../trainer/replay.js";
import { nudgeId, type Moment } from "../../trainer/scorecard.js";
import { pageLanguage, t, tCount, tIsolated } from "../i18n.js";
import { clockTime, scorecardPanel } from "../scorecard-panel.js";

/**
 * One conversation on screen: its transcript as it plays, the nudge card as an agent would see it (the overlay
 * component itself), the list of nudges raised so far, and its scorecard.
 */
export class ReplayPane {
  readonly element: HTMLElement;
  /** The scrolling log around the list of messages. */
  private readonly transcript: HTMLElement;
  private readonly messages: HTMLOListElement;
  private readonly live: HTMLElement;
  private readonly overlayMount: HTMLElement;
  private readonly log: HTMLUListElement;
  private readonly count: HTMLElement;
  private readonly scorecard: HTMLElement;
  private overlay!: Overlay;
  private readonly items = new Map<number, HTMLLIElement>();
  /** The nudges whose card this pane drew (`nudgeId`): the scorecard's "shown", as an agent's screen would count them. */
  private readonly drawn = new Set<string>();

  constructor(
    private readonly doc: Document,
    readonly replay: Replay,
    label: string,
    /** Names the exported scorecard's file: the scenario and variant. */
    private readonly exportName: string,
    private readonly onMoment: (pane: ReplayPane, moment: Moment) => void,
    /**
     * A practice, read like a chat: the customer's typing shows at the foot of the transcript until their line comes,
     * and the trainee's drafts stay in their reply box.
     */
    private readonly chat = false,
  ) {
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string) => {
      const node = doc.createElement(tag);
      if (className) node.className = className;
      return node;
    };
    this.element = el("section", "pane");
    const id = `pane-${Math.random().toString(36).slice(2, 8)}`;
    this.element.setAttribute("aria-labelledby", id);
    const heading = el("h2");
    heading.id = id;
    // The label may be in another script than the interface (a Persian variant in an English trainer).
    const name = el("bdi");
    name.textContent = label;
    heading.append(name);
    this.count = el("span", "count");
    heading.append(" · ", this.count);
    this.transcript = el("div", "transcript");
    this.messages = el("ol", "messages");
    this.transcript.append(this.messages);
    this.transcript.setAttribute("role", "log");
    this.transcript.setAttribute("aria-label", label);
    this.transcript.tabIndex = 0;
    this.live = el("p", chat ? "live typing muted" : "live muted");
    this.overlayMount = el("div", "overlay-mount");
    const nudgesHeading = el("h3");
    nudgesHeading.textContent = t("trainerNudges");
    this.log = el("ul", "nudge-log plain");
    const scoreHeading = el("h3");
    scoreHeading.textContent = t("trainerScorecard");
    this.scorecard = el("div", "scorecard-mount");
    this.element.append(heading, this.transcript, ...(chat ? [] : [this.live]), this.overlayMount, nudgesHeading, this.log, scoreHeading, this.scorecard);
    if (chat) this.transcript.append(this.live);
    this.reset();
  }

  /** Adds the button that opens this conversation's scorecard to hand out (the trainer knows what it is set against). */
  offerHandout(open: () => void): void {
    const button = this.doc.createElement("button");
    button.type = "button";
    button.className = "open-handout primary";
    button.textContent = t("handoutOpen");
    button.addEventListener("click", open);
    this.scorecard.before(button);
  }

  /** Shows what the replay's clock just moved past. */
  apply(step: ReplayStep): void {
    // The clock ticks ten times a second: redraw only when something happened.
    if (!step.events.length && !step.raised.length && !step.resolved.length) return;
    for (const { index, event } of step.events) this.show(index, event);
    this.overlay.update(step.raised, step.resolved);
    if (step.events.some(({ event }) => event.type === "turn" && event.speaker === "agent")) this.overlay.agentReplied();
    this.renderLog();
  }

  /** Puts the practice's reply box under the transcript, where a chat has it, with the nudge card below. */
  placeComposer(composer: HTMLElement): void {
    this.element.insertBefore(composer, this.overlayMount);
  }

  /** The conversation is over (a practice finished): nobody is typing any more, and its open nudges are resolved. */
  close(): void {
    this.apply(this.replay.close());
    this.setLive("");
  }

  /** Empties the pane for a replay started again. */
  reset(): void {
    this.messages.replaceChildren();
    this.items.clear();
    this.setLive("");
    this.overlayMount.replaceChildren();
    this.drawn.clear();
    const noop = () => undefined;
    const labels: OverlayLabels = overlayLabels(t);
    this.overlay = new Overlay(this.doc, {
      labels, autoHideSeconds: 0, compact: false, avoid: () => [], mountIn: this.overlayMount,
      ruleName: ruleNames(this.replay.packs.packs.flatMap((pack) => pack.rules), pageLanguage()),
      onFeedback: noop, onDismiss: noop, onMove: noop, onCompactChange: noop,
      // A card may be drawn later than its step (the one before it hidden): the scorecard follows.
      onShown: (nudge) => {
        this.drawn.add(nudgeId(nudge));
        this.renderLog();
      },
    });
    this.renderLog();
  }

  /** Marks the event a scorecard figure points at, and brings it into view. */
  highlight(index: number): void {
    for (const item of this.items.values()) item.classList.remove("highlight");
    const item = this.items.get(index);
    item?.classList.add("highlight");
    item?.scrollIntoView({ block: "nearest" });
  }

  /** The line under the transcript: who is typing (empty when nobody is). */
  private setLive(text: string): void {
    this.live.textContent = text;
    if (!this.chat) return;
    this.live.hidden = !text;
    this.transcript.scrollTop = this.transcript.scrollHeight;
  }

  private show(index: number, event: ConversationEvent): void {
    if (event.type === "typing") {
      if (!this.chat || event.speaker === "customer") this.setLive(t("trainerTyping"));
      return;
    }
    if (event.type === "draft") {
      if (!this.chat) this.live.replaceChildren(...tIsolated(this.doc, "trainerDraft", event.text));
      return;
    }
    // In a chat the customer types on while the trainee sends: only their own line ends their typing.
    if (!this.chat || event.speaker === "customer") this.setLive("");
    const item = this.doc.createElement("li");
    item.className = `turn ${event.speaker}`;
    item.dataset.event = String(index);
    item.dataset.speaker = event.speaker;
    const meta = this.doc.createElement("span");
    meta.className = "meta";
    meta.textContent = `${clockTime(event.at)} · ${t(event.speaker === "agent" ? "trainerAgent" : "trainerCustomer")}`;
    const text = this.doc.createElement("span");
    text.className = "text";
    text.dir = "auto";
    text.textContent = event.text;
    item.append(meta, text);
    this.messages.append(item);
    this.items.set(index, item);
    this.transcript.scrollTop = this.transcript.scrollHeight;
  }

  private renderLog(): void {
    const nudges = this.replay.nudges();
    this.count.textContent = tCount("trainerNudgeCount", nudges.length);
    this.element.dataset.nudges = String(nudges.length);
    this.log.replaceChildren(...nudges.map((nudge) => this.logItem(nudge)));
    // The pane has no reply box: nothing is inserted, nothing used.
    this.scorecard.replaceChildren(scorecardPanel(this.doc, this.replay.scorecard({ shown: this.drawn, used: new Set() }), {
        onMoment: (moment) => this.onMoment(this, moment),
        exportName: `scorecard-${this.exportName}.json`,
      }),
    );
  }

  private logItem(nudge: Nudge): HTMLLIElement {
    const item = this.doc.createElement("li");
    item.dataset.rule = nudge.rule;
    item.dataset.event = String(nudge.event);
    item.dataset.at = String(nudge.at);
    item.dataset.outcome = nudge.outcome;
    item.dataset.severity = nudge.severity;
    item.textContent = `${clockTime(nudge.at)} · ${nudge.message} (${t(`teamOutcome_${nudge.outcome}`)})`;
    return item;
  }
}
