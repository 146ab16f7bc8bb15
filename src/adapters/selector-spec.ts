import { z } from "zod";
import { ChannelSchema } from "../engine/conversation.js";

// A console described as data: what the built-in adapters are made of, and what "Teach this site" saves for a site.
// The zod schema checks taught and imported adapters in the worker and pages; the content script only imports the type.

/**
 * A CSS selector; " >>> " steps into an element's open shadow root ("app-chat >>> .log"), as consoles built from web
 * components (Salesforce Lightning) need.
 */
const Selector = z.string().trim().min(1).max(500).refine(isValidSelector, "a valid CSS selector");
const AttributeName = z.string().regex(/^[a-zA-Z_:][-a-zA-Z0-9_:.]{0,80}$/, "an attribute name");
/** "app.intercom.com", or "*.zendesk.com" for every subdomain. */
const HostPattern = z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?$/, "a host such as app.example.com or *.example.com");

export const SelectorSpecSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "a kebab-case id"),
  /** The console's name as people know it. */
  name: z.string().min(1).max(100),
  channel: ChannelSchema.default("chat"),
  hosts: z.array(HostPattern).min(1).max(20),
  /** The element that holds the messages. */
  transcript: Selector,
  /** Each message item, inside the transcript. */
  message: Selector,
  /**
   * An item is the agent's (or the customer's) when it matches this selector or contains an element that does. Where
   * a console marks only one side, the other is left out: every other message is then that side's.
   */
  agent: Selector.optional(),
  customer: Selector.optional(),
  /**
   * Where nothing in the markup tells the two sides apart, only where they are drawn: the side of the line the agent's
   * messages are on ("end": the right in left-to-right pages). A message drawn across the pane (a notice) is neither's.
   */
  agentSide: z.enum(["start", "end"]).optional(),
  /** The part of an item holding what was written; without it, the item's text minus labels and times. */
  text: Selector.optional(),
  /** The attribute carrying the console's id for a message. */
  messageId: AttributeName.optional(),
  /** Where the page names the conversation on screen: the element, and the attribute holding its id (else its text). */
  conversation: z.strictObject({ selector: Selector, attribute: AttributeName.optional() }).optional(),
  replyBox: Selector.optional(),
  /** Present and visible while the customer is typing. */
  typing: Selector.optional(),
  customerName: Selector.optional(),
  /** Live call transcripts: an item matching this is still being recognised. */
  interim: Selector.optional(),
  /** Live call transcripts: attributes holding a turn's start and end, in seconds from the call's start. */
  times: z.strictObject({ at: AttributeName, end: AttributeName.optional() }).optional(),
}).refine((spec) => spec.agent || spec.customer || spec.agentSide, { message: "an agent or a customer selector (or both), or the agent's side", path: ["agent"] });

export type SelectorSpec = z.output<typeof SelectorSpecSchema>;
export type SelectorSpecInput = z.input<typeof SelectorSpecSchema>;

/**
 * Fully checked where a DOM is at hand (pages, tests); the worker has none, and checks what can be checked without
 * one: brackets and quotes balanced, no characters that end a selector.
 */
function isValidSelector(selector: string): boolean {
  if (typeof document === "undefined") return isBalanced(selector);
  const fragment = document.createDocumentFragment();
  try {
    for (const part of selector.split(">>>")) fragment.querySelector(part);
    return true;
  } catch {
    return false;
  }
}

function isBalanced(selector: string): boolean {
  const closing: Record<string, string> = { "[": "]", "(": ")" };
  const open: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (c === "\\") i++;
    else if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c in closing) open.push(closing[c]!);
    else if (c === "]" || c === ")") {
      if (open.pop() !== c) return false;
    } else if ("{};<".includes(c)) return false;
  }
  return !quote && !open.length;
}
