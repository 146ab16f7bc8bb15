import { NAME } from "../message-text.js";
import { chatScope } from "./message-items.js";

// The customer's name, so that nudges and suggestions can use it: where the page says who the chat is with (a title
// such as "Chat with Sam Taylor"), else the name the chat shows on the customer's messages.

const CHAT_WITH = /(?:chat(?:ting)?|conversation|talking)\s+(?:with|con|cu)\s+(.{2,60}?)\s*(?:[-–—|·(]|$)|گفتگو با\s+(.{2,60})/i;

/** A name as the page shows it: a few words, no sentence. */
const isName = (text: string) => text.length >= 2 && text.length <= 60 && !/[.!?:]/.test(text) && text.split(/\s+/).length <= 4;

export class NameBook {
  readonly #seen = new Map<string, number>();

  /** Names shown on a customer's message. */
  note(names: readonly string[]): void {
    for (const name of names) this.#seen.set(name, (this.#seen.get(name) ?? 0) + 1);
  }

  /** Every name the chat shows on messages: labels, never part of a message's text. */
  get labels(): ReadonlySet<string> {
    return new Set(this.#seen.keys());
  }

  customerName(doc: Document, transcript: Element | undefined): string | undefined {
    const scope = transcript && chatScope(transcript);
    const headings = scope ? [...scope.querySelectorAll("h1, h2, h3, [role='heading']")] : [];
    for (const text of [doc.title, ...headings.map((el) => el.textContent ?? "")]) {
      const match = CHAT_WITH.exec(text.trim());
      const name = (match?.[1] ?? match?.[2])?.trim();
      if (name && isName(name)) return name;
    }
    let best: string | undefined;
    for (const [name, count] of this.#seen) if (!best || count > this.#seen.get(best)!) best = name;
    return best ?? (scope && transcript ? nameAbove(scope, transcript) : undefined);
  }
}

/** A chat's header names who the chat is with: the first name-like text above the conversation. */
function nameAbove(scope: Element, transcript: Element): string | undefined {
  const walker = scope.ownerDocument.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (transcript.contains(node) || transcript.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) return undefined;
    const text = node.nodeValue?.trim() ?? "";
    if (NAME.test(text)) return text;
  }
  return undefined;
}
