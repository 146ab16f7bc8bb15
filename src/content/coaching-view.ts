import browser from "../shared/injected-api.js";
import type { OverlaySetup, WorkerToContent } from "../shared/messages.js";
import { Overlay, type Position } from "../overlay/overlay.js";
import { isOverlaySetup } from "../shared/worker-message-check.js";
import type { Nudge } from "../engine/nudge.js";
import { nudgeKey } from "../overlay/nudge-queue.js";
import { insertAtCaret } from "./insert-text.js";
import { readSnoozes, SNOOZE_KEYS, SNOOZE_MINUTES, snoozeSign } from "../shared/snoozes.js";

/** Nudges remembered as already received, per page. */
const MAX_REMEMBERED_NUDGES = 2000;
/** The hidden warm-up card waits for the page to be idle, but not longer than this. */
const WARM_UP_WITHIN_MS = 2000;

interface ViewState {
  position?: Position;
  compact?: boolean;
}

const isPosition = (value: unknown): value is Position =>
  typeof value === "object" && value !== null && Number.isFinite((value as Position).left) && Number.isFinite((value as Position).top);

/** Overlay placement and mode are remembered per site. */
const viewKey = () => `view:${location.origin}`;

/**
 * The agent-facing side of coaching: builds the overlay on the first nudge (pages that never get one never get an
 * overlay), and reports what the agent does with nudges back to the worker for the team lead's stats.
 */
export class CoachingView {
  private overlay: Overlay | undefined;
  private readonly received = new Set<string>();
  /** The conversation each nudge given to the overlay belongs to: the worker counts what was shown per conversation. */
  private readonly conversationOf = new WeakMap<Nudge, { adapter: string; conversationKey: string }>();
  private loading: Promise<{ view: ViewState; setup: OverlaySetup }> | undefined;
  private watchingSnoozes = false;
  /** What the worker last said of a call window listening to this tab (the overlay's setup says it till then). */
  private listening: boolean | undefined;

  /**
   * @param avoid what the overlay must not cover: the transcript and the reply box
   * @param replyBox where the agent types: where Insert puts a suggested reply
   */
  constructor(
    private readonly avoid: () => Element[],
    private readonly replyBox: () => Element | null,
  ) {}

  async receive(message: WorkerToContent): Promise<void> {
    if (message.type === "dismiss-nudge") {
      this.overlay?.dismissCurrent();
      return;
    }
    if (message.type === "insert-suggestion") {
      this.overlay?.insertCurrent();
      return;
    }
    if (message.type === "call-listening") {
      this.listening = message.listening;
      if (message.listening || this.overlay) (await this.ensure()).listening(message.listening);
      return;
    }
    const raised = message.raised.filter((nudge) => this.firstTime(message.conversationKey, nudge));
    for (const nudge of raised) this.conversationOf.set(nudge, { adapter: message.adapter, conversationKey: message.conversationKey });
    const resolved = message.resolved.filter((nudge) => this.firstTime(message.conversationKey, nudge, nudge.outcome));
    if (!raised.length && !this.overlay) return;
    (await this.ensure()).update(raised, resolved);
  }

  /**
   * The worker sends a delivery again when it did not hear that the page received it (stopped in between): the agent
   * sees each nudge, and each outcome, once.
   */
  private firstTime(conversationKey: string, nudge: Nudge, outcome = ""): boolean {
    const key = `${conversationKey}\u0000${nudgeKey(nudge)}\u0000${outcome}`;
    if (this.received.has(key)) return false;
    this.received.add(key);
    if (this.received.size > MAX_REMEMBERED_NUDGES) this.received.delete(this.received.values().next().value!);
    return true;
  }

  /**
   * The agent sent a reply: nudges about earlier moments are stale. Returns what to do once the worker has taken the
   * reply in: the card shown till then goes, unless the reply decided its outcome (then it shows as followed, or went).
   */
  agentReplied(): () => void {
    const shown = this.overlay?.agentReplied();
    return () => {
      if (shown) this.overlay?.withdraw(shown);
    };
  }

  /**
   * A conversation was found: fetch the overlay's labels and place now, so the first nudge does not wait for them.
   * Pages where no conversation is found never get an overlay; here its (empty) host comes in with the warm-up.
   */
  prepare(): void {
    if (this.loading) return;
    // A failed setup is asked for again with the next nudge rather than kept.
    this.loading = this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    // While the page is idle, lay out a hidden card once so that the first real one shows without that cost.
    const idle = (step: () => void) => requestIdleCallback(step, { timeout: WARM_UP_WITHIN_MS });
    this.loading.then(
      (loaded) => idle(() => (this.overlay ?? this.build(loaded)).warmUp(idle)),
      () => undefined,
    );
  }

  private load() {
    const key = viewKey();
    return Promise.all([
      browser.storage.local.get(key),
      browser.runtime.sendMessage({ type: "overlay-setup" }),
    ]).then(([stored, setup]) => {
      if (!isOverlaySetup(setup)) throw new Error("Attune: the worker's overlay setup was not understood");
      this.watchSnoozes();
      return { view: (stored[key] ?? {}) as ViewState, setup };
    });
  }

  /**
   * A snooze, made on this page or anywhere else (another tab, the popup), shows on this page as a sign with Resume
   * while it lasts: coaching that went quiet says why. Only pages where a conversation was found show it.
   */
  private watchSnoozes(): void {
    if (this.watchingSnoozes) return;
    this.watchingSnoozes = true;
    const show = async () => {
      const snoozes = readSnoozes(await browser.storage.local.get([...SNOOZE_KEYS]), Date.now());
      const sign = snoozeSign(snoozes, Date.now());
      if (sign || this.overlay) (await this.ensure()).snoozed(sign);
    };
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === "local" && SNOOZE_KEYS.some((key) => key in changes)) void show().catch(() => undefined);
    });
    void show().catch(() => undefined);
  }

  private async ensure(): Promise<Overlay> {
    this.prepare();
    return this.overlay ?? this.build(await this.loading!);
  }

  /** The nudge an answer is given to, for the worker to count it once (a call's nudge shows in its window too). */
  private answered(nudge: Nudge): { adapter: string; conversationKey: string; event: number } | undefined {
    const conversation = this.conversationOf.get(nudge);
    return conversation && { ...conversation, event: nudge.event };
  }

  private build({ view, setup }: { view: ViewState; setup: OverlaySetup }): Overlay {
    if (this.overlay) return this.overlay;
    const save = (patch: ViewState) => {
      Object.assign(view, patch);
      void browser.storage.local.set({ [viewKey()]: view });
    };
    const send = (message: unknown) => void browser.runtime.sendMessage(message).catch(() => undefined);
    // Made when a snooze sign first shows a time, not with the overlay: a first Intl formatter costs tens of
    // milliseconds (its locale data), which the first nudge would otherwise wait for.
    let time: Intl.DateTimeFormat | undefined;
    this.overlay = new Overlay(document, {
      labels: setup.labels,
      ruleName: (id) => setup.ruleNames[id] ?? id,
      autoHideSeconds: setup.autoHideSeconds,
      compact: view.compact ?? false,
      position: isPosition(view.position) ? view.position : undefined,
      avoid: this.avoid,
      replyBox: this.replyBox,
      onFeedback: (nudge, helpful) => send({ type: "nudge-feedback", rule: nudge.rule, helpful, nudge: this.answered(nudge) }),
      onReason: (nudge, reason) => send({ type: "nudge-feedback-reason", rule: nudge.rule, reason }),
      onDismiss: (nudge) => send({ type: "nudge-dismissed", rule: nudge.rule }),
      onSnooze: (nudge, only) => send({ type: "snooze", minutes: SNOOZE_MINUTES, rule: nudge.rule, only, nudge: this.answered(nudge) }),
      onUndoSnooze: (nudge, only) => send({ type: "snooze-undone", rule: nudge.rule, only, nudge: this.answered(nudge) }),
      onResume: () => send({ type: "resume" }),
      timeOfDay: (at) => (time ??= new Intl.DateTimeFormat(setup.locale, { hour: "2-digit", minute: "2-digit" })).format(at),
      onInsert: (nudge, reply) => {
        const box = this.replyBox();
        const conversation = this.conversationOf.get(nudge);
        if (box && insertAtCaret(box, reply) && conversation) send({ type: "nudge-used", ...conversation, rule: nudge.rule, event: nudge.event });
      },
      onShown: (nudge) => {
        const conversation = this.conversationOf.get(nudge);
        if (conversation) send({ type: "nudge-shown", ...conversation, rule: nudge.rule, event: nudge.event });
      },
      onUnshown: (nudges) => {
        const byConversation = new Map<{ adapter: string; conversationKey: string } | undefined, Nudge[]>();
        for (const nudge of nudges) {
          const conversation = this.conversationOf.get(nudge);
          byConversation.set(conversation, [...(byConversation.get(conversation) ?? []), nudge]);
        }
        for (const [conversation, unseen] of byConversation) {
          if (conversation) send({ type: "nudges-unshown", ...conversation, nudges: unseen.map(({ rule, event }) => ({ rule, event })) });
        }
      },
      onStopListening: () => send({ type: "stop-listening" }),
      onMove: (position) => save({ position }),
      onCompactChange: (compact) => save({ compact }),
    });
    if (this.listening ?? setup.listening) this.overlay.listening(true);
    return this.overlay;
  }
}
