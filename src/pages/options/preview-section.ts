import shippedScenarios from "attune:shipped-scenarios";
import { ruleNames, runConversation, type Conversation, type ConversationEvent, type Nudge } from "../../engine/index.js";
import { variantConversation } from "../../trainer/scenario.js";
import { number, t, tCount } from "../i18n.js";
import { loadLibrary } from "../trainer/library.js";
import { fillList, h } from "./dom.js";
import { compareNudges, type ComparedNudge } from "./nudge-diff.js";
import { parsePreviewInput } from "./preview-input.js";
import { installedRules, onCompiled, type Compiled } from "./team-section.js";

// The team lead's live preview: a pasted conversation (or a trainer scenario) run through the packs as the draft
// makes them and as they are by default, side by side under the event that raised each nudge, those that differ
// marked. Any change to the draft runs it again.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const seconds = (at: number) => `${number(at)}s`;

// The pasted lines and the rule ids are isolated: a line or an id in one direction inside the page's other.
function eventLine(event: ConversationEvent): Array<string | HTMLElement> {
  const at = seconds(event.at);
  if (event.type === "typing") return [`${at} ${t("teamPreviewTyping", number(event.until ?? event.at))}`];
  const who = event.type === "draft" ? t("teamPreviewDraft") : t(event.speaker === "agent" ? "trainerAgent" : "trainerCustomer");
  return [`${at} ${who}: `, h("bdi", { text: event.text })];
}

function nudgeLine(nudge: Nudge, event: ConversationEvent | undefined, nameOf: (id: string) => string): Array<string | HTMLElement> {
  const when = event && nudge.at !== event.at ? ` (${seconds(nudge.at)})` : "";
  return [`${t(`teamSeverity_${nudge.severity}`)} `, h("bdi", { text: nameOf(nudge.rule) }), `${when}: `, h("bdi", { text: nudge.message }), ` — ${t(`teamOutcome_${nudge.outcome}`)}`];
}

const DIFFERENCE_LABELS = { edited: { changed: "teamPreviewChanged", only: "teamPreviewOnlyEdited" }, defaults: { changed: "teamPreviewChanged", only: "teamPreviewOnlyDefaults" } } as const;

function nudgeItem(side: "edited" | "defaults", { nudge, difference }: ComparedNudge, event: ConversationEvent, nameOf: (id: string) => string): HTMLElement {
  const differs = difference !== "same";
  return h(
    "li",
    { className: `nudge ${nudge.severity}${differs ? " differs" : ""}`, "data-rule": nudge.rule, "data-difference": difference },
    ...(differs ? [h("span", { className: "diff", text: `${t(DIFFERENCE_LABELS[side][difference])} ` })] : []),
    ...nudgeLine(nudge, event, nameOf),
  );
}

function render(compiled: Compiled, defaults: Compiled, language: string): void {
  const input = parsePreviewInput($<HTMLTextAreaElement>("team-preview-input").value);
  const problems = "problems" in input ? input.problems : "problems" in compiled ? [t("teamPreviewPacksInvalid")] : [];
  fillList($("team-preview-problems"), problems);
  const list = $("team-preview-events");
  if (!("conversation" in input) || !("compiled" in compiled)) {
    list.replaceChildren();
    $("team-preview-count").textContent = "";
    $("team-preview-heads").hidden = true;
    return;
  }
  const conversation: Conversation = input.conversation;
  const run = (packs: Compiled) => ("compiled" in packs ? runConversation(packs.compiled, conversation, { interfaceLanguage: language }) : []);
  const sides = compareNudges(run(compiled), run(defaults));
  const nameOf = ruleNames(installedRules(), language);
  const differing = sides.edited.filter((n) => n.difference !== "same").length + sides.defaults.filter((n) => n.difference === "only").length;
  $("team-preview-count").textContent = t("teamPreviewCompared", tCount("trainerNudgeCount", sides.edited.length), tCount("trainerNudgeCount", sides.defaults.length), number(differing));
  $("team-preview-heads").hidden = false;
  list.replaceChildren(
    ...conversation.events.map((event, index) => {
      const raised = (side: "edited" | "defaults") => sides[side].filter((n) => n.nudge.event === index);
      const [edited, shipped] = [raised("edited"), raised("defaults")];
      const column = (side: "edited" | "defaults", items: ComparedNudge[]) =>
        h("ul", { className: `nudges ${side}`, "aria-label": t(side === "edited" ? "teamPreviewWithChanges" : "teamPreviewWithDefaults") }, ...items.map((n) => nudgeItem(side, n, event, nameOf)));
      return h(
        "li",
        { "data-event": index },
        h("span", {}, ...eventLine(event)),
        ...(edited.length || shipped.length ? [h("div", { className: "side-by-side" }, column("edited", edited), column("defaults", shipped))] : []),
      );
    }),
  );
}

export async function wirePreview(language: string): Promise<void> {
  let latest: Compiled = { problems: [] };
  let defaults: Compiled = { problems: [] };
  const { entries } = await loadLibrary(shippedScenarios);
  const select = $<HTMLSelectElement>("team-preview-scenario");
  select.append(
    ...entries.flatMap((entry) =>
      entry.scenario.variants.map((variant) => h("option", { value: `${entry.key}|${variant.id}`, text: `${entry.scenario.title} — ${variant.label} (${entry.scenario.language})` })),
    ),
  );
  select.addEventListener("change", () => {
    const [key, variant] = select.value.split("|");
    const entry = entries.find((e) => e.key === key);
    if (!entry || !variant) return;
    $<HTMLTextAreaElement>("team-preview-input").value = JSON.stringify(variantConversation(entry.scenario, variant), null, 1);
    render(latest, defaults, language);
  });
  $("team-preview-input").addEventListener("input", () => render(latest, defaults, language));
  onCompiled((compiled, shipped) => {
    latest = compiled;
    defaults = shipped;
    render(latest, defaults, language);
  });
}
