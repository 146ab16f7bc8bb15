import { UnknownSignalError, type PhraseSuggestion, type Suggestions } from "../../engine/index.js";
import { number, t } from "../i18n.js";
import { fillList, h } from "./dom.js";

// "Suggest phrases" under the extra phrases: the team lead chooses transcripts, and sees phrases for the signal and
// language chosen above that the lexicon misses, ranked as `attune suggest` ranks them. Each has an Add button that puts
// it in the draft's extra phrases; nothing is saved until Save for agents.

/** A transcript is read whole in the page: far above a team's exports, well below what a tab can hold twice. */
const MAX_TRANSCRIPT_BYTES = 16 * 1024 * 1024;

export interface SuggestPanel {
  /** The signal and language chosen in the phrases editor. */
  chosen(): { signal: string; language: string };
  /** The suggestions for the files' texts, as the draft stands; undefined while the draft does not compile. */
  suggest(request: { signal: string; language: string; files: Array<{ name: string; text: string }> }): { suggestions?: Suggestions; problems: string[] } | undefined;
  /** Puts the phrase in the draft's extra phrases of the signal in the language: whether it was not there yet. */
  add(signal: string, language: string, phrase: string): boolean;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function say(text: string, problems: readonly string[] = []): void {
  $("suggest-status").textContent = text;
  fillList($("suggest-problems"), problems);
}

function row(s: PhraseSuggestion, signal: string, language: string): HTMLLIElement {
  const add = h("button", { type: "button", text: t("suggestAdd"), "aria-label": t("suggestAddLabel", s.phrase, signal, language), "data-suggest-phrase": s.phrase });
  return h(
    "li",
    {},
    h("div", { className: "row" }, h("bdi", { className: "phrase", text: s.phrase }), add),
    h("div", { className: "muted", text: t("suggestCounts", number(s.catches), number(s.risk), number(s.score, { maximumFractionDigits: 1 })) }),
    h("ul", { className: "examples" }, ...s.examples.map((example) => h("li", {}, h("bdi", { text: example })))),
    ...(s.reasons.length ? [h("div", { className: "muted" }, `${t("suggestModelWords")} `, h("bdi", { text: s.reasons.join(", ") }))] : []),
  );
}

export function wireSuggest(panel: SuggestPanel): void {
  const input = $<HTMLInputElement>("suggest-files");
  const results = $<HTMLOListElement>("suggest-results");
  // What the listed suggestions were made for: Add puts a phrase there, whatever is chosen above by then.
  let madeFor = { signal: "", language: "" };

  $("suggest-run").addEventListener("click", async () => {
    const chosen = [...(input.files ?? [])];
    results.replaceChildren();
    if (!chosen.length) return say(t("suggestNoFiles"));
    const tooBig = chosen.filter((file) => file.size > MAX_TRANSCRIPT_BYTES);
    const files = await Promise.all(chosen.filter((file) => !tooBig.includes(file)).map(async (file) => ({ name: file.name, text: await file.text() })));
    const { signal, language } = panel.chosen();
    const run = $<HTMLButtonElement>("suggest-run");
    say(t("suggestWorking"));
    run.disabled = true;
    // Reading many transcripts takes a moment on the page's thread: the status is painted first.
    await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
    let answer: ReturnType<SuggestPanel["suggest"]>;
    try {
      answer = panel.suggest({ signal, language, files });
    } catch (error) {
      if (error instanceof UnknownSignalError) return say(t("suggestNoLexicon", signal, language));
      throw error;
    } finally {
      run.disabled = false;
    }
    if (!answer) return say(t("suggestDraftInvalid"));
    const problems = [...tooBig.map((file) => t("suggestTooBig", file.name)), ...answer.problems];
    const result = answer.suggestions;
    if (!result) return say(t("suggestNothingRead"), problems);
    madeFor = { signal, language };
    results.replaceChildren(...result.suggestions.map((s) => row(s, signal, language)));
    const summary = t("suggestSummary", number(result.suggestions.length), signal, language, number(result.utterances), number(result.lexiconHits), number(result.missed));
    say(`${summary} ${t(`suggestSource_${result.source.replace("-", "")}`)}${result.suggestions.length ? "" : ` ${t("suggestNone")}`}`, problems);
  });

  results.addEventListener("click", (event) => {
    const button = event.target as HTMLButtonElement;
    const phrase = button.dataset.suggestPhrase;
    if (phrase === undefined) return;
    const added = panel.add(madeFor.signal, madeFor.language, phrase);
    button.disabled = true;
    button.textContent = t("suggestAdded");
    say(t(added ? "suggestAddedStatus" : "suggestAlreadyThere", phrase, madeFor.signal, madeFor.language));
  });
}
