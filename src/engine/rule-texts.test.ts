import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PackSchema } from "./pack-schema.js";
import { ruleDescription, ruleName, ruleNames, ruleWhy } from "./rule-texts.js";
import { packWith } from "./test-support.js";

const shipped = PackSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "rules", "active-listening.json"), "utf8")));
const LANGUAGES = ["en", "it", "ro", "fa"] as const;

describe("what people read about a rule", () => {
  it("every shipped rule has its name, what it coaches and why in each interface language, each its own", () => {
    const missing = shipped.rules.flatMap((rule) =>
      LANGUAGES.flatMap((language) =>
        (["name", "description", "why"] as const).filter((key) => {
          const texts = rule[key];
          return typeof texts !== "object" || !texts[language]?.trim() || (language !== "en" && texts[language] === texts.en);
        }).map((key) => `${rule.id}.${key}.${language}`),
      ),
    );
    expect(missing).toEqual([]);
    expect(shipped.rules.length).toBe(13);
    for (const language of LANGUAGES) expect(new Set(shipped.rules.map((rule) => ruleName(rule, language))).size).toBe(shipped.rules.length);
  });

  it("a shipped rule reads in the language asked for", () => {
    const rule = shipped.rules.find((r) => r.id === "acknowledge-frustration")!;
    expect(ruleName(rule, "it")).toBe("Riconoscere la frustrazione");
    expect(ruleDescription(rule, "fa")).toMatch(/^مشتری ناراحت است/);
    expect(ruleWhy(rule, "ro")).toMatch(/^Înainte de a ne repezi/);
  });

  it("a third-party pack without names or whys falls back: the id, its one description, no why", () => {
    const pack = PackSchema.parse(packWith({ kind: "on-signal", params: { speaker: "agent", anyOf: ["blame"] }, id: "offer-retention", description: "Offer the retention deal." }));
    const rule = pack.rules[0]!;
    expect(ruleName(rule, "fa")).toBe("offer-retention");
    expect(ruleDescription(rule, "fa")).toBe("Offer the retention deal.");
    expect(ruleWhy(rule, "fa")).toBeUndefined();
  });

  it("a language a pack lacks falls back to English, then to a language it has", () => {
    const english = { id: "r", name: { en: "Greet", it: "Salutare" } };
    expect(ruleName(english, "fa")).toBe("Greet");
    expect(ruleName({ id: "r", name: { it: "Salutare" } }, "ro")).toBe("Salutare");
  });

  it("names by id for what carries ids only; a rule no pack has keeps its id", () => {
    const name = ruleNames(shipped.rules, "fa");
    expect(name("talk-ratio")).toBe("بیشتر گوش دادن تا حرف زدن");
    expect(name("offer-retention")).toBe("offer-retention");
  });

  it("refuses an empty name or why, naming the place", () => {
    const result = PackSchema.safeParse(packWith({ kind: "on-signal", params: { speaker: "agent", anyOf: ["blame"] }, name: {}, why: { en: "" } }));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["rules.0.name", "rules.0.why.en"]));
  });
});
