// A suggestion may name the people and the problem of the conversation at hand: "Thanks, {customerName}". What fills a
// slot comes from this conversation only; where a slot is not known, the rule's slot-free fallback is said instead,
// never a made-up name or a guessed form of address.

/** The slots a suggestion may use, and what fills each. */
export const SLOTS = {
  /** The customer's name: as the page shows it, or as the customer gave it. */
  customerName: "the customer's name, as the page shows it or as the customer gave it",
  /** The agent's own name, as the agent gave it ("my name is Ana"). */
  agentName: "the agent's name, as the agent gave it in the conversation",
  /** The customer's own words for the problem, from the turn that raised the nudge. */
  issue: "the customer's words that raised the nudge (what the rule's trigger matched), from that turn",
} as const;
export type Slot = keyof typeof SLOTS;
export type SlotValues = Partial<Record<Slot, string>>;

const SLOT = /\{([^{}]*)\}/g;
const isSlot = (name: string): name is Slot => Object.hasOwn(SLOTS, name);

/** The slots a text names, as written (known or not). */
export function slotsIn(text: string): string[] {
  return [...text.matchAll(SLOT)].map((m) => m[1]!);
}

/**
 * Problems with a rule's suggestion and its fallback, language by language: every slot known, every suggestion with a
 * slot given a slot-free fallback in its language. Paths are relative to the rule.
 */
export function suggestionProblems(suggestion: Record<string, string>, fallback: Record<string, string> | undefined): Array<{ path: Array<string>; message: string }> {
  const problems: Array<{ path: string[]; message: string }> = [];
  const known = Object.keys(SLOTS).map((s) => `{${s}}`).join(", ");
  for (const [language, text] of Object.entries(suggestion)) {
    const slots = slotsIn(text);
    for (const slot of slots.filter((s) => !isSlot(s))) problems.push({ path: ["suggestion", language], message: `unknown slot {${slot}}: the slots are ${known}` });
    if (slots.length && !fallback?.[language]) {
      problems.push({ path: ["suggestionFallback", language], message: `the "${language}" suggestion has a slot: it needs a fallback in "${language}" with no slot, said when a slot is not known` });
    }
  }
  for (const [language, text] of Object.entries(fallback ?? {})) {
    if (slotsIn(text).length) problems.push({ path: ["suggestionFallback", language], message: "a fallback is said when a slot is not known: it may not have a slot of its own" });
  }
  return problems;
}

/** The suggestion with its slots filled, or its fallback when any slot is unknown. */
export function fillSlots(template: string, fallback: string | undefined, values: SlotValues): string {
  const slots = slotsIn(template);
  if (!slots.length) return template;
  if (!slots.every((slot) => isSlot(slot) && values[slot])) return fallback ?? template.replace(SLOT, "…");
  return template.replace(SLOT, (_, slot: Slot) => values[slot]!);
}
