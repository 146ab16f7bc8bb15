import type { Speaker } from "../engine/conversation.js";

// Consoles mark who wrote a message in many ways; these are the common ones, most explicit first.

const AGENT_WORDS = new Set([
  "agent", "operator", "operatore", "operatrice", "operatorul", "staff", "admin", "support", "rep", "advisor",
  "you", "me", "self", "mine", "outgoing", "outbound", "sent", "tu", "voi", "dumneavoastra", "شما", "اپراتور", "پشتیبان",
]);
const CUSTOMER_WORDS = new Set([
  "customer", "visitor", "client", "cliente", "clientul", "enduser", "end-user", "contact", "guest",
  "requester", "incoming", "inbound", "received", "consumer", "مشتری", "کاربر", "بازدیدکننده",
]);

/**
 * Words that name a side only in some UIs: chatbot kits call the person typing (here, the agent) "user" and the other
 * side "bot" or "assistant", where help desks say "user" for the customer. Left and right are where a side is drawn in
 * left-to-right pages. The generic reader weighs them below the layout it sees and above nothing.
 */
const WEAK_WORDS: Record<string, Speaker> = {
  user: "agent", human: "agent", own: "agent", right: "agent",
  bot: "customer", ai: "customer", assistant: "customer", left: "customer",
};

/** The other side of the conversation. */
export const otherSpeaker = (speaker: Speaker): Speaker => (speaker === "agent" ? "customer" : "agent");

const SPEAKER_ATTRIBUTES = ["data-speaker", "data-author", "data-author-role", "data-sender", "data-role", "data-from", "data-direction", "data-participant"];

const plain = (word: string) => word.trim().toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/:$/, "");

export function speakerFromWord(word: string): Speaker | undefined {
  const w = plain(word);
  if (AGENT_WORDS.has(w)) return "agent";
  if (CUSTOMER_WORDS.has(w)) return "customer";
  return undefined;
}

/** A side from the words of the item's classes and speaker attributes that only some UIs mean so ("user", "bot"). */
export function weakSpeaker(item: Element): Speaker | undefined {
  // The item's own markers, then those of the few elements at the top of it (the bubble inside a row).
  for (const el of [item, ...[...item.querySelectorAll("[class]")].slice(0, 12)]) {
    const words = [...el.classList, ...SPEAKER_ATTRIBUTES.map((name) => el.getAttribute(name) ?? "")].flatMap((token) => token.split(/[-_\s]+/));
    for (const word of words) {
      const speaker = WEAK_WORDS[plain(word)];
      if (speaker) return speaker;
    }
  }
  return undefined;
}

function fromAttributes(el: Element): Speaker | undefined {
  for (const name of SPEAKER_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value) {
      const speaker = speakerFromWord(value);
      if (speaker) return speaker;
    }
  }
  return undefined;
}

function fromClasses(el: Element): Speaker | undefined {
  for (const token of el.classList) {
    // "message--agent", "chat-msg-visitor", "is-outgoing": judge each dash/underscore-separated part.
    for (const part of token.split(/[-_]+/)) {
      const speaker = speakerFromWord(part);
      if (speaker) return speaker;
    }
  }
  return undefined;
}

/**
 * A short label element inside the message ("You", "Agent", "Visitor:") names the speaker. An element holding all of
 * the message's text is the message, not its label: the customer may answer "Support" to "Sales or support?".
 */
function fromLabelElements(item: Element): Speaker | undefined {
  const all = item.textContent?.trim();
  for (const el of item.querySelectorAll(LABEL_SELECTOR)) {
    const text = el.textContent ?? "";
    const speaker = speakerFromWord(text);
    if (speaker && text.trim() !== all) return speaker;
  }
  return undefined;
}

/** A speaker's label at the start of a text ("Customer: it broke"), and the words after it. */
export function textLabel(text: string): { speaker: Speaker; words: string } | undefined {
  const match = /^\s*([^\s:]{1,20}):\s*/.exec(text);
  const speaker = match?.[1] ? speakerFromWord(match[1]) : undefined;
  return speaker && { speaker, words: text.slice(match![0].length) };
}

/** Elements that carry a message's author or time rather than its text. */
export const LABEL_SELECTOR = [
  "[data-author-label]", "[class*='author']", "[class*='sender']", "[class*='speaker']", "[class*='name']",
  "[class*='label']", "[class*='from']",
].join(",");

/**
 * The side the markup gives the item, most explicit and cheapest first: its attributes and those inside it, a label
 * element, its classes and those inside it. What a person writes cannot change it.
 */
export function speakerFromMarkup(item: Element): Speaker | undefined {
  return fromAttributes(item) ?? firstOf(item.querySelectorAll("*"), fromAttributes) ?? fromLabelElements(item) ?? fromClasses(item)
    ?? firstOf(item.querySelectorAll("[class]"), fromClasses);
}

/**
 * The side the item's words give it: a "Customer: …" prefix, or the first word of its accessible name (which often
 * repeats the text). The customer may write "Agent: …" too, so this counts only where nothing else tells the side.
 */
export function speakerFromText(item: Element): Speaker | undefined {
  const fromPrefix = textLabel(item.textContent ?? "")?.speaker;
  if (fromPrefix) return fromPrefix;
  const first = item.getAttribute("aria-label")?.split(/[\s:,]/)[0];
  return first ? speakerFromWord(first) : undefined;
}

/** The side the item names itself, its markup before its words. */
export const inferSpeaker = (item: Element): Speaker | undefined => speakerFromMarkup(item) ?? speakerFromText(item);

function firstOf(elements: Iterable<Element>, read: (el: Element) => Speaker | undefined): Speaker | undefined {
  for (const el of elements) {
    const speaker = read(el);
    if (speaker) return speaker;
  }
  return undefined;
}
