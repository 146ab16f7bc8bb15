import type { Nudge } from "../engine/nudge.js";
import type { OverlayLabels } from "./overlay-labels.js";
import { icon, type IconName } from "./icons.js";
import { NudgeQueue } from "./nudge-queue.js";
import OVERLAY_STYLE from "./overlay.css";
import { placeBeside } from "./placement.js";
import { quotedReply } from "./quoted-reply.js";

export type { OverlayLabels };

export interface Position {
  left: number;
  top: number;
}

/** Why the agent found a nudge not helpful, when they say (the reasons the card offers after "not helpful"). */
export type FeedbackReason = "wrongMoment" | "misread";

/** What the page's sign says while something is snoozed: all coaching, or some rules, until when. */
export interface SnoozeSign {
  all: boolean;
  until: number;
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
  /** Where the agent types: the card keeps near it, and never covers it. */
  replyBox?(): Element | null;
  onFeedback(nudge: Nudge, helpful: boolean): void;
  /** The reason picked after "not helpful" (the rating itself was given already). */
  onReason?(nudge: Nudge, reason: FeedbackReason): void;
  onDismiss(nudge: Nudge): void;
  /**
   * Where given, the card's menu can snooze: this nudge's rule alone (`only`), or all coaching. The sign with Undo and
   * Resume follows what the page is told through `snoozed`.
   */
  onSnooze?(nudge: Nudge, only: boolean): void;
  onUndoSnooze?(nudge: Nudge, only: boolean): void;
  onResume?(): void;
  /** Where given, the sign shown while a call window listens to this tab (`listening`) has Stop. */
  onStopListening?(): void;
  /** A rule's name in the agent's interface language, for the card's menu ("Rule: Acknowledge frustration"); else its id. */
  ruleName?(id: string): string;
  /** The time of day in the agent's interface language, for the snooze sign. */
  timeOfDay?(at: number): string;
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
/** How long the card asks why a nudge was not helpful, and how long a snooze made on it can be undone. */
const ASK_MS = 8000;
const UNDO_MS = 8000;
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
  /** A passing card holds the panel until its timer: the thanks for a nudge followed, the question after "not helpful". */
  #interlude = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attached = false;
  /** The card's menu, and its "why" line, opened by the agent: for the card shown, until it changes. */
  #menuOpen = false;
  #whyOpen = false;
  #sign: SnoozeSign | undefined;
  #listening = false;
  /** A snooze just made on a card, with until when its Undo is offered. */
  #undo: { nudge: Nudge; only: boolean; until: number } | undefined;
  #signTimer: ReturnType<typeof setTimeout> | undefined;
  /** The card on screen (a nudge's, or a passing one): what the sign is drawn with. Never the warm-up's hidden card. */
  #drawn: HTMLElement | undefined;

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
    const card = this.#card({ rule: "", pack: "", event: 0, at: 0, severity: "tip", priority: 0, outcome: "open", message: labels.followed, suggestion: `“${labels.insert}”`, because: [labels.because] });
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
   * Draws a card (or none: the snooze sign alone) where it belongs. The host goes into the page with the first card
   * (or the warm-up) and is kept there against a hostile page from then on.
   */
  #show(card: HTMLElement | undefined): void {
    const signs = [this.#listeningElement(), this.#signElement()].filter((part): part is HTMLElement => !!part);
    this.#panel.style.visibility = "";
    this.#panel.replaceChildren(...[card, ...signs].filter((part): part is HTMLElement => !!part));
    if (!card && !signs.length) return;
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
      this.#pass(this.#card({ ...this.#shown, outcome: "followed" }), FOLLOWED_MS);
      return;
    }
    if (!this.#interlude) this.#render();
  }

  /**
   * The agent sent a reply: what the nudges waiting to be shown were about has passed. The card shown stays until the
   * reply is taken in, as the reply may be what it asked for (`withdraw` it then); it is returned.
   */
  agentReplied(): Nudge | undefined {
    this.#queue.dropWaiting(this.#shown);
    if (!this.#interlude) this.#render();
    return this.#shown;
  }

  /** A card whose moment has passed goes, shown or waiting; one shown as followed has its moment of thanks first. */
  withdraw(nudge: Nudge): void {
    if (!this.#queue.remove(nudge)) return;
    if (!this.#interlude) this.#render();
  }

  /** Insert the suggested reply on screen (the keyboard shortcut lands here); nothing when there is none. */
  insertCurrent(): void {
    const reply = this.#shown && quotedReply(this.#shown.suggestion);
    if (this.#shown && reply) this.#options.onInsert?.(this.#shown, reply);
  }

  /** Dismiss what is shown (the keyboard shortcut lands here). */
  dismissCurrent(): void {
    if (this.#interlude) return this.#render();
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

  /**
   * What is snoozed now, as storage says (here or in another tab): the page's sign shows it with Resume until it is
   * over. A snooze just made on this page's card offers Undo first.
   */
  snoozed(sign: SnoozeSign | undefined): void {
    // Nothing snoozed before or now: nothing to draw (and a warm-up under way is left alone).
    if (!sign && !this.#sign && !this.#undo) return;
    this.#sign = sign && sign.until > Date.now() ? sign : undefined;
    if (!this.#sign && this.#undo) this.#undo = undefined;
    this.#refreshSign();
  }

  /**
   * Whether a call window listens to this tab's audio now: while it does, the page says so, with Stop. Listening is
   * never hidden: the sign stays whatever the card does, as the browser's own capture mark does.
   */
  listening(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    this.#show(this.#drawn);
  }

  #render(): void {
    clearTimeout(this.#timer);
    this.#interlude = false;
    const previous = this.#shown;
    this.#shown = this.#queue.current();
    if (this.#shown !== previous) this.#menuOpen = this.#whyOpen = false;
    this.#account();
    this.#drawn = this.#shown && this.#card(this.#shown);
    this.#show(this.#drawn);
    if (!this.#shown) return;
    if (this.#options.autoHideSeconds > 0) {
      const nudge = this.#shown;
      this.#timer = setTimeout(() => {
        this.#queue.remove(nudge);
        this.#render();
      }, this.#options.autoHideSeconds * 1000);
    }
  }

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

  /** A passing card (the thanks for a nudge followed, the question after "not helpful"), then what comes next. */
  #pass(card: HTMLElement, ms: number): void {
    clearTimeout(this.#timer);
    this.#interlude = true;
    this.#shown = undefined;
    this.#account();
    this.#drawn = card;
    this.#show(card);
    this.#timer = setTimeout(() => this.#render(), ms);
  }

  #card(nudge: Nudge, asking = false): HTMLElement {
    const { labels } = this.#options;
    const card = element(this.#panel, "div", "card");
    // The nudge's own text decides its direction: a Persian nudge lays out right to left.
    card.dir = "auto";
    card.dataset.rule = nudge.rule;
    card.dataset.severity = nudge.severity;
    card.dataset.outcome = nudge.outcome;
    const compact = this.#options.compact && !this.#whyOpen;
    card.classList.toggle("compact", compact);
    const live = nudge.outcome !== "followed" && !asking;

    card.append(this.#head(nudge, live));
    const message = element(this.#panel, "p", "message");
    message.dataset.part = "message";
    message.textContent = nudge.message;
    card.append(message);
    // The menu takes the place of the card's body rather than adding to it: the card keeps its size, and so its place
    // beside the reply box, in a small or zoomed window too.
    if (live && this.#menuOpen) {
      card.append(this.#menu(nudge));
      return card;
    }
    if (!compact || nudge.outcome === "followed") {
      const suggestion = element(this.#panel, "p", "suggestion");
      suggestion.dataset.part = "suggestion";
      // In the conversation's language, which may not be the message's: an Italian reply on a Persian card.
      suggestion.dir = "auto";
      suggestion.textContent = nudge.suggestion;
      card.append(suggestion);
      if (nudge.because?.length) card.append(this.#because(nudge.because));
    }
    if (this.#whyOpen && live) {
      const rule = element(this.#panel, "p", "rule");
      rule.dataset.part = "rule";
      rule.textContent = labels.rule.replace("$1", this.#options.ruleName?.(nudge.rule) ?? nudge.rule);
      card.append(rule);
    }
    if (asking) card.append(this.#reasons(nudge));
    else if (live) card.append(this.#actions(nudge, compact));
    return card;
  }

  /**
   * The card's top line: the grip it is dragged by, the severity as an icon and a word (never colour alone), and, on
   * a live card, its menu and dismiss buttons.
   */
  #head(nudge: Nudge, live: boolean): HTMLElement {
    const { labels } = this.#options;
    const head = element(this.#panel, "div", "head");
    const grip = element(this.#panel, "span", "grip");
    grip.dataset.part = "handle";
    grip.append(icon(this.#panel.ownerDocument, "grip"));
    if (!this.#options.mountIn) this.#makeDraggable(grip);
    const severity = element(this.#panel, "span", "severity");
    severity.dataset.part = "severity";
    const kind: IconName = nudge.outcome === "followed" ? "followed" : nudge.severity;
    severity.append(icon(this.#panel.ownerDocument, kind), kind === "followed" ? labels.followed : labels[kind]);
    head.append(grip, severity);
    if (!live) return head;
    const menu = this.#iconButton("menu", labels.menu, "menu", () => {
      this.#menuOpen = !this.#menuOpen;
      this.#render();
    });
    menu.setAttribute("aria-expanded", String(this.#menuOpen));
    head.append(menu, this.#iconButton("close", labels.dismiss, "dismiss", () => this.dismissCurrent()));
    return head;
  }

  /** What the agent rarely needs, out of the way: snooze this nudge or all coaching, why it came, show more or less. */
  #menu(nudge: Nudge): HTMLElement {
    const { labels } = this.#options;
    const menu = element(this.#panel, "div", "menu-items");
    menu.dataset.part = "menu-items";
    const snooze = this.#options.onSnooze;
    if (snooze) {
      menu.append(
        this.#button(labels.snoozeRule, "snooze-rule", () => this.#snooze(nudge, true)),
        this.#button(labels.snoozeAll, "snooze", () => this.#snooze(nudge, false)),
      );
    }
    menu.append(
      this.#button(labels.why, "why", () => {
        this.#whyOpen = !this.#whyOpen;
        this.#menuOpen = false;
        this.#render();
      }),
      this.#button(this.#options.compact ? labels.expand : labels.collapse, "toggle", () => {
        this.#options.compact = !this.#options.compact;
        this.#options.onCompactChange(this.#options.compact);
        this.#menuOpen = false;
        this.#render();
      }),
    );
    return menu;
  }

  /** Insert, the one prominent action; the rating as two small icons at the end. */
  #actions(nudge: Nudge, compact: boolean): HTMLElement {
    const { labels } = this.#options;
    const actions = element(this.#panel, "div", "actions");
    const reply = this.#options.onInsert && quotedReply(nudge.suggestion);
    if (reply) {
      const insert = this.#button(labels.insert, "insert", () => this.#options.onInsert!(nudge, reply));
      insert.classList.add("primary");
      actions.append(insert);
    }
    if (!compact) {
      const rating = element(this.#panel, "span", "rating");
      rating.append(
        this.#iconButton("helpful", labels.helpful, "helpful", () => this.#rate(nudge, true)),
        this.#iconButton("notHelpful", labels.notHelpful, "not-helpful", () => this.#rate(nudge, false)),
      );
      actions.append(rating);
    }
    return actions;
  }

  /** After "not helpful": why, if the agent cares to say; the card goes by itself otherwise. */
  #reasons(nudge: Nudge): HTMLElement {
    const { labels } = this.#options;
    const reasons = element(this.#panel, "div", "reasons");
    reasons.dataset.part = "reasons";
    const ask = element(this.#panel, "span", "ask");
    ask.textContent = labels.reasonAsk;
    reasons.append(ask);
    for (const reason of ["wrongMoment", "misread"] as const) {
      reasons.append(this.#button(labels[reason], reason === "wrongMoment" ? "wrong-moment" : "misread", () => {
        this.#options.onReason?.(nudge, reason);
        this.#render();
      }));
    }
    return reasons;
  }

  #rate(nudge: Nudge, helpful: boolean): void {
    this.#options.onFeedback(nudge, helpful);
    this.#queue.remove(nudge);
    if (!helpful && this.#options.onReason) this.#pass(this.#card(nudge, true), ASK_MS);
    else this.#render();
  }

  #snooze(nudge: Nudge, only: boolean): void {
    this.#options.onSnooze?.(nudge, only);
    // The sign with Undo shows once the snooze is saved, as the page hears (`snoozed`).
    this.#undo = { nudge, only, until: Date.now() + UNDO_MS };
    if (only) {
      // The rule's other nudges waiting go too: snoozed from now.
      this.#queue.remove(nudge);
      this.#render();
    } else this.clear();
  }

  /** The sign while a call window listens to this tab: a mark, the words, and Stop. */
  #listeningElement(): HTMLElement | undefined {
    if (!this.#listening) return undefined;
    const { labels } = this.#options;
    const sign = element(this.#panel, "div", "sign listening");
    sign.dataset.part = "listening";
    sign.dir = "auto";
    sign.setAttribute("role", "status");
    const text = element(this.#panel, "span", "sign-text");
    text.textContent = labels.listening;
    sign.append(text);
    if (this.#options.onStopListening) sign.append(this.#button(labels.stopListening, "stop-listening", () => this.#options.onStopListening!()));
    return sign;
  }

  /** The sign while something is snoozed: Undo just after a snooze made here, Resume after that. */
  #signElement(): HTMLElement | undefined {
    const { labels } = this.#options;
    const now = Date.now();
    const shown = this.#sign;
    if (!shown || shown.until <= now) return undefined;
    const undo = this.#undo && now < this.#undo.until ? this.#undo : undefined;
    const sign = element(this.#panel, "div", "sign");
    sign.dataset.part = "sign";
    sign.dir = "auto";
    const text = element(this.#panel, "span", "sign-text");
    const until = this.#options.timeOfDay?.(shown.until) ?? new Date(shown.until).toLocaleTimeString();
    text.textContent = (shown.all ? labels.snoozedAll : labels.snoozedRules).replace("$1", until);
    sign.append(text);
    if (undo && this.#options.onUndoSnooze) {
      sign.append(this.#button(labels.undo, "undo", () => {
        this.#undo = undefined;
        this.#options.onUndoSnooze!(undo.nudge, undo.only);
        this.#refreshSign();
      }));
    } else if (this.#options.onResume) {
      sign.append(this.#button(labels.resume, "resume", () => {
        this.#undo = undefined;
        this.#options.onResume!();
      }));
    }
    return sign;
  }

  /** Draws the sign again as it now is, and again when its Undo or the snooze itself runs out. */
  #refreshSign(): void {
    clearTimeout(this.#signTimer);
    this.#show(this.#drawn);
    const now = Date.now();
    const next = [this.#undo?.until, this.#sign?.until].filter((at): at is number => at !== undefined && at > now);
    if (next.length) this.#signTimer = setTimeout(() => this.snoozed(this.#sign), Math.min(...next) - now + 50);
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

  #button(text: string, part: string, action: () => void): HTMLButtonElement {
    const button = element(this.#panel, "button", part);
    button.type = "button";
    button.dataset.part = part;
    button.textContent = text;
    // A mousedown would move focus out of the reply box; the click still works without it.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", action);
    return button;
  }

  /** A small button shown as an icon: its name is said to screen readers and shown on hover. */
  #iconButton(name: IconName, label: string, part: string, action: () => void): HTMLButtonElement {
    const button = this.#button("", part, action);
    button.classList.add("icon-button");
    button.title = label;
    button.setAttribute("aria-label", label);
    button.append(icon(this.#panel.ownerDocument, name));
    return button;
  }

  /** Near the reply box, beside the transcript where there is room (or where the agent dragged it), else a corner. */
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
    const replyBox = this.#options.replyBox?.()?.getBoundingClientRect();
    let beside = placeBeside(viewport, avoid, { width: CARD_WIDTH, height: this.#panel.offsetHeight }, replyBox);
    if (beside && beside.width < CARD_WIDTH) {
      // A narrower card is taller: measure it at its new width and place it again.
      this.#panel.style.width = `${beside.width}px`;
      beside = placeBeside(viewport, avoid, { width: beside.width, height: this.#panel.offsetHeight }, replyBox);
    }
    if (beside) {
      this.#panel.style.width = `${beside.width}px`;
      this.#place(beside.left, beside.top);
    } else {
      this.#panel.style.width = `${Math.min(CARD_WIDTH, viewport.width - 2 * EDGE)}px`;
      // The corner away from the reply box: a card over what the agent types would be in the way of the reply itself.
      const bottom = viewport.height - this.#panel.offsetHeight - EDGE;
      const top = replyBox && replyBox.top < viewport.height / 2 ? bottom : replyBox ? EDGE : bottom;
      this.#place(viewport.width - this.#panel.offsetWidth - EDGE, top);
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
