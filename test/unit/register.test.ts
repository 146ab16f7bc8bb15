import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// One register per language, the one contact-centre training uses: Italian "Lei", Romanian "dumneavoastră", Persian
// "شما". It holds for the suggestions (what the agent says to the customer) and for everything that addresses the
// agent: the nudges' messages and the interface's sentences. These are the informal forms that would break it: the
// pronouns and possessives, the clitics, and the second-person singular verb forms of the verbs coaching and the
// interface use (a verb's bare form is also its third person, so only the unambiguous ones are listed).

const ROOT = join(import.meta.dirname, "..", "..");
const word = (forms: string) => new RegExp(`(?<![\\p{L}\\p{M}])(?:${forms})(?![\\p{L}\\p{M}])`, "iu");
/** At the start of a sentence or clause, where an instruction's verb stands. */
const opening = (forms: string) => new RegExp(`(?:^|[.!?:;—«„“"(]\\s*)(?:${forms})(?![\\p{L}\\p{M}])`, "iu");

const INFORMAL: Record<string, RegExp[]> = {
  it: [
    word("tu|ti|te|tuo|tua|tuoi|tue"),
    word("(?:scusa|ferma|ricorda|assicura|prendi|metti|concentra|rilassa|esercita)ti"),
    word("sei|hai|fai|stai|puoi|vuoi|devi|sai|scrivi|invii|cambi|rispondi|riconosci|chiedi|scegli|premi|correggi|ripeti|interrompi"),
    opening("usa|verifica|spiega|ringrazia|rallenta|lascia|ascolta|riformula|incolla|prova|controlla|termina|evita|ammetti|saluta|riassumi|conferma|aspetta|parla|fermati|non \\p{L}+(?:are|ere|ire)"),
    word("correggil[io]|scegli(?:lo|la|li|le)"),
  ],
  ro: [
    word("tu|te|ți|tău|ta|tale|tăi|ție"),
    word("ești|vorbești|folosești|mulțumești|primești|greșești|scrii|schimbi|poți|vrei|știi|faci|spui|vezi|ai \\p{L}+(?:at|it|ut|ât|s)"),
    opening("recunoaște|cere|pune|răspunde|folosește|verifică|reformulează|mulțumește|spune|vorbește|fă|lasă|ascultă|lipește|alege|corectează|încheie|întreabă|încearcă|fii|oprește|repetă|rezumă|evită|salută|explică|nu (?:întrerupe|grăbi|uita|lăsa)"),
    word("readuci|corectează-le"),
  ],
  fa: [
    word("تو|تویی|خودت"),
    word("می‌\\p{L}+ی|هستی|داری|نداری|بودی|کردی"),
    word("کن|نکن|بکن|بگو|بپرس|بده|ببین|بگذار|بذار|بنویس|برو|بیا"),
  ],
};

const informalIn = (language: string, text: string) => INFORMAL[language]!.filter((pattern) => pattern.test(text)).map((p) => text.match(p)![0]);

const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as unknown;

/** Every text a language shows that addresses someone: where it is, and the text. */
function textsIn(language: string): Array<[string, string]> {
  const texts: Array<[string, string]> = [];
  type Texts = Record<string, string>;
  const pack = json("rules/active-listening.json") as { rules: Array<{ id: string; message: Texts; suggestion?: Texts; name?: Texts; description: Texts; why?: Texts }> };
  for (const rule of pack.rules) {
    texts.push([`${rule.id}.message`, rule.message[language] ?? ""]);
    // What the options page says about the rule, to the team lead.
    for (const key of ["name", "description", "why"] as const) texts.push([`${rule.id}.${key}`, rule[key]?.[language] ?? ""]);
    if (rule.suggestion?.[language]) texts.push([`${rule.id}.suggestion`, rule.suggestion[language]]);
  }
  const messages = json(`_locales/${language}/messages.json`) as Record<string, { message: string }>;
  for (const [key, { message }] of Object.entries(messages)) if (!CONTROLS[language]!.has(key)) texts.push([`_locales ${key}`, message]);
  for (const file of readdirSync(join(ROOT, "scenarios")).filter((f) => f.startsWith(`${language}-`))) {
    const scenario = json(`scenarios/${file}`) as {
      title: string; description: string; variants: Array<{ label: string; events: Array<{ type: string; speaker?: string; text?: string }> }>;
      practice?: { lines: Record<string, { hint?: string }> };
    };
    texts.push([`${file} title`, scenario.title], [`${file} description`, scenario.description]);
    for (const variant of scenario.variants) {
      texts.push([`${file} label`, variant.label]);
      // The agent's lines are the model (or the poor) replies trainees learn from; the customer speaks as customers do.
      for (const event of variant.events) if (event.speaker === "agent" && event.text) texts.push([`${file} agent`, event.text]);
    }
    // The practice's hints are model replies too.
    for (const [id, line] of Object.entries(scenario.practice?.lines ?? {})) if (line.hint) texts.push([`${file} practice.lines.${id}.hint`, line.hint]);
  }
  return texts;
}

/**
 * Controls name their action in the short command form Italian and Romanian software use on buttons and menus
 * ("Salva", "Închide", and so "Termina", "Alege acesta"): a label, not a sentence addressing the agent. Persian
 * software names them with the infinitive or the formal form, so Persian has no exception.
 */
const CONTROLS: Record<string, ReadonlySet<string>> = {
  it: new Set(["trainerFinish", "teachPickThis", "teamPreviewPick"]),
  ro: new Set(["trainerFinish", "teachPickThis", "teamPreviewPick"]),
  fa: new Set(),
};

describe.each(["it", "ro", "fa"])("the %s texts keep one register", (language) => {
  it("no informal form addresses the customer or the agent", () => {
    const informal = textsIn(language).flatMap(([where, text]) => {
      const found = informalIn(language, text);
      return found.length ? [`${where}: ${found.join(", ")} — ${text}`] : [];
    });
    expect(informal).toEqual([]);
  });
});

describe("the informal forms", () => {
  it.each([
    ["it", "Prima riconosci la frustrazione", true],
    ["it", "Riconosca prima la frustrazione", false],
    ["it", "Non interrompere: il cliente sta ancora scrivendo", true],
    ["it", "Non interrompa: il cliente sta ancora scrivendo", false],
    ["it", "Verifichi che La segua.", false],
    ["ro", "Cere-ți scuze pentru greșeală", true],
    ["ro", "Cereți-vă scuze pentru greșeală", false],
    ["ro", "Verifică dacă ai înțeles înainte să acționezi", true],
    ["ro", "Verificați dacă ați înțeles înainte să acționați", false],
    ["fa", "از مشتری بپرس چه شده", true],
    ["fa", "از مشتری بپرسید چه شده", false],
    ["fa", "صبر کن", true],
    ["fa", "درخواست را پیگیری می‌کنیم", false],
  ])("%s %s: informal %s", (language, text, informal) => {
    expect(informalIn(language, text).length > 0).toBe(informal);
  });
});
