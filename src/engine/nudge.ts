export type Severity = "tip" | "warn" | "alert";
export type Outcome = "open" | "followed" | "missed";

/** What the engine raises. Everything the overlay, the stats and the CLI show comes from here. */
export interface Nudge {
  /** The rule's id, as team leads, stats and exports refer to it. */
  rule: string;
  /** The pack the rule came from. */
  pack: string;
  /** Index in the conversation's events of the event that raised it (for timers, the event the wait started from). */
  event: number;
  /** Seconds from the start of the conversation. */
  at: number;
  severity: Severity;
  priority: number;
  message: string;
  /** What to say: the rule's suggestion with its slots filled from this conversation, or its slot-free fallback. */
  suggestion: string;
  /**
   * The words of the raising turn that raised it, as written ("third time", "!!!"): at most MAX_BECAUSE, each at most
   * MAX_BECAUSE_CHARS. Only on the nudge as raised: a conversation's saved state keeps no words, so a nudge read back
   * from it (an outcome, a restarted worker's list) has none.
   */
  because?: string[];
  outcome: Outcome;
}

export const MAX_BECAUSE = 3;
export const MAX_BECAUSE_CHARS = 40;

/** What one `push` or `tick` produced: nudges newly raised and earlier nudges whose outcome was just decided. */
export interface EngineStep {
  raised: Nudge[];
  resolved: Nudge[];
  /** Rules that failed on this event; the others went on. */
  errors?: Array<{ rule: string; message: string }>;
  /** How a turn or draft was read: its signals (with `name.customer`) and word count — what scorecards are built from. */
  read?: { signals: string[]; words: number };
}
