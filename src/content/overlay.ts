import type { Nudge } from "../engine/nudge.js";
import { NudgeQueue } from "./nudge-queue.js";
import { OVERLAY_STYLE } from "./overlay-style.js";

export interface OverlayLabels {
  dismiss: string;
  helpful: string;
  notHelpful: string;
  snooze: string;
  expand: string;
  collapse: string;
  followed: string;
}

export interface OverlayOptions {
  labels: OverlayLabels;
  /** Right-to-left interface language (Persian). */
  rtl: boolean;
  /** Seconds a nudge stays before it hides by itself; 0 keeps it until dealt with. */
  autoHideSeconds: number;
  compact: boolean;
  /** Where the agent last dragged the overlay on this site, from the bottom-right corner. */
  position?: { right: number; bottom: number } | undefined;
  onFeedback(nudge: Nudge, helpful: boolean): void;
  onDismiss(nudge: Nudge): void;
  onSnooze(): void;
  onMove(position: { right: number; bottom: number }): void;
  onCompactChange(compact: boolean): void;
}

const FOLLOWED_MS = 2500;

/**
 * The nudge card, drawn in a closed shadow root so that neither the page's CSS nor its scripts can reach it. It shows
 * one nudge at a time and never takes focus: the agent keeps typing in the reply box while nudges come and go. Its
 * buttons can be reached with Tab on purpose, but a click does not move focus to them.
 */
export class Overlay {
  private readonly host: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly queue = new NudgeQueue();
  private shown: Nudge | undefined;
  private confirming = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    doc: Document,
    private readonly options: OverlayOptions,
  ) {
    this.host = doc.createElement("attune-overlay");
    const root = this.host.attachShadow({ mode: "closed" });
    // A constructed sheet, not a <style> element: the page's CSP cannot block it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(OVERLAY_STYLE);
    root.adoptedStyleSheets = [sheet];
    this.panel = doc.createElement("div");
    this.panel.className = "panel";
    this.panel.dir = options.rtl ? "rtl" : "ltr";
    this.panel.setAttribute("role", "status");
    this.panel.setAttribute("aria-live", "polite");
    this.place(options.position);
    root.append(this.panel);
    doc.documentElement.append(this.host);
  }

  /** What the worker sent: nudges raised and nudges whose outcome was decided. */
  update(raised: readonly Nudge[], resolved: readonly Nudge[]): void {
    this.queue.add(raised);
    const followed = this.queue.resolve(resolved).find((nudge) => nudge.outcome === "followed");
    if (followed && this.shown && followed.rule === this.shown.rule && followed.event === this.shown.event) {
      this.confirm(followed);
      return;
    }
    if (!this.confirming) this.render();
  }

  /** The agent sent a reply: what earlier nudges were about has passed. */
  agentReplied(event: number): void {
    this.queue.dropStale(event, this.shown);
    if (!this.confirming) this.render();
  }

  /** Dismiss what is shown (the keyboard shortcut lands here). */
  dismissCurrent(): void {
    if (!this.shown) return;
    const nudge = this.shown;
    this.queue.remove(nudge);
    this.options.onDismiss(nudge);
    this.render();
  }

  clear(): void {
    this.queue.dropStale(Number.POSITIVE_INFINITY, undefined);
    this.render();
  }

  private render(): void {
    clearTimeout(this.timer);
    this.confirming = false;
    this.shown = this.queue.current();
    if (!this.shown) {
      this.panel.replaceChildren();
      return;
    }
    this.panel.replaceChildren(this.card(this.shown));
    if (this.options.autoHideSeconds > 0) {
      const nudge = this.shown;
      this.timer = setTimeout(() => {
        this.queue.remove(nudge);
        this.render();
      }, this.options.autoHideSeconds * 1000);
    }
  }

  /** The agent did what the nudge asked: say so briefly, then move on. */
  private confirm(nudge: Nudge): void {
    clearTimeout(this.timer);
    this.confirming = true;
    this.shown = undefined;
    this.panel.replaceChildren(this.card({ ...nudge, outcome: "followed" }));
    this.timer = setTimeout(() => this.render(), FOLLOWED_MS);
  }

  private card(nudge: Nudge): HTMLElement {
    const { labels } = this.options;
    const card = element(this.panel, "div", "card");
    card.dataset.rule = nudge.rule;
    card.dataset.severity = nudge.severity;
    card.dataset.outcome = nudge.outcome;
    card.classList.toggle("compact", this.options.compact);

    const handle = element(this.panel, "div", "handle");
    handle.setAttribute("aria-hidden", "true");
    this.makeDraggable(handle);

    const message = element(this.panel, "p", "message");
    message.dataset.part = "message";
    if (nudge.outcome === "followed") {
      const check = element(this.panel, "span", "check");
      check.textContent = "✓ ";
      check.setAttribute("aria-label", labels.followed);
      message.append(check);
    }
    message.append(nudge.message);
    const suggestion = element(this.panel, "p", "suggestion");
    suggestion.dataset.part = "suggestion";
    suggestion.textContent = nudge.suggestion;
    card.append(handle, message, suggestion);

    if (nudge.outcome !== "followed") {
      const actions = element(this.panel, "div", "actions");
      actions.append(
        this.button("👍", labels.helpful, "helpful", () => this.feedback(nudge, true)),
        this.button("👎", labels.notHelpful, "not-helpful", () => this.feedback(nudge, false)),
        this.button(labels.snooze, labels.snooze, "snooze", () => {
          this.options.onSnooze();
          this.clear();
        }),
        this.button(this.options.compact ? "▸" : "▾", this.options.compact ? labels.expand : labels.collapse, "toggle", () => {
          this.options.compact = !this.options.compact;
          this.options.onCompactChange(this.options.compact);
          this.render();
        }),
      );
      card.append(actions, this.button("×", labels.dismiss, "dismiss", () => this.dismissCurrent()));
    }
    return card;
  }

  private feedback(nudge: Nudge, helpful: boolean): void {
    this.options.onFeedback(nudge, helpful);
    this.queue.remove(nudge);
    this.render();
  }

  private button(text: string, label: string, part: string, action: () => void): HTMLButtonElement {
    const button = element(this.panel, "button", part);
    button.type = "button";
    button.dataset.part = part;
    button.textContent = text;
    button.title = label;
    button.setAttribute("aria-label", label);
    // A mousedown would move focus out of the reply box; the click still works without it.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", action);
    return button;
  }

  private place(position: OverlayOptions["position"]): void {
    this.panel.style.right = `${position?.right ?? 16}px`;
    this.panel.style.bottom = `${position?.bottom ?? 16}px`;
  }

  private makeDraggable(handle: HTMLElement): void {
    handle.addEventListener("pointerdown", (down) => {
      down.preventDefault();
      const start = { x: down.clientX, y: down.clientY, right: parseFloat(this.panel.style.right), bottom: parseFloat(this.panel.style.bottom) };
      const view = this.panel.ownerDocument.defaultView!;
      const clamp = (value: number, max: number) => Math.min(Math.max(0, value), Math.max(0, max));
      const move = (event: PointerEvent) => {
        this.place({
          right: clamp(start.right - (event.clientX - start.x), view.innerWidth - 80),
          bottom: clamp(start.bottom - (event.clientY - start.y), view.innerHeight - 40),
        });
      };
      const up = () => {
        handle.removeEventListener("pointermove", move);
        handle.removeEventListener("pointerup", up);
        this.options.onMove({ right: parseFloat(this.panel.style.right), bottom: parseFloat(this.panel.style.bottom) });
      };
      handle.setPointerCapture(down.pointerId);
      handle.addEventListener("pointermove", move);
      handle.addEventListener("pointerup", up);
    });
  }
}

function element<K extends keyof HTMLElementTagNameMap>(near: Element, tag: K, className: string): HTMLElementTagNameMap[K] {
  const el = near.ownerDocument.createElement(tag);
  el.className = className;
  return el;
}
