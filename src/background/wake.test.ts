import { afterEach, describe, expect, it, vi } from "vitest";
import { Wake } from "./wake.js";

function fakeAlarms() {
  const listeners: Array<(alarm: { name: string }) => void> = [];
  const set = new Map<string, number>();
  return {
    set,
    ring: (name: string) => listeners.forEach((listener) => listener({ name })),
    api: {
      create: async (name: string, info: { when?: number }) => void set.set(name, info.when!),
      clear: async (name: string) => set.delete(name),
      onAlarm: { addListener: (listener: (alarm: { name: string }) => void) => void listeners.push(listener) },
    } as unknown as ConstructorParameters<typeof Wake>[1],
  };
}

describe("Wake", () => {
  afterEach(() => void vi.useRealTimers());

  it("fires at the time set, by its timeout while the worker lives, and sets an alarm for a worker stopped meanwhile", () => {
    vi.useFakeTimers({ now: 1000 });
    const alarms = fakeAlarms();
    const fire = vi.fn();
    const wake = new Wake(fire, alarms.api);
    wake.at(31_000);
    expect([...alarms.set.values()]).toEqual([31_000]);
    vi.advanceTimersByTime(29_999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("fires from the alarm (a worker started by it), and clears both when nothing is due", () => {
    vi.useFakeTimers({ now: 0 });
    const alarms = fakeAlarms();
    const fire = vi.fn();
    const wake = new Wake(fire, alarms.api);
    alarms.ring("another extension alarm");
    alarms.ring("attune-due");
    expect(fire).toHaveBeenCalledTimes(1);
    wake.at(5000);
    wake.at(undefined);
    vi.advanceTimersByTime(10_000);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(alarms.set.size).toBe(0);
  });
});
