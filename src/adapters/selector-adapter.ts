import type { Speaker } from "../engine/conversation.js";
import type { Adapter } from "./adapter.js";
import { deepQuery, isShown, matchesOrHolds } from "./deep-query.js";
import type { SelectorSpec } from "./selector-spec.js";
import { layoutSide } from "./layout-side.js";
import { messageText } from "./message-text.js";
import { otherSpeaker } from "./speaker.js";

/** Loopback is where the demo console and the test fixtures live: every console's reader may try its selectors there. */
const isLoopback = (hostname: string) => hostname === "127.0.0.1" || hostname === "localhost";

export function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) || host === pattern.slice(2);
  return host === pattern;
}

function children(transcript: Element, selector: string): Element[] {
  try {
    return [...transcript.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

/** A reader made from a selector spec: how the built-in consoles are described, and what "Teach this site" saves. */
export function selectorAdapter(spec: SelectorSpec): Adapter {
  const number = (item: Element, attribute: string | undefined) => {
    const value = attribute ? Number.parseFloat(item.getAttribute(attribute) ?? "") : Number.NaN;
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const markedSpeaker = (item: Element): Speaker | undefined => {
    const customer = spec.customer ? matchesOrHolds(item, spec.customer) : !matchesOrHolds(item, spec.agent!);
    return customer ? "customer" : !spec.agent || matchesOrHolds(item, spec.agent) ? "agent" : undefined;
  };
  const drawnSpeaker = (item: Element): Speaker | undefined => {
    const side = item.parentElement ? layoutSide(item, item.parentElement) : undefined;
    return side && (side === spec.agentSide ? "agent" : "customer");
  };
  return {
    id: spec.id,
    name: spec.name,
    spec,
    channel: spec.channel,
    matchesPage: (location) =>
      isLoopback(location.hostname) || spec.hosts.some((pattern) => hostMatches(pattern, location.host) || hostMatches(pattern, location.hostname)),
    findTranscript: (root) => deepQuery(root, spec.transcript),
    messages: (transcript) => children(transcript, spec.message),
    // Customer first: consoles often mark only one side, and "agent" selectors such as ".is-mine" are the likelier
    // to catch a stray nested element.
    speaker(item, hints) {
      const speaker = spec.agent || spec.customer ? markedSpeaker(item) : drawnSpeaker(item);
      return speaker && hints?.swapped ? otherSpeaker(speaker) : speaker;
    },
    text(item) {
      const body = spec.text ? item.querySelector(spec.text) : null;
      return messageText(body ?? item);
    },
    messageId: (item) => (spec.messageId ? (item.getAttribute(spec.messageId) ?? undefined) : undefined),
    conversationKey(root) {
      if (!spec.conversation) return "default";
      const el = deepQuery(root, spec.conversation.selector);
      const value = spec.conversation.attribute ? el?.getAttribute(spec.conversation.attribute) : el?.textContent;
      return value?.trim().slice(0, 200) || "default";
    },
    ...(spec.replyBox ? { replyBox: (root: Document) => deepQuery(root, spec.replyBox!) } : {}),
    ...(spec.typing
      ? {
          customerTyping: (root: Document) => {
            const el = deepQuery(root, spec.typing!);
            return !!el && isShown(el);
          },
        }
      : {}),
    ...(spec.customerName
      ? { customerName: (root: Document) => deepQuery(root, spec.customerName!)?.textContent?.trim().slice(0, 200) || undefined }
      : {}),
    ...(spec.interim ? { interim: (item: Element) => matchesOrHolds(item, spec.interim!) } : {}),
    ...(spec.times ? { shownTimes: (item: Element) => ({ at: number(item, spec.times!.at), end: number(item, spec.times!.end) }) } : {}),
  };
}
