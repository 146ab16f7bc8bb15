// The overlay's words, in the agent's interface language: the worker fills them from _locales (overlayLabels in
// src/shared) and the content script checks it got each. No zod here: the content script stays small.

export const OVERLAY_LABEL_KEYS = [
  "dismiss",
  "helpful",
  "notHelpful",
  "expand",
  "collapse",
  "followed",
  "insert",
  /** Opens the line of words that raised the nudge ("because:"). */
  "because",
  /** The severity, as a word beside its icon: never colour alone. */
  "tip",
  "warn",
  "alert",
  /** The card's menu button, and its items. */
  "menu",
  "snoozeRule",
  "snoozeAll",
  "why",
  /** "Rule: $1" — the rule's name, as the settings and statistics show it. */
  "rule",
  /** Asked after "not helpful", with the reasons to pick from (or none). */
  "reasonAsk",
  "wrongMoment",
  "misread",
  /** The page's sign while something is snoozed ($1: until when), with Undo just after snoozing and Resume. */
  "snoozedAll",
  "snoozedRules",
  "undo",
  "resume",
  /** The page's sign while a call window listens to this tab's audio, with Stop. */
  "listening",
  "stopListening",
] as const;

export type OverlayLabels = Record<(typeof OVERLAY_LABEL_KEYS)[number], string>;

