import type { CompiledPacks, ConversationInput } from "../../engine/index.js";
import { buildHandout, type Handout } from "../../trainer/handout.js";
import { variantConversation, type Scenario } from "../../trainer/scenario.js";
import { downloadJson, downloadText } from "../download.js";
import { handoutCsv, handoutElement, type HandoutTitle } from "./handout-view.js";

export interface HandoutRequest {
  packs: CompiledPacks;
  language: string;
  scenario: Scenario;
  /** The conversation scored: a variant, or a practice so far. */
  conversation: ConversationInput;
  subject: string;
  /** The exports' file names, without "scorecard-" and the extension. */
  fileName: string;
  onOpen?: () => void;
}

const $ = (id: string) => document.getElementById(id)!;
let shown: { handout: Handout; title: HandoutTitle; fileName: string } | undefined;
/** Where the trainer was before the scorecard opened: its focus goes back there. */
let returnFocus: HTMLElement | null = null;

/** The scenario's good agent: its "good" variant, else its first. */
function goodVariant(scenario: Scenario): Scenario["variants"][number] {
  return scenario.variants.find((v) => v.id === "good") ?? scenario.variants[0]!;
}

/** Shows the scorecard to hand out in place of the trainer, ready to print or export. */
export function openHandout(request: HandoutRequest): void {
  request.onOpen?.();
  const { packs, language, scenario } = request;
  const good = goodVariant(scenario);
  const handout = buildHandout(packs, request.conversation, variantConversation(scenario, good.id), language);
  const title: HandoutTitle = {
    scenario: scenario.title,
    subject: request.subject,
    good: good.label,
    // The packs with rules: a lexicon pack sets no target.
    packs: packs.packs.filter((p) => p.rules.length).map((p) => `${p.id} ${p.version}`).join(", "),
    date: new Date(),
  };
  shown = { handout, title, fileName: `scorecard-${request.fileName}` };
  returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  $("handout-body").replaceChildren(handoutElement(document, handout, title, packs.packs.flatMap((p) => p.rules)));
  $("handout").hidden = false;
  document.body.dataset.view = "handout";
  window.scrollTo(0, 0);
  $("handout-print").focus();
}

function closeHandout(): void {
  $("handout").hidden = true;
  delete document.body.dataset.view;
  returnFocus?.focus();
}

export function wireHandout(): void {
  $("handout-back").addEventListener("click", closeHandout);
  $("handout-print").addEventListener("click", () => window.print());
  $("handout-csv").addEventListener("click", () => shown && downloadText(document, `${shown.fileName}.csv`, handoutCsv(shown.handout), "text/csv"));
  $("handout-json").addEventListener("click", () => shown && downloadJson(document, `${shown.fileName}.json`, { ...shown.title, date: shown.title.date.toISOString(), ...shown.handout }));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("handout").hidden) closeHandout();
  });
}
