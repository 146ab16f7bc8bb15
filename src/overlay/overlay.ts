import type { Nudge } from "../engine/nudge.js";
import { NudgeQueue } from "./nudge-queue.js";
import OVERLAY_STYLE from "./overlay.css";
import { placeBeside } from "./placement.js";
import { quotedReply } from "./quoted-reply.js";

export interface OverlayLabels {
  dismiss: string;
  helpful: string;
  notHelpful: string;
  snooze: string;
  expand: string;
  collapse: string;
  followed: string;
  insert: string;
  /** Opens the line of words that raised the nudge ("because:"). */
  because: string;
}

export interface Position {
  left: number;
  top: number;
}

export interface OverlayOptions {
  labels: OverlayLabels;
  /** Seconds a nudge stays before it hides by itself; 0 keeps it until dealt with. */
  autoHideSeconds: number;
  compact: boolean;
  /** Where the agent last dragged the overlay on this site; otherwise it places itself beside `avoid`. */
  position?: Position | undefined;
  /** What the card must not cover: the transcript and the reply box. */
  avoid(): Element[];
  onFeedback(nudge: Nudge, helpful: boolean): void;
  onDismiss(nudge: Nudge): void;
  onSnooze(): void;
  /** Where given, a card whose suggestion quotes a reply has an Insert button: `reply` is that reply. */
  onInsert?(nudge: Nudge, reply: string): void;
  /** A card drawn for the first time: the agent saw this nudge. */
  onShown?(nudge: Nudge): void;
  /** Nudges given to the overlay that left it without ever being drawn (stale, or replaced, before their turn). */
  onUnshown?(nudges: Nudge[]): void;
  onMove(position: Position): void;
  onCompactChange(compact: boolean): void;
  /**
   * Draw inside this element of one of Attune's own pages (the options page's preview, the trainer) instead of over a
   * console page: the shadow root is open there, and the card sits in the page's flow.
   */
  mountIn?: Element | undefined;
}

const FOLLOWED_MS = 2500;
const CARD_WIDTH = 360;
const EDGE = 16;
const HOST_STYLE = "all: initial !important; display: block !important; position: static !important; visibility: visible !important; opacity: 1 !important;";

/**
 * A host element is the one part of a closed-shadow-root UI (the overlay, the teach picker) in the page's own DOM.
 * Inline !important declarations outrank any page stylesheet, and a page that removes the host or rewrites its style
 * gets it back as it was, until the observer returned is disconnected.
 */
export function guardHost(host: HTMLElement): MutationObserver {
  const doc = host.ownerDocument;
  const restore = () => {
    if (host.getAttribute("style") !== HOST_STYLE) host.setAttribute("style", HOST_STYLE);
    if (host.parentNode !== doc.documentElement) doc.documentElement.append(host);
  };
  restore();
  const observer = new MutationObserver(restore);
  observer.observe(host, { attributes: true });
  observer.observe(doc.documentElement, { childList: true });
  return observer;
}

/**
 * A constructed sheet, not a <style> element: the page's CSP cannot block it. Firefox refuses `adoptedStyleSheets`
 * to content scripts (the Xray wrapper around the shadow root throws, Mozilla bug 1751346); there the style goes in a
 * <style> element, which Firefox does not hold to the page's CSP when a content script inserts it.
 */
export function adoptStyle(doc: Document, root: ShadowRoot, css: string = OVERLAY_STYLE): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement("style");
    style.textContent = css;
    root.append(style);
  }
}

/**
 * The nudge card, drawn in a closed shadow root so that neither the page's CSS nor its scripts can reach it. It shows
 * one nudge at a time and never takes focus: the agent keeps typing in the reply box while nudges come and go. Its
 * buttons can be reached with Tab on purpose, but a click does not move focus to them.
 */
export class Overlay {
  readonly #host: HTMLElement;
  readonly #panel: HTMLElement;
  readonly #queue = new NudgeQueue();
  /** Nudges given to the overlay whose card has not been drawn yet. */
  readonly #undrawn = new Set<Nudge>();
  #shown: Nudge | undefined;
  #confirming = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attached = false;

  readonly #options: OverlayOptions;

  constructor(doc: Document, options: OverlayOptions) {
    this.#options = options;
    this.#host = doc.createElement("attune-overlay");
    const root = this.#host.attachShadow({ mode: options.mountIn ? "open" : "closed" });
    adoptStyle(doc, root);
    this.#panel = doc.createElement("div");
    this.#panel.className = "panel";
    this.#panel.setAttribute("role", "status");
    this.#panel.setAttribute("aria-live", "polite");
    root.append(this.#panel);
    if (options.mountIn) {
      this.#panel.classList.add("inline");
      options.mountIn.append(this.#host);
      this.#attached = true;
    }
  }

  /**
   * The first card on a page costs a style and layout pass of a new subtree and, on Linux, font lookups through the
   * browser: tens of milliseconds that would stand between the message and its nudge. A hidden card laid out while the
   * page is idle pays them in advance, a part at a time (`idle` runs each step in an idle moment of its own): the whole
   * card in one step took 50–80 ms in a fresh browser's first page, most of it looking up its fonts. The (empty) host
   * stays in the page from then on.
   */
  warmUp(idle: (step: () => void) => void): void {
    if (this.#attached) return;
    const { labels } = this.#options;
    const card = this.#card({ rule: "", pack: "", event: 0, at: 0, severity: "tip", priority: 0, outcome: "open", message: labels.followed, suggestion: labels.snooze });
    const parts = [...card.children];
    card.replaceChildren();
    this.#show(card);
    this.#panel.style.visibility = "hidden";
    const layOut = (next: number) => idle(() => {
      // A real card came first: it is shown, and the rest of the warm-up is not needed.
      if (this.#panel.firstChild !== card) return;
      const part = parts[next];
      if (!part) return this.#panel.replaceChildren();
      card.append(part);
      void card.offsetHeight;
      layOut(next + 1);
    });
    layOut(0);
  }

  /**
   * Draws a card where it belongs. The host goes into the page with the first card (or the warm-up) and is kept there
   * against a hostile page from then on.
   */
  #show(card: HTMLElement): void {
    this.#panel.style.visibility = "";
    this.#panel.replaceChildren(card);
    if (!this.#attached) {
      this.#attached = true;
      guardHost(this.#host);
    }
    this.#position();
  }

  /** What the worker sent: nudges raised and nudges whose outcome was decided. */
  update(raised: readonly Nudge[], resolved: readonly Nudge[]): void {
    this.#queue.add(raised);
    for (const nudge of raised) this.#undrawn.add(nudge);
    const followed = this.#queue.resolve(resolved).find((nudge) => nudge.outcome === "followed");
    if (followed && this.#shown && followed.rule === this.#shown.rule && followed.event === this.#shown.event) {
      // The card as it was raised: an outcome carries neither the words that raised it nor the slots they filled.
      this.#confirm(this.#shown);
      return;
    }
    if (!this.#confirming) this.#render();
  }

  /**
   * The agent sent a reply: what the nudges waiting to be shown were about has passed. The card shown stays until the
   * reply is taken in, as the reply may be what it asked for (`withdraw` it then); it is returned.
   */
  agentReplied(): Nudge | undefined {
    this.#queue.dropWaiting(this.#shown);
    if (!this.#confirming) this.#render();
    return this.#shown;
  }

  /** A card whose moment has passed goes, shown or waiting; one shown as followed has its moment of thanks first. */
  withdraw(nudge: Nudge): void {
    if (!this.#queue.remove(nudge)) return;
    if (!this.#confirming) this.#render();
  }

  /** Insert the suggested reply on screen (the keyboard shortcut lands here); nothing when there is none. */
  insertCurrent(): void {
    const reply = this.#shown && quotedReply(this.#shown.suggestion);
    if (this.#shown && reply) this.#options.onInsert?.(this.#shown, reply);
  }

  /** Dismiss what is shown (the keyboard shortcut lands here). */
  dismissCurrent(): void {
    if (!this.#shown) return;
    const nudge = this.#shown;
    this.#queue.remove(nudge);
    this.#options.onDismiss(nudge);
    this.#render();
  }

  clear(): void {
    this.#queue.dropWaiting(undefined);
    this.#render();
  }

  #render(): void {
    clearTimeout(this.#timer);
    this.#confirming = false;
    this.#shown = this.#queue.current();
    this.#account();
    if (!this.#shown) {
      this.#panel.replaceChildren();
      return;
    }
    this.#show(this.#card(this.#shown));
    if (this.#options.autoHideSeconds > 0) {
      const nudge = this.#shown;
      this.#timer = setTimeout(() => {
        this.#queue.remove(nudge);
        this.#render();
      }, this.#options.autoHideSeconds * 1000);
    }
  }

  /** The agent did what the nudge asked: say so briefly, then move on. */
  /**
   * Says which nudges the agent now sees for the first time, and which left without being seen: what "shown" counts,
   * in the popup, the statistics and the density limit.
   */
  #account(): void {
    if (this.#shown && this.#undrawn.delete(this.#shown)) this.#options.onShown?.(this.#shown);
    const unseen = [...this.#undrawn].filter((nudge) => !this.#queue.has(nudge));
    for (const nudge of unseen) this.#undrawn.delete(nudge);
    if (unseen.length) this.#options.onUnshown?.(unseen);
  }

  #confirm(nudge: Nudge): void {
    clearTimeout(this.#timer);
    this.#confirming = true;
    this.#shown = undefined;
    this.#account();
    this.#show(this.#card({ ...nudge, outcome: "followed" }));
    this.#timer = setTimeout(() => this.#render(), FOLLOWED_MS);
  }

  #card(nudge: Nudge): HTMLElement {
    const { labels } = this.#options;
    const card = element(this.#panel, "div", "card");
    // The nudge's own text decides its direction: a Persian nudge lays out right to left.
    card.dir = "auto";
    card.dataset.rule = nudge.rule;
    card.dataset.severity = nudge.severity;
    card.dataset.outcome = nudge.outcome;
    card.classList.toggle("compact", this.#options.compact);

    const handle = element(this.#panel, "div", "handle");
    handle.dataset.part = "handle";
    handle.setAttribute("aria-hidden", "true");
    this.#makeDraggable(handle);

    const message = element(this.#panel, "p", "message");
    message.dataset.part = "message";
    if (nudge.outcome === "followed") {
      const check = element(this.#panel, "span", "check");
      check.textContent = "✓ ";
      check.setAttribute("aria-label", labels.followed);
      message.append(check);
    }
    message.append(nudge.message);
    const suggestion = element(this.#panel, "p", "suggestion");
    suggestion.dataset.part = "suggestion";
    // In the conversation's language, which may not be the message's: an Italian reply on a Persian card.
    suggestion.dir = "auto";
    suggestion.textContent = nudge.suggestion;
    card.append(handle, message, suggestion);
    if (nudge.because?.length) card.append(this.#because(nudge.because));

    if (nudge.outcome !== "followed") {
      const actions = element(this.#panel, "div", "actions");
      const reply = this.#options.onInsert && quotedReply(nudge.suggestion);
      if (reply) actions.append(this.#button(labels.insert, labels.insert, "insert", () => this.#options.onInsert!(nudge, reply)));
      actions.append(
        this.#button(labels.helpful, labels.helpful, "helpful", () => this.#feedback(nudge, true)),
        this.#button(labels.notHelpful, labels.notHelpful, "not-helpful", () => this.#feedback(nudge, false)),
        this.#button(labels.snooze, labels.snooze, "snooze", () => {
          this.#options.onSnooze();
          this.clear();
        }),
        this.#button(this.#options.compact ? "▸" : "▾", this.#options.compact ? labels.expand : labels.collapse, "toggle", () => {
          this.#options.compact = !this.#options.compact;
          this.#options.onCompactChange(this.#options.compact);
          this.#render();
        }),
      );
      card.append(actions, this.#button("×", labels.dismiss, "dismiss", () => this.dismissCurrent()));
    }
    return card;
  }

  /** "because: “third time”, “!!!”": the words of the turn that raised the nudge, each as its speaker wrote it. */
  #because(words: readonly string[]): HTMLElement {
    const line = element(this.#panel, "p", "because");
    line.dataset.part = "because";
    line.append(`${this.#options.labels.because} `);
    words.forEach((said, i) => {
      const quote = element(this.#panel, "q", "said");
      // Each quote keeps the direction of its own words: a Persian phrase in an English card reads right to left.
      quote.dir = "auto";
      quote.textContent = said;
      line.append(...(i ? [", ", quote] : [quote]));
    });
    return line;
  }

  #feedback(nudge: Nudge, helpful: boolean): void {
    this.#options.onFeedback(nudge, helpful);
    this.#queue.remove(nudge);
    this.#render();
  }

  #button(text: string, label: string, part: string, action: () => void): HTMLButtonElement {
    const button = element(this.#panel, "button", part);
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

  /** Beside the transcript and reply box where there is room (or where the agent dragged it), else a corner. */
  #position(): void {
    if (this.#options.mountIn) return;
    const view = this.#panel.ownerDocument.defaultView!;
    const viewport = { width: view.innerWidth, height: view.innerHeight };
    this.#panel.style.width = `${Math.min(CARD_WIDTH, viewport.width - 2 * EDGE)}px`;
    const saved = this.#options.position;
    if (saved) {
      this.#place(saved.left, saved.top);
      return;
    }
    const avoid = this.#options.avoid().map((el) => el.getBoundingClientRect());
    let beside = placeBeside(viewport, avoid, { width: CARD_WIDTH, height: this.#panel.offsetHeight });
    if (beside && beside.width < CARD_WIDTH) {
      // A narrower card is taller: measure it at its new width and place it again.
      this.#panel.style.width = `${beside.width}px`;
      beside = placeBeside(viewport, avoid, { width: beside.width, height: this.#panel.offsetHeight });
    }
    if (beside) {
      this.#panel.style.width = `${beside.width}px`;
      this.#place(beside.left, beside.top);
    } else {
      this.#panel.style.width = `${Math.min(CARD_WIDTH, viewport.width - 2 * EDGE)}px`;
      this.#place(viewport.width - this.#panel.offsetWidth - EDGE, viewport.height - this.#panel.offsetHeight - EDGE);
    }
  }

  #place(left: number, top: number): void {
    const view = this.#panel.ownerDocument.defaultView!;
    const clamp = (value: number, max: number) => Math.min(Math.max(0, value), Math.max(0, max));
    this.#panel.style.left = `${clamp(left, view.innerWidth - 80)}px`;
    this.#panel.style.top = `${clamp(top, view.innerHeight - 40)}px`;
  }

  #makeDraggable(handle: HTMLElement): void {
    handle.addEventListener("pointerdown", (down) => {
      down.preventDefault();
      const start = { x: down.clientX, y: down.clientY, left: parseFloat(this.#panel.style.left), top: parseFloat(this.#panel.style.top) };
      const move = (event: PointerEvent) => this.#place(start.left + event.clientX - start.x, start.top + event.clientY - start.y);
      const up = () => {
        handle.removeEventListener("pointermove", move);
        handle.removeEventListener("pointerup", up);
        this.#options.position = { left: parseFloat(this.#panel.style.left), top: parseFloat(this.#panel.style.top) };
        this.#options.onMove(this.#options.position);
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
