import { ruleNames, runRuleExamples, type CompiledPacks, type ExampleResult } from "../../engine/index.js";
import { number, pageLanguage, t, tCount } from "../i18n.js";
import { h } from "./dom.js";
import { onCompiled, type Compiled } from "./team-section.js";

// The packs' own examples, run with the draft before it is saved: pass or fail per rule, and what a failing example
// expected and got.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const describe = (list: ReadonlyArray<{ event: number; outcome?: string | undefined }>) =>
  list.length ? list.map((r) => `${number(r.event)}${r.outcome ? ` (${r.outcome})` : ""}`).join(", ") : "—";

function render(results: ExampleResult[], packs: CompiledPacks): void {
  const nameOf = ruleNames(packs.packs.flatMap((pack) => pack.rules), pageLanguage());
  const byRule = new Map<string, ExampleResult[]>();
  for (const result of results) byRule.set(`${result.pack}/${result.rule}`, [...(byRule.get(`${result.pack}/${result.rule}`) ?? []), result]);
  const failed = results.filter((r) => !r.ok).length;
  $("team-examples-summary").textContent = t("teamExamplesSummary", tCount("teamExamplesPassed", results.length - failed), tCount("teamExamplesFailed", failed));
  $("team-examples-table").querySelector("tbody")!.replaceChildren(
    ...[...byRule].map(([key, list]) => {
      const bad = list.filter((r) => !r.ok);
      return h(
        "tr",
        { "data-rule": list[0]!.rule, className: bad.length ? "fail" : "pass" },
        h("td", { title: key }, h("bdi", { text: nameOf(list[0]!.rule) })),
        h("td", { text: bad.length ? t("teamFail") : t("teamPass") }),
        h("td", { text: `${number(list.length - bad.length)}/${number(list.length)}` }),
        h("td", {}, ...bad.map((r) => h("div", { text: t("teamExampleFailed", number(r.index + 1), r.example.language, describe(r.example.raises), describe(r.got)) }))),
      );
    }),
  );
}

export function wireExamples(): void {
  let latest: Compiled = { problems: [] };
  onCompiled((compiled) => {
    latest = compiled;
    // Results of an earlier draft would mislead: they are cleared until run again.
    $("team-examples-table").querySelector("tbody")!.replaceChildren();
    $("team-examples-summary").textContent = "";
  });
  $("team-examples-run").addEventListener("click", () => {
    if (!("compiled" in latest)) {
      $("team-examples-summary").textContent = t("teamPreviewPacksInvalid");
      return;
    }
    $("team-examples-summary").textContent = t("teamExamplesRunning");
    // Let the page show that it is working before the examples (about a second) run.
    const compiled = latest.compiled;
    setTimeout(() => render(runRuleExamples(compiled), compiled), 20);
  });
}
