import browser from "webextension-polyfill";
import type { OverlaySetup, WorkerToContent } from "../shared/messages.js";
import { Overlay, type Position } from "../overlay/overlay.js";

const SNOOZE_MINUTES = 15;

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

  /** The agent sent a reply: nudges about earlier moments are stale. */
  agentReplied(): void {
    this.overlay?.agentReplied();
  }

  private ensure(): Promise<Overlay> {
    this.creating ??= this.create();
    return this.creating;
  }

  private async create(): Promise<Overlay> {
    const key = viewKey();
    const [stored, setup] = await Promise.all([
      browser.storage.local.get(key),
      browser.runtime.sendMessage({ type: "overlay-setup" }) as Promise<OverlaySetup>,
    ]);
    const view = (stored[key] ?? {}) as ViewState;
    const save = (patch: ViewState) => {
      Object.assign(view, patch);
      void browser.storage.local.set({ [key]: view });
    };
    const send = (message: unknown) => void browser.runtime.sendMessage(message).catch(() => undefined);
    this.overlay = new Overlay(document, {
      labels: setup.labels,
      autoHideSeconds: setup.autoHideSeconds,
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
