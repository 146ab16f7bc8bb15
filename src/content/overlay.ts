import type { Nudge } from "../engine/nudge.js";

const SEVERITY_RANK = { alert: 3, warn: 2, tip: 1 } as const;

const STYLE = `
:host { all: initial; }
.panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: 340px;
  font: 14px/1.4 system-ui, sans-serif; color: #1b1f24; pointer-events: none; }
.card { pointer-events: auto; background: #fff; border: 1px solid #c8d1dc; border-left: 6px solid #2f6fde;
  border-radius: 8px; padding: 10px 36px 10px 12px; box-shadow: 0 4px 16px rgba(0,0,0,.18); position: relative; }
.card[data-severity="warn"] { border-left-color: #b35c00; }
.card[data-severity="alert"] { border-left-color: #c4291c; }
.card[data-outcome="followed"] { border-left-color: #1f7a3a; }
.message { font-weight: 600; margin: 0 0 4px; }
.suggestion { margin: 0; color: #3d4753; }
.close { position: absolute; top: 6px; right: 6px; border: 0; background: transparent; font-size: 18px;
  line-height: 1; cursor: pointer; color: #3d4753; padding: 2px 6px; }
.check { color: #1f7a3a; font-weight: 700; margin-right: 4px; }
@media (prefers-color-scheme: dark) {
  .card { background: #1e2329; color: #e8ecf0; border-color: #3a434d; }
  .suggestion, .close { color: #c5ced8; }
}
`;

/**
 * The nudge card, drawn in a closed shadow root so that neither the page's CSS nor its scripts can reach it. It never
 * takes focus: the agent keeps typing in the reply box while nudges come and go.
 */
export class Overlay {
  private readonly host: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly open = new Map<string, Nudge>();
  private clearTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(doc: Document) {
    this.host = doc.createElement("attune-overlay");
    const root = this.host.attachShadow({ mode: "closed" });
    // A constructed sheet, not a <style> element: the page's CSP cannot block it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
    this.panel = doc.createElement("div");
    this.panel.className = "panel";
    this.panel.setAttribute("role", "status");
    this.panel.setAttribute("aria-live", "polite");
    root.append(this.panel);
    doc.documentElement.append(this.host);
  }

  show(raised: readonly Nudge[], resolved: readonly Nudge[]): void {
    for (const nudge of raised) this.open.set(nudgeKey(nudge), nudge);
    const followed = resolved.find((n) => n.outcome === "followed" && this.open.has(nudgeKey(n)));
    for (const nudge of resolved) this.open.delete(nudgeKey(nudge));
    if (followed && !raised.length) this.confirm(followed);
    else this.render();
  }

  private top(): Nudge | undefined {
    return [...this.open.values()].sort(
      (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.priority - a.priority || b.at - a.at,
    )[0];
  }

  private render(): void {
    clearTimeout(this.clearTimer);
    const nudge = this.top();
    this.panel.replaceChildren(...(nudge ? [this.card(nudge)] : []));
  }

  /** The agent did what the nudge asked: say so briefly, then clear. */
  private confirm(nudge: Nudge): void {
    const card = this.card({ ...nudge, outcome: "followed" });
    const check = this.panel.ownerDocument.createElement("span");
    check.className = "check";
    check.textContent = "✓";
    card.querySelector(".message")?.prepend(check);
    this.panel.replaceChildren(card);
    clearTimeout(this.clearTimer);
    this.clearTimer = setTimeout(() => this.render(), 2500);
  }

  private card(nudge: Nudge): HTMLElement {
    const doc = this.panel.ownerDocument;
    const card = doc.createElement("div");
    card.className = "card";
    card.dataset.rule = nudge.rule;
    card.dataset.severity = nudge.severity;
    card.dataset.outcome = nudge.outcome;
    const message = doc.createElement("p");
    message.className = "message";
    message.dataset.part = "message";
    message.textContent = nudge.message;
    const suggestion = doc.createElement("p");
    suggestion.className = "suggestion";
    suggestion.dataset.part = "suggestion";
    suggestion.textContent = nudge.suggestion;
    const close = doc.createElement("button");
    close.className = "close";
    close.type = "button";
    close.tabIndex = -1;
    close.textContent = "×";
    close.setAttribute("aria-label", "Dismiss");
    // Keep focus where the agent is typing: a mousedown would otherwise move it to the button.
    close.addEventListener("mousedown", (event) => event.preventDefault());
    close.addEventListener("click", () => {
      this.open.delete(nudgeKey(nudge));
      this.render();
    });
    card.append(message, suggestion, close);
    return card;
  }
}

function nudgeKey(nudge: Nudge): string {
  return `${nudge.rule}\u0000${nudge.event}`;
}
