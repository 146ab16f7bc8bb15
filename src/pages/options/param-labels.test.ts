import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { paramRange, ruleSettingRange } from "../../engine/index.js";
import { formatNumber, translate, type InterfaceLanguage } from "../../shared/locales.js";
import { tunableParams } from "./team-draft.js";
import { paramLabel, paramLabelKey, paramUnitKey, withRange, type Words } from "./param-labels.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as unknown;
const LANGUAGES: InterfaceLanguage[] = ["en", "it", "ro", "fa"];
const words = (language: InterfaceLanguage): Words => ({ t: (key, ...s) => translate(language, key, ...s), number: (n) => formatNumber(language, n) });

const pack = json("rules/active-listening.json") as { rules: Array<{ id: string; kind: string; params: Record<string, unknown> }> };
const settings = pack.rules.flatMap((rule) => tunableParams(rule.params).map(({ path, value }) => ({ rule, path, value })));

/** Every setting's label as the options page shows it, in a language: label, range and unit. */
const shown = (language: InterfaceLanguage) =>
  settings.map(({ rule, path, value }) => {
    const label = paramLabel(words(language), path, rule.params);
    return { where: `${rule.id} ${path}`, path, text: typeof value === "number" ? withRange(words(language), label, paramRange(rule.kind, rule.params, path), paramUnitKey(path, rule.params)) : label };
  });

describe("the labels of rule settings", () => {
  it("name every setting of every shipped rule in every interface language", () => {
    const keys = settings.map(({ rule, path }) => [rule.id, path, paramLabelKey(path, rule.params)] as const);
    expect(keys.map(([, , key]) => key)).toContain("param_threshold_talkShare");
    for (const language of LANGUAGES) {
      const messages = json(`_locales/${language}/messages.json`) as Record<string, unknown>;
      expect(keys.filter(([, , key]) => !(key in messages)).map(([rule, path]) => `${language} ${rule} ${path}`)).toEqual([]);
    }
  });

  it("give every number setting its range, and its unit in every language where it counts in one", () => {
    const numbers = settings.filter(({ value }) => typeof value === "number");
    const rangeless = numbers.filter(({ rule, path }) => {
      const range = paramRange(rule.kind, rule.params, path);
      return range?.min === undefined || range.max === undefined;
    });
    expect(rangeless.map(({ rule, path }) => `${rule.id} ${path}`)).toEqual([]);
    const units = [...new Set([...numbers.map(({ rule, path }) => paramUnitKey(path, rule.params)), paramUnitKey("cooldownSeconds", {})])].filter((u) => u !== undefined);
    expect(units.sort()).toEqual(["unit_seconds", "unit_words", "unit_wordsPerMinute"]);
    for (const language of LANGUAGES) {
      const messages = json(`_locales/${language}/messages.json`) as Record<string, unknown>;
      expect(units.filter((unit) => !(unit in messages)).map((unit) => `${language} ${unit}`)).toEqual([]);
    }
    // Seconds, words and rates say so; a count or a share is its own unit.
    const unitOf = (id: string, path: string) => paramUnitKey(path, pack.rules.find((r) => r.id === id)!.params);
    expect([unitOf("respond-promptly", "seconds"), unitOf("slow-down", "threshold"), unitOf("long-monologue", "call.threshold"), unitOf("talk-ratio", "threshold")])
      .toEqual(["unit_seconds", "unit_wordsPerMinute", "unit_seconds", undefined]);
  });

  it("read in the interface language, in its words and digits: none English on another language's page, none a raw name", () => {
    const english = shown("en");
    for (const language of LANGUAGES) {
      const labels = shown(language);
      // A raw name: the param's own ("seconds"), a camelCase one ("typingSeconds"), or a message key never found.
      expect(labels.filter(({ text, path }) => text === path.split(".").at(-1) || /param_|\p{Ll}\p{Lu}/u.test(text)).map(({ where }) => where)).toEqual([]);
      if (language !== "en") expect(labels.filter(({ text }, i) => text === english[i]!.text).map(({ where }) => where)).toEqual([]);
    }
    const talkShare = (language: InterfaceLanguage) => shown(language).find(({ where }) => where === "talk-ratio threshold")!.text;
    expect(talkShare("en")).toBe("Agent's share of the talk (0.05–0.95)");
    expect(talkShare("it")).toBe("Quota di parola dell'operatore (da 0,05 a 0,95)");
    expect(talkShare("fa")).toBe("سهم کارشناس از گفتگو (از ۰٫۰۵ تا ۰٫۹۵)");
    const wait = (language: InterfaceLanguage) => shown(language).find(({ where }) => where === "respond-promptly seconds")!.text;
    expect([wait("en"), wait("ro")]).toEqual(["Wait before the nudge (1–3,600 seconds)", "Așteptare înainte de sugestie (secunde: între 1 și 3.600)"]);
  });

  it("give a rule's own settings their range and unit too", () => {
    expect(withRange(words("it"), translate("it", "teamCooldown"), ruleSettingRange("cooldownSeconds"), paramUnitKey("cooldownSeconds", {}))).toBe("Pausa tra avvisi (da 0 a 3600 secondi)");
    expect(withRange(words("fa"), translate("fa", "teamMaxPerConversation"), ruleSettingRange("maxPerConversation"), undefined)).toBe("حداکثر در هر گفتگو (از ۱ تا ۱۰۰)");
  });
});
