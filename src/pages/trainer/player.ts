import type { ReplayPane } from "./replay-pane.js";

const TICK_MS = 100;
export const SPEEDS = [0.5, 1, 1.5, 2, 3, 4] as const;

/**
 * One clock for every pane on screen, so the good and the poor variant play in step: the same second of the
 * conversation shows in both. Plays with the scenario's real timing at the chosen speed, pauses, steps event by event.
 */
export class Player {
  private panes: ReplayPane[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastTick = 0;
  speed = 1;
  time = 0;

  constructor(private readonly onChange: (player: Player) => void) {}

  load(panes: ReplayPane[]): void {
    this.pause();
    this.panes = panes;
    this.time = 0;
    this.moveTo(0);
  }

  get playing(): boolean {
    return this.timer !== undefined;
  }

  /** When every pane has shown its last event and reached its end. */
  get done(): boolean {
    return this.panes.every((pane) => pane.replay.done);
  }

  get end(): number {
    return Math.max(0, ...this.panes.map((pane) => pane.replay.end));
  }

  play(): void {
    if (this.playing) return;
    if (this.done) this.restart();
    this.lastTick = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.moveTo(this.time + ((now - this.lastTick) / 1000) * this.speed);
      this.lastTick = now;
      if (this.done) this.pause();
    }, TICK_MS);
    this.onChange(this);
  }

  pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.onChange(this);
  }

  /** The next event in any pane (or the end), and nothing past it. */
  step(): void {
    this.pause();
    const next = Math.min(...this.panes.map((pane) => pane.replay.nextAt() ?? Infinity));
    if (Number.isFinite(next)) this.moveTo(next);
  }

  toEnd(): void {
    this.pause();
    this.moveTo(this.end);
  }

  restart(): void {
    this.pause();
    this.time = 0;
    for (const pane of this.panes) {
      pane.replay.reset();
      pane.reset();
    }
    this.moveTo(0);
  }

  /** Any moment, earlier or later: earlier means playing again from the start up to it. */
  seek(time: number): void {
    this.pause();
    if (time < this.time) this.restart();
    this.moveTo(time);
  }

  private moveTo(time: number): void {
    this.time = Math.min(time, this.end);
    for (const pane of this.panes) pane.apply(pane.replay.advanceTo(this.time));
    this.onChange(this);
  }
}
