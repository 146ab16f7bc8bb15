import shippedScenarios from "attune:shipped-scenarios";
import { runConversation, type Conversation, type ConversationEvent, type Nudge } from "../../engine/index.js";
import { variantConversation } from "../../trainer/scenario.js";
import { number, t, tCount } from "../i18n.js";
import { loadLibrary } from "../trainer/library.js";
import { fillList, h } from "./dom.js";
import { parsePreviewInput } from "./preview-input.js";
import { onCompiled, type Compiled } from "./team-section.js";

// The team lead's live preview: a pasted conversation (or a trainer scenario) run through the packs as the draft
// makes them, the nudges shown under the event that raised them. Any change to the draft runs it again.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const seconds = (at: number) => `${number(at)}s`;

// The pasted lines and the rule ids are isolated: a line or an id in one direction inside the page's other.
function eventLine(event: ConversationEvent): Array<string | HTMLElement> {
  const at = seconds(event.at);
  if (event.type === "typing") return [`${at} ${t("teamPreviewTyping", number(event.until ?? event.at))}`];
  const who = event.type === "draft" ? t("teamPreviewDraft") : t(event.speaker === "agent" ? "trainerAgent" : "trainerCustomer");
  return [`${at} ${who}: `, h("bdi", { text: event.text })];
}

function nudgeLine(nudge: Nudge, event: ConversationEvent | undefined): Array<string | HTMLElement> {
  const when = event && nudge.at !== event.at ? ` (${seconds(nudge.at)})` : "";
  return [`${nudge.severity.toUpperCase()} `, h("bdi", { text: nudge.rule }), `${when}: `, h("bdi", { text: nudge.message }), ` — ${t(`teamOutcome_${nudge.outcome}`)}`];
}

function render(compiled: Compiled, language: string): void {
  const input = parsePreviewInput($<HTMLTextAreaElement>("team-preview-input").value);
  const problems = "problems" in input ? input.problems : "problems" in compiled ? [t("teamPreviewPacksInvalid")] : [];
  fillList($("team-preview-problems"), problems);
  const list = $("team-preview-events");
  if (!("conversation" in input) || !("compiled" in compiled)) {
    list.replaceChildren();
    $("team-preview-count").textContent = "";
    return;
  }
  const conversation: Conversation = input.conversation;
  const nudges = runConversation(compiled.compiled, conversation, { interfaceLanguage: language });
  $("team-preview-count").textContent = tCount("trainerNudgeCount", nudges.length);
  list.replaceChildren(
    ...conversation.events.map((event, index) => {
      const raised = nudges.filter((n) => n.event === index);
      return h(
        "li",
        { "data-event": index },
        h("span", {}, ...eventLine(event)),
        ...(raised.length ? [h("ul", { className: "nudges" }, ...raised.map((n) => h("li", { className: `nudge ${n.severity}`, "data-rule": n.rule }, ...nudgeLine(n, event))))] : []),
      );
    }),
  );
}

export async function wirePreview(language: string): Promise<void> {
  let latest: Compiled = { problems: [] };
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
    render(latest, language);
  });
  $("team-preview-input").addEventListener("input", () => render(latest, language));
  onCompiled((compiled) => {
    latest = compiled;
    render(compiled, language);
  });
}
