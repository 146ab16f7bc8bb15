import type { Alarms } from "webextension-polyfill";

const ALARM = "attune-due";

/**
 * Wakes coaching when a conversation's next timer is due ("the customer has waited 30 s"), though nobody writes: a
 * timeout while this worker lives, and an alarm for when the browser has stopped it meanwhile (an idle worker is
 * stopped after 30 s, the very wait the default rule has). Firing twice is harmless: a timer fires once.
 */
export class Wake {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The time set last: every batch says when the next timer is due, and most say the same. */
  #when: number | undefined;

  constructor(
    private readonly fire: () => void,
    private readonly alarms: Pick<Alarms.Static, "create" | "clear" | "onAlarm">,
  ) {
    alarms.onAlarm.addListener((alarm) => {
      if (alarm.name !== ALARM) return;
      this.#when = undefined;
      fire();
    });
  }

  /** The next timer is due then (ms since the epoch), or none is. */
  at(when: number | undefined): void {
    if (when === this.#when) return;
    this.#when = when;
    clearTimeout(this.#timer);
    if (when === undefined) {
      void this.alarms.clear(ALARM).catch(() => undefined);
      return;
    }
    this.#timer = setTimeout(() => {
      this.#when = undefined;
      this.fire();
    }, Math.max(0, when - Date.now()));
    void Promise.resolve(this.alarms.create(ALARM, { when })).catch(() => undefined);
  }
}
