import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, readSettings } from "./settings.js";

describe("readSettings", () => {
  it("fills in defaults", () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ quiet: true })).toEqual({ ...DEFAULT_SETTINGS, quiet: true });
  });

  it("keeps the valid fields of a damaged record and defaults the rest", () => {
    expect(readSettings({ quiet: true, maxPerFiveMinutes: -3, autoHideSeconds: "soon" })).toEqual({ ...DEFAULT_SETTINGS, quiet: true });
  });
});
