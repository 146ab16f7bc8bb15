import type { SessionStorage } from "./conversation-store.js";

/**
 * A call window and the tab it was opened on. The window hears the call (its conversation: timing, no words); the tab
 * may show the same call's live transcript (a voice console: words, with timing that lags and lumps turns together).
 */
export interface CallLink {
  /** The call window's own tab: its conversation is the call heard from its audio. */
  window: number;
  /** The tab it listens to, where the agent looks: a softphone, a voice console. */
  phone: number;
  /** Listening now (a window stopped keeps its link: the cards it already showed on the tab still report back). */
  listening: boolean;
  /** The frames of the phone's tab that read the call's transcript: where its card is. */
  frames: number[];
}

/** How one conversation's batch is coached, given the links. */
export interface Judging {
  /** The timing rules raise nothing on it: the call's audio, heard now, judges them. */
  timingJudgedElsewhere: boolean;
  /** The tab the agent sees its nudges in: whose density limit and badge they count in. */
  shownIn: number;
  /** The transcript's card that shows them as well: the tab and its frames. */
  alsoTo?: { tab: number; frames: readonly number[] };
}

/**
 * A call heard and read at once is coached once, from the better source: its timing from the audio, its words from
 * the transcript. While a window listens to a tab, that tab's call transcript raises no timing rule; where the tab
 * reads one, the window's nudges are shown on its card too, within that tab's density limit and on its badge. A chat in
 * the tab, a window not listening, listening to no tab or to a tab with no transcript: each coached as before. A tab
 * in `switchedOff` (its site switched off by the agent) shows no window's nudges: the window shows them alone.
 */
export function judging(links: readonly CallLink[], tabId: number, from: "content" | "call-window", channel: "chat" | "call", switchedOff: readonly number[] = []): Judging {
  const plain = { timingJudgedElsewhere: false, shownIn: tabId };
  if (from === "content") return { ...plain, timingJudgedElsewhere: channel === "call" && links.some((link) => link.listening && link.phone === tabId) };
  const link = links.find((candidate) => candidate.listening && candidate.window === tabId && candidate.frames.length && !switchedOff.includes(candidate.phone));
  return link ? { timingJudgedElsewhere: false, shownIn: link.phone, alsoTo: { tab: link.phone, frames: link.frames } } : plain;
}

/** Where the links are kept: the worker may be stopped mid-call, and its successor must judge the same way. */
const LINKS_KEY = "callLinks";

const isLink = (value: unknown): value is CallLink =>
  typeof value === "object" && value !== null && Number.isInteger((value as CallLink).window) && Number.isInteger((value as CallLink).phone) &&
  typeof (value as CallLink).listening === "boolean" && Array.isArray((value as CallLink).frames);

/**
 * The call windows and the tabs they listen to, known only from the worker's own knowledge: a window's tab is the one
 * its address names (`listenedTab`), never what a page says.
 */
export class CallLinks {
  private links: CallLink[] | undefined;

  constructor(private readonly storage: Pick<SessionStorage, "get" | "set">) {}

  /** The links as the worker left them (back from session storage after a stop). */
  async all(): Promise<readonly CallLink[]> {
    if (!this.links) {
      const saved = (await this.storage.get(LINKS_KEY))[LINKS_KEY];
      this.links ??= Array.isArray(saved) ? saved.filter(isLink) : [];
    }
    return this.links;
  }

  /** The window listens to `phone`, whose call transcript (if any) is read in `frames`; or it stopped. */
  async listen(window: number, phone: number, listening: boolean, frames: readonly number[]): Promise<CallLink> {
    const link = { window, phone, listening, frames: [...frames] };
    this.links = [...(await this.all()).filter((candidate) => candidate.window !== window), link];
    await this.save();
    return link;
  }

  /**
   * The window stopped listening: the tab's transcript judges the call's timing again from now on. Returns its link,
   * if it was listening.
   */
  async stopped(window: number): Promise<CallLink | undefined> {
    const link = (await this.all()).find((candidate) => candidate.window === window);
    if (!link?.listening) return undefined;
    link.listening = false;
    await this.save();
    return link;
  }

  /** Whether a call window listens to `phone` now. */
  async listeningTo(phone: number): Promise<boolean> {
    return (await this.all()).some((link) => link.listening && link.phone === phone);
  }

  /** A frame of `phone` reads a call transcript: a window listening to the tab shows its nudges there too. */
  async transcriptIn(phone: number, frame: number): Promise<void> {
    const linked = (await this.all()).filter((link) => link.phone === phone && !link.frames.includes(frame));
    if (!linked.length) return;
    for (const link of linked) link.frames.push(frame);
    await this.save();
  }

  /** The window whose nudges a card on `phone` shows (listening or not, while it is open). */
  async windowOf(phone: number): Promise<number | undefined> {
    return (await this.all()).filter((link) => link.phone === phone).at(-1)?.window;
  }

  /** The tab whose card shows a window's nudges (whose badge counts them), if any. */
  async cardOf(window: number): Promise<number | undefined> {
    const link = (await this.all()).find((candidate) => candidate.window === window && candidate.frames.length);
    return link?.phone;
  }

  /**
   * A tab closed: a call window's link goes with it, and so does every link to it. Returns the links of a window
   * closed while it listened: their tabs are no longer listened to.
   */
  async forgetTab(tabId: number): Promise<CallLink[]> {
    const links = await this.all();
    const kept = links.filter((link) => link.window !== tabId && link.phone !== tabId);
    if (kept.length === links.length) return [];
    this.links = kept;
    await this.save();
    return links.filter((link) => link.window === tabId && link.phone !== tabId && link.listening);
  }

  private save(): Promise<void> {
    return this.storage.set({ [LINKS_KEY]: this.links ?? [] });
  }
}
