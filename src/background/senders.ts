import type { Runtime } from "webextension-polyfill";

/**
 * Who is talking to the worker: one of Attune's pages (popup, options, trainer), the call window, Attune's content
 * script in a tab, or anyone else (ignored). The call window (pages/call.html, in a window of its own) speaks for a
 * call heard from its audio as the content script does for a console page: its call is a conversation of its tab, its
 * turns come on the events port, and the agent's actions on its nudges as the card's do.
 */
export type SenderKind = "page" | "call-window" | "content" | "other";

export function senderKind(sender: Pick<Runtime.MessageSender, "id" | "url" | "tab"> | undefined, extensionId: string, extensionUrl: string): SenderKind {
  if (!sender || sender.id !== extensionId) return "other";
  const inTab = sender.tab?.id !== undefined;
  if (sender.url?.startsWith(extensionUrl)) return inTab && sender.url.startsWith(`${extensionUrl}${CALL_PAGE}`) ? "call-window" : "page";
  return inTab ? "content" : "other";
}

/** The call window's page, from the extension's root. */
export const CALL_PAGE = "pages/call.html";

/**
 * The tab a call window was opened to listen to: `coachCall` names it in the window's address, and the address is the
 * browser's word for where a message came from (`sender.url`), which no web page can make (the call page is not web
 * accessible). Undefined for any other sender, or a window opened on no tab.
 */
export function listenedTab(sender: Pick<Runtime.MessageSender, "url"> | undefined, extensionUrl: string): number | undefined {
  if (!sender?.url?.startsWith(`${extensionUrl}${CALL_PAGE}`) || !URL.canParse(sender.url)) return undefined;
  const named = new URL(sender.url).searchParams.get("tab");
  const tab = named ? Number(named) : NaN;
  return Number.isInteger(tab) && tab >= 0 ? tab : undefined;
}
