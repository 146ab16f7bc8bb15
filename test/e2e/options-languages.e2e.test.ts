import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/browser.mjs";
import { paramLabelKey } from "../../src/pages/options/param-labels.js";
import { tunableParams } from "../../src/pages/options/team-draft.js";
import { SCREENSHOTS, localeMessages, openExtensionPage, setLocal, useHarness, waitFor } from "./harness.js";

// The options page read by a team lead whose interface is not English: every rule by its name, what it coaches and
// why, every setting by its label with range and unit, all in that language — none the English text, none an id or a
// param's own name. Chromium only: Firefox draws the same page from the same code (options.e2e opens it there).

type Texts = Record<string, string>;
type ShippedRule = { id: string; name: Texts; description: Texts; why: Texts; params: Record<string, unknown> };
const pack = JSON.parse(readFileSync(join(ROOT, "rules", "active-listening.json"), "utf8")) as { rules: ShippedRule[] };
const messages = localeMessages;
const english = messages("en");

/** What the page shows of one rule's editor. */
interface Shown {
  id: string;
  name: string;
  summary: string;
  what: string;
  why: string;
  whyDirection: string;
  params: Array<{ field: string; label: string }>;
  cooldown: string;
}

describe("the options page in the team lead's language", () => {
  const harness = useHarness();

  it.for([
    { language: "it", direction: "ltr" },
    { language: "fa", direction: "rtl" },
  ])("in $language: every rule's name, what and why, and every setting's label, range and unit", async ({ language, direction }) => {
    await setLocal(harness, { settings: { interfaceLanguage: language } });
    const page = await harness.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await openExtensionPage(harness, "pages/options.html#rules", page);
    await waitFor(() => page.evaluate((n) => document.querySelectorAll("#team-rules details.rule").length === n, pack.rules.length), `the ${pack.rules.length} rules`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([language, direction]);

    const shown = await page.$$eval("#team-rules details.rule", (rules) =>
      rules.map((rule): Shown => {
        const why = rule.querySelector<HTMLElement>(".rule-why");
        return {
          id: (rule as HTMLElement).dataset.rule!,
          name: rule.querySelector("summary .rule-name")?.textContent ?? "",
          summary: rule.querySelector("summary")?.textContent ?? "",
          what: rule.querySelector(".rule-what")?.textContent ?? "",
          why: why?.textContent ?? "",
          whyDirection: why ? getComputedStyle(why).direction : "",
          params: [...rule.querySelectorAll<HTMLInputElement>('[data-field^="param:"]')].map((input) => ({
            field: input.dataset.field!.slice("param:".length),
            label: input.closest("label")?.querySelector("span")?.textContent ?? "",
          })),
          cooldown: rule.querySelector('[data-field="cooldownSeconds"]')?.closest("label")?.querySelector("span")?.textContent ?? "",
        };
      }),
    );
    expect(shown.map((r) => r.id)).toEqual(pack.rules.map((r) => r.id));
    const local = messages(language);
    for (const [i, rule] of pack.rules.entries()) {
      const on = shown[i]!;
      expect(on.name, rule.id).toBe(rule.name[language]);
      expect(on.name, rule.id).not.toBe(rule.name.en);
      // The id stays in the summary, small, for whoever writes an overrides file; the name comes first.
      expect(on.summary.startsWith(on.name), rule.id).toBe(true);
      expect(on.what, rule.id).toBe(rule.description[language]);
      expect(on.why, rule.id).toBe(rule.why[language]);
      expect(on.why, rule.id).not.toBe(rule.why.en);
      // Laid out in the page's direction, so that a Persian line's full stop ends it on the left.
      expect(on.whyDirection, rule.id).toBe(direction);
      expect(on.params.map((p) => p.field), rule.id).toEqual(tunableParams(rule.params).map((p) => p.path));
      expect(on.cooldown, rule.id).toMatch(new RegExp(`^${local.teamCooldown!.message} \\(.*${local.unit_seconds!.message}`));
      for (const { field, label } of on.params) {
        const key = paramLabelKey(field, rule.params);
        const where = `${rule.id} ${field}`;
        expect(label, where).toContain(local[key]!.message);
        expect(label, where).not.toContain(english[key]!.message);
        expect(label, where).not.toContain(field.split(".").at(-1)!);
      }
    }
    // A number setting says its range and unit in words, in the language's digits.
    const wait = shown.find((r) => r.id === "respond-promptly")!.params.find((p) => p.field === "seconds")!.label;
    expect(wait).toBe({ it: "Attesa prima del suggerimento (da 1 a 3600 secondi)", fa: "انتظار پیش از پیشنهاد (از ۱ تا ۳٬۶۰۰ ثانیه)" }[language]);

    // The picture: the rules list from its top, one rule open.
    await page.$eval('details.rule[data-rule="respond-promptly"]', (d) => ((d as HTMLDetailsElement).open = true));
    await page.$eval("#team-rules", (list) => list.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(SCREENSHOTS, `options-${language}.png`) });
  });
});
