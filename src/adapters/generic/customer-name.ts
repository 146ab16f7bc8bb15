import { NAME } from "../message-text.js";
import { chatScope } from "./message-items.js";

// The customer's name, so that nudges and suggestions can use it: where the page says who the chat is with (a title
// such as "Chat with Sam Taylor"), else the name the chat shows on the customer's messages.

const CHAT_WITH = /(?:chat(?:ting)?|conversation|talking)\s+(?:with|con|cu)\s+(.{2,60}?)\s*(?:[-–—|·(]|$)|گفتگو با\s+(.{2,60})/i;

/** A name as the page shows it: a few words, no sentence. */
const isName = (text: string) => text.length >= 2 && text.length <= 60 && !/[.!?:]/.test(text) && text.split(/\s+/).length <= 4;

/**
 * Names seen on customers' messages, per conversation: a console showing one chat after another in the same pane has
 * a different customer in each, and the one written to most is not the one on screen.
 */
export class NameBook {
  readonly #seen = new Map<string, Map<string, number>>();
  readonly #labels = new Set<string>();

  /** Names shown on a customer's message in the conversation. */
  note(conversation: string, names: readonly string[]): void {
    let counts = this.#seen.get(conversation);
    if (!counts) this.#seen.set(conversation, (counts = new Map()));
    for (const name of names) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      this.#labels.add(name);
    }
  }

  /** Every name the chat UI shows on messages, in any conversation: labels, never part of a message's text. */
  get labels(): ReadonlySet<string> {
    return this.#labels;
  }

  customerName(doc: Document, transcript: Element | undefined, conversation: string): string | undefined {
    const scope = transcript && chatScope(transcript);
    const headings = scope ? [...scope.querySelectorAll("h1, h2, h3, [role='heading']")] : [];
    for (const text of [doc.title, ...headings.map((el) => el.textContent ?? "")]) {
      const match = CHAT_WITH.exec(text.trim());
      const name = (match?.[1] ?? match?.[2])?.trim();
      if (name && isName(name)) return name;
    }
    const counts = this.#seen.get(conversation) ?? new Map<string, number>();
    let best: string | undefined;
    for (const [name, count] of counts) if (!best || count > counts.get(best)!) best = name;
    return best ?? (scope && transcript ? nameAbove(scope, transcript) : undefined);
  }
}

/**
 * A chat's header names who the chat is with: the name-like text nearest above the conversation (the page's own
 * header, an app or a company name, comes before it).
 */
function nameAbove(scope: Element, transcript: Element): string | undefined {
  const walker = scope.ownerDocument.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  let nearest: string | undefined;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (transcript.contains(node) || transcript.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) break;
    const text = node.nodeValue?.trim() ?? "";
    if (NAME.test(text)) nearest = text;
  }
  return nearest;
}
