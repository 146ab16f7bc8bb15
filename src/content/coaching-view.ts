import browser from "webextension-polyfill";
import type { WorkerToContent } from "../shared/messages.js";
import { Overlay, type Position } from "./overlay.js";

const SNOOZE_MINUTES = 15;

interface ViewState {
  position?: Position;
  compact?: boolean;
}

const isPosition = (value: unknown): value is Position =>
  typeof value === "object" && value !== null && Number.isFinite((value as Position).left) && Number.isFinite((value as Position).top);

const t = (key: string) => browser.i18n.getMessage(key);

/** Overlay placement and mode are remembered per site. */
const viewKey = () => `view:${location.origin}`;

/**
 * The agent-facing side of coaching: builds the overlay on the first nudge (pages that never get one never get an
 * overlay), and reports what the agent does with nudges back to the worker for the team lead's stats.
 */
export class CoachingView {
  private overlay: Overlay | undefined;
  private creating: Promise<Overlay> | undefined;

  /** @param avoid what the overlay must not cover: the transcript and the reply box */
  constructor(private readonly avoid: () => Element[]) {}

  async receive(message: WorkerToContent): Promise<void> {
    if (message.type === "dismiss-nudge") {
      this.overlay?.dismissCurrent();
      return;
    }
    if (!message.raised.length && !this.overlay) return;
    const overlay = await this.ensure();
    overlay.update(message.raised, message.resolved);
  }

  /** The agent sent a reply (event index `event`): nudges about earlier moments are stale. */
  agentReplied(event: number): void {
    this.overlay?.agentReplied(event);
  }

  private ensure(): Promise<Overlay> {
    this.creating ??= this.create();
    return this.creating;
  }

  private async create(): Promise<Overlay> {
    const key = viewKey();
    const stored = await browser.storage.local.get([key, "settings"]);
    const view = (stored[key] ?? {}) as ViewState;
    const settings = (stored.settings ?? {}) as { autoHideSeconds?: unknown };
    const save = (patch: ViewState) => {
      Object.assign(view, patch);
      void browser.storage.local.set({ [key]: view });
    };
    const send = (message: unknown) => void browser.runtime.sendMessage(message).catch(() => undefined);
    this.overlay = new Overlay(document, {
      labels: {
        dismiss: t("overlayDismiss"),
        helpful: t("overlayHelpful"),
        notHelpful: t("overlayNotHelpful"),
        snooze: t("overlaySnooze"),
        expand: t("overlayExpand"),
        collapse: t("overlayCollapse"),
        followed: t("overlayFollowed"),
      },
      autoHideSeconds: typeof settings.autoHideSeconds === "number" ? settings.autoHideSeconds : 20,
      compact: view.compact ?? false,
      position: isPosition(view.position) ? view.position : undefined,
      avoid: this.avoid,
      onFeedback: (nudge, helpful) => send({ type: "nudge-feedback", rule: nudge.rule, helpful }),
      onDismiss: (nudge) => send({ type: "nudge-dismissed", rule: nudge.rule }),
      onSnooze: () => send({ type: "snooze", minutes: SNOOZE_MINUTES }),
      onMove: (position) => save({ position }),
      onCompactChange: (compact) => save({ compact }),
    });
    return this.overlay;
  }
}
