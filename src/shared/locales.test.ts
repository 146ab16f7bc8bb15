import { describe, expect, it } from "vitest";
import en from "../../_locales/en/messages.json";
import fa from "../../_locales/fa/messages.json";
import it_ from "../../_locales/it/messages.json";
import ro from "../../_locales/ro/messages.json";
import { formatNumber, translateCount } from "./locales.js";

describe("counts in the interface language", () => {
  it("picks the plural variant the language's rules ask for, its numbers in the language's digits", () => {
    expect([0, 1, 2].map((n) => translateCount("en", "trainerNudgeCount", n))).toEqual(["0 nudges", "1 nudge", "2 nudges"]);
    expect([1, 3].map((n) => translateCount("it", "trainerNudgeCount", n))).toEqual(["1 suggerimento", "3 suggerimenti"]);
    // Romanian has three forms: 20 and over take "de".
    expect([1, 2, 19, 20, 101, 120].map((n) => translateCount("ro", "trainerNudgeCount", n))).toEqual([
      "1 sfat", "2 sfaturi", "19 sfaturi", "20 de sfaturi", "101 sfaturi", "120 de sfaturi",
    ]);
    expect(translateCount("fa", "trainerNudgeCount", 12)).toBe("۱۲ راهنمایی");
  });

  it("passes further substitutions on, and formats numbers with the language's separators", () => {
    expect(translateCount("ro", "scorecardWords", 25, formatNumber("ro", 7.5))).toBe("25 de cuvinte, 7,5 s");
    expect(formatNumber("fa", 1234.5)).toBe("۱٬۲۳۴٫۵");
    expect(formatNumber("it", 0.46, { style: "percent" })).toBe("46%");
  });

  it("falls back to the language's other form where it gives no variant for a category", () => {
    // Italian calls a million "many"; its messages give one and other only.
    expect(translateCount("it", "trainerNudgeCount", 1_000_000)).toBe("1.000.000 suggerimenti");
  });

  it("every language gives each counted text's one and other forms, and Romanian its few", () => {
    const counted = [...new Set(Object.keys(en).filter((key) => key.endsWith("_other")).map((key) => key.slice(0, -"_other".length)))];
    expect(counted.length).toBeGreaterThan(0);
    const messages: Record<string, Record<string, unknown>> = { en, it: it_, ro, fa };
    for (const [language, own] of Object.entries(messages)) {
      const forms = language === "ro" ? ["one", "few", "other"] : ["one", "other"];
      for (const key of counted) for (const form of forms) expect(own, language).toHaveProperty(`${key}_${form}`);
    }
  });
});
