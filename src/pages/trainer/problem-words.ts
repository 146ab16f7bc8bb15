import { placeOf, type PlacePart, type ScenarioProblem } from "../../trainer/scenario-check.js";

type Translate = (key: string, ...substitutions: string[]) => string;
/** A number in the interface language's digits. */
type Count = (n: number) => string;

/** The fields a problem can be at, by their key in the scenario: each has its label (the form's too). */
export const FIELDS = [
  "id", "title", "description", "language", "channel", "customerName", "source", "variants", "label", "events", "speaker", "text", "at", "endAt",
  "practice", "start", "lines", "says", "hint", "reaction", "next", "ifReplyHas", "goTo", "otherwise", "typingSeconds", "until", "end", "words", "type",
] as const;

/** A field's label: "Customer's line" for `says`. */
export const fieldWords = (field: string, t: Translate): string => ((FIELDS as readonly string[]).includes(field) ? t(`editorField_${field}`) : field);

/** A name as part of a message key, which allows letters, digits and "_" only: "next-step" → "next_step". */
const keyPart = (name: string) => name.replace(/\W/g, "_");

/** A signal a reply carries, in words: "blames". */
export const signalWords = (signal: string, t: Translate): string => t(`editorSignal_${keyPart(signal)}`);

/** A line's reaction, in words: "calms down". */
export const reactionWords = (reaction: string, t: Translate): string => t(`editorReaction_${keyPart(reaction)}`);

/** The replies a branch takes, in words: "reply that blames or apologises"; "any other reply". */
export function branchWords(signals: readonly string[] | undefined, t: Translate): string {
  if (!signals?.length) return t("editorOtherReply");
  return t("editorReplyThat", signals.map((signal) => signalWords(signal, t)).join(t("editorOr")));
}

function partWords(part: Exclude<PlacePart, { kind: "field" }>, t: Translate, count: Count): string {
  switch (part.kind) {
    case "variant":
      return part.label ? t("editorPlaceVariantLabelled", count(part.n), part.label) : t("editorPlaceVariant", count(part.n));
    case "event":
      return t("editorPlaceEvent", count(part.n));
    case "practice":
      return t("editorPractice");
    case "line":
      return t("editorPlaceLine", count(part.n), part.id);
    case "branch":
      return branchWords(part.signals, t);
  }
}

/** Where a problem is, in words: "Line 2 (“escalates”), reply that blames". */
export function placeWords(parts: readonly PlacePart[], t: Translate, count: Count = String): string {
  // A line is in the practice script: "Line 2" says it.
  const shown = parts.filter((part, i) => !(part.kind === "practice" && parts[i + 1]?.kind === "line"));
  return shown.map((part) => (part.kind === "field" ? fieldWords(part.field, t) : partWords(part, t, count))).join(t("editorSeparator"));
}

/**
 * One problem in words, by its place: "Line 2 (“escalates”), reply that blames: Customer's line is empty". A
 * problem zod found without a code of ours keeps zod's own words after the field's name.
 */
export function problemWords(problem: ScenarioProblem, input: unknown, t: Translate, count: Count = String): string {
  const parts = placeOf(problem.path, input);
  const last = parts.at(-1);
  const field = last?.kind === "field" ? fieldWords(last.field, t) : undefined;
  const around = field ? parts.slice(0, -1) : parts;
  const place = placeWords(around, t, count);
  const withPlace = (text: string) => (place ? `${place}: ${text}` : text);
  const where = [place, field].filter(Boolean).join(t("editorSeparator"));
  const withField = (text: string) => (where ? `${where}: ${text}` : text);
  switch (problem.code) {
    case "empty":
      return withPlace(t("editorProblem_empty", field ?? ""));
    case "too-long":
      return withPlace(t("editorProblem_too_long", field ?? "", ...problem.values));
    case undefined:
      return withField(problem.message);
    case "never-taken":
      return withField(t("editorProblem_never_taken", branchWords(problem.values[0]?.split(", "), t)));
    default:
      return withField(t(`editorProblem_${keyPart(problem.code)}`, ...problem.values));
  }
}
