import type { Adapter } from "../adapters/adapter.js";
import type { ConversationContext } from "./transcript-session.js";

/** A draft is reported this long after the agent's last keystroke: each pause, not each key. */
export const DRAFT_DEBOUNCE_MS = 150;

/** How long what the agent typed is remembered, to recognise it when it shows up as a message. */
const SENT_MEMORY_MS = 5 * 60_000;

/** Text compared as a chat UI may show it: spacing and case aside. */
const comparable = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

/** Where an agent types, on consoles whose adapter does not say. */
const ANY_REPLY_BOX = "textarea, [contenteditable='true'], [contenteditable=''], [role='textbox']";

export function findReplyBox(adapter: Adapter | undefined, root: Document): Element | null {
  return adapter?.replyBox?.(root) ?? root.querySelector(ANY_REPLY_BOX);
}

function draftText(box: Element): string {
  const text = box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement ? box.value : (box as HTMLElement).innerText ?? box.textContent ?? "";
  return text.replace(/\s+/g, " ").trim();
}

/**
 * What the agent is doing besides the transcript: drafts typed in the reply box (debounced) and the customer's typing
 * indicator (start and end). Both become events of the conversation on screen.
 */
export class ComposeWatcher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastDraft = "";
  private typing = false;
  /** The last text the reply box held, and when: once sent, it shows up as the agent's message. */
  private typed: { text: string; at: number } | undefined;

  constructor(
    private readonly adapter: Adapter,
    private readonly conversation: () => ConversationContext | undefined,
  ) {
    // Input events bubble out of shadow roots, composed: one listener sees every reply box the page draws.
    document.addEventListener("input", (event) => this.onInput(event), true);
  }

  private onInput(event: Event): void {
    const box = findReplyBox(this.adapter, document);
    const target = event.composedPath()[0];
    if (!box || !(target instanceof Node) || !(box === target || box.contains(target))) return;
    const text = comparable(box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement ? box.value : box.textContent ?? "");
    if (text) this.typed = { text, at: Date.now() };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reportDraft(box), DRAFT_DEBOUNCE_MS);
  }

  private reportDraft(box: Element): void {
    const context = this.conversation();
    const text = draftText(box);
    if (!context || !text || text === this.lastDraft) return;
    this.lastDraft = text;
    context.send({ type: "draft", text, at: context.now() }, "live");
  }

  /** Whether a message's text is what the agent last typed in the reply box: then the message is the agent's. */
  sentByAgent(text: string): boolean {
    if (!this.typed || Date.now() - this.typed.at > SENT_MEMORY_MS) return false;
    const matches = comparable(text) === this.typed.text;
    if (matches) this.typed = undefined;
    return matches;
  }

  /** The reply was sent: the next draft starts a new reply, even if it begins with the same words. */
  replySent(): void {
    clearTimeout(this.timer);
    this.lastDraft = "";
  }

  /** Called after the page changed: the indicator is looked at once per batch of changes. */
  checkTyping(): void {
    const typing = this.adapter.customerTyping?.(document) ?? false;
    if (typing === this.typing) return;
    this.typing = typing;
    const context = this.conversation();
    if (!context) return;
    const at = context.now();
    context.send(typing ? { type: "typing", speaker: "customer", at } : { type: "typing", speaker: "customer", at, until: at }, "live");
  }
}
