import { describe, expect, it } from "vitest";
import { isSnoozed, readSnoozes, snoozeSign } from "./snoozes.js";

describe("snoozes", () => {
  it("reads what storage holds, leaving out what is over and what is malformed", () => {
    expect(readSnoozes({ snoozedUntil: 9000, snoozedRules: { a: 8000, b: 100, c: "later", d: null } }, 1000)).toEqual({ all: 9000, rules: { a: 8000 } });
    expect(readSnoozes({ snoozedUntil: "soon", snoozedRules: ["a"] }, 1000)).toEqual({ all: 0, rules: {} });
    expect(readSnoozes({}, 1000)).toEqual({ all: 0, rules: {} });
  });

  it("holds a rule back while it, or all coaching, is snoozed", () => {
    const snoozes = { all: 0, rules: { a: 5000 } };
    expect(isSnoozed(snoozes, "a", 4999)).toBe(true);
    expect(isSnoozed(snoozes, "a", 5000)).toBe(false);
    expect(isSnoozed(snoozes, "b", 4000)).toBe(false);
    expect(isSnoozed({ all: 5000, rules: {} }, "b", 4000)).toBe(true);
  });

  it("signs all coaching snoozed first, else the rules until the last of them", () => {
    expect(snoozeSign({ all: 6000, rules: { a: 9000 } }, 1000)).toEqual({ all: true, until: 6000 });
    expect(snoozeSign({ all: 0, rules: { a: 9000, b: 7000 } }, 1000)).toEqual({ all: false, until: 9000 });
    expect(snoozeSign({ all: 0, rules: { a: 900 } }, 1000)).toBeUndefined();
  });
});
