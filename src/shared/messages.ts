import { z } from "zod";
import { OVERLAY_LABEL_KEYS, type OverlayLabels } from "../overlay/overlay-labels.js";
import { ChannelSchema, DraftEventSchema, LanguageSchema, SpeakerSchema, TurnEventSchema, TypingEventSchema } from "../engine/conversation.js";
import { MAX_BECAUSE, MAX_BECAUSE_CHARS } from "../engine/nudge.js";
import { ScorecardSchema } from "../trainer/scorecard.js";
import { MAX_BATCH, MAX_BATCH_CHARACTERS, MAX_CONVERSATION_KEY, MAX_CUSTOMER_NAME, MAX_TEXT } from "./limits.js";
import { ManagedPolicySchema, MAX_PACK_URL_CHARS } from "./managed-policy.js";

// Every message between the content script, the worker and extension pages is named here and validated on receipt:
// a page can neither reach the worker nor forge a message that passes for one of ours.

const Text = z.string().max(200_000);

/** The reader the call window's conversations are under: a call heard from its audio (`adapter` in ConversationRef). */
export const CALL_AUDIO_ADAPTER = "call-audio";

/** Identifies one conversation: the tab and frame it lives in, and the console's own id for it. */
export const ConversationRefSchema = z.strictObject({
  /** The console's conversation id, or "default" where the page shows one conversation. */
  key: z.string().min(1).max(MAX_CONVERSATION_KEY),
  adapter: z.string().min(1).max(60),
  channel: ChannelSchema,
  language: LanguageSchema.optional(),
  customerName: z.string().max(MAX_CUSTOMER_NAME).optional(),
});
export type ConversationRef = z.infer<typeof ConversationRefSchema>;

const NudgeSchema = z.strictObject({
  rule: z.string(),
  pack: z.string(),
  event: z.number().int().nonnegative(),
  at: z.number(),
  severity: z.enum(["tip", "warn", "alert"]),
  priority: z.number(),
  message: Text,
  suggestion: Text,
  because: z.array(z.string().max(MAX_BECAUSE_CHARS)).max(MAX_BECAUSE).optional(),
  outcome: z.enum(["open", "followed", "missed"]),
});

/** A conversation event as the content script sends it: its text bounded (limits.ts). */
const BoundedText = z.string().max(MAX_TEXT);
const WireEventSchema = z.discriminatedUnion("type", [
  TurnEventSchema.extend({ text: BoundedText }),
  TypingEventSchema,
  DraftEventSchema.extend({ text: BoundedText }),
]);

const textLength = (entry: { event: { type: string; text?: string } }) => entry.event.text?.length ?? 0;

/**
 * Content script → worker, on the events port (one long-lived connection per frame: a message on it is one hop, where
 * each sendMessage opens a connection of its own).
 */
export const ConversationEventsSchema = z.strictObject({
  type: z.literal("conversation-events"),
  conversation: ConversationRefSchema,
  /** The console's id for the conversation was this long, and `conversation.key` is it shortened (bounds.ts). */
  keyCutFrom: z.number().int().positive().optional(),
  /** One run of the content script (a page load, or a transcript re-attached): its events are numbered by `seq`. */
  session: z.string().min(1).max(64),
  /** When the session started (ms since the epoch): event times are seconds from it. */
  sessionStartedAt: z.number().nonnegative(),
  /** In order; sent together when several are waiting (a page's history arrives as one batch). */
  events: z
    .array(
      z.strictObject({
        /** Position of the event in this session, so a resent event is recognised and not pushed twice. */
        seq: z.number().int().nonnegative(),
        event: WireEventSchema,
        /** Already on the page when reading started: fed to the engine for context, never shown as nudges. */
        history: z.boolean(),
        /**
         * History that is still a moment: the customer's turns after the agent's last reply (a chat's opener, waiting
         * when the agent opens the chat). Coached as live the first time the conversation is read, never again.
         */
        unanswered: z.literal(true).optional(),
        /** The text was this long on the page, and is sent cut to its start (bounds.ts). */
        cutFrom: z.number().int().positive().optional(),
      }),
    )
    .min(1)
    .max(MAX_BATCH)
    .refine((events) => events.reduce((sum, entry) => sum + textLength(entry), 0) <= MAX_BATCH_CHARACTERS, `more than ${MAX_BATCH_CHARACTERS} characters of text in one batch`),
});
export type ConversationEventsMessage = z.infer<typeof ConversationEventsSchema>;
export type QueuedEvent = ConversationEventsMessage["events"][number];

/**
 * Which nudge an answer is given to: its conversation and event. A call's nudge shows both in the call window and on the
 * card of the console it listens to; the agent's answer to it, in either place, counts once.
 */
const AnsweredNudgeSchema = z.strictObject({ adapter: z.string().max(60), conversationKey: z.string().max(MAX_CONVERSATION_KEY), event: z.number().int().nonnegative() });

/** Content script → worker, by sendMessage: the rest, each answered or rare. */
export const ContentToWorkerSchema = z.discriminatedUnion("type", [
  /** The agent rated a nudge (kept for the team lead's stats: counts and rule ids only). */
  z.strictObject({ type: z.literal("nudge-feedback"), rule: z.string().max(100), helpful: z.boolean(), nudge: AnsweredNudgeSchema.optional() }),
  /** Why the agent found the nudge not helpful, picked on the card after rating it. */
  z.strictObject({ type: z.literal("nudge-feedback-reason"), rule: z.string().max(100), reason: z.enum(["wrongMoment", "misread"]) }),
  z.strictObject({ type: z.literal("nudge-dismissed"), rule: z.string().max(100) }),
  /** A nudge's card was drawn for the first time: the agent saw it (the popup's and the statistics' "shown"). */
  z.strictObject({
    type: z.literal("nudge-shown"),
    adapter: z.string().max(60),
    conversationKey: z.string().max(MAX_CONVERSATION_KEY),
    rule: z.string().max(100),
    event: z.number().int().nonnegative(),
  }),
  /** Nudges let through to the page that left it without ever being drawn (stale first): not counted as shown. */
  z.strictObject({
    type: z.literal("nudges-unshown"),
    adapter: z.string().max(60),
    conversationKey: z.string().max(MAX_CONVERSATION_KEY),
    nudges: z.array(z.strictObject({ rule: z.string().max(100), event: z.number().int().nonnegative() })).min(1).max(MAX_BATCH),
  }),
  /**
   * The agent put a nudge's suggested reply into the reply box (Insert): counted as used, once per nudge. The worker
   * finds the nudge from the sender's tab and frame: the rule's card shown last there.
   */
  z.strictObject({
    type: z.literal("nudge-used"),
    adapter: z.string().max(60),
    conversationKey: z.string().max(MAX_CONVERSATION_KEY),
    rule: z.string().max(100),
    event: z.number().int().nonnegative(),
  }),
  /**
   * A time the worker gave (`wakeAt`) has come, or is seconds away: its timers are due, or about to be, though the
   * browser may have stopped it since.
   */
  z.strictObject({ type: z.literal("timers-due") }),
  /** The overlay is about to be drawn: it asks for its labels and settings. */
  z.strictObject({ type: z.literal("overlay-setup") }),
  /**
   * Pause all coaching, in every tab, for a while, or (`only`) the rule of the card it was asked on. `rule` is that
   * card's rule: the statistics count which rules' cards made agents snooze.
   */
  z.strictObject({ type: z.literal("snooze"), minutes: z.number().int().min(1).max(24 * 60), rule: z.string().max(100).optional(), only: z.boolean().optional(), nudge: AnsweredNudgeSchema.optional() }),
  /** The snooze just asked on a card, taken back (Undo): not snoozed, and not counted. */
  z.strictObject({ type: z.literal("snooze-undone"), rule: z.string().max(100), only: z.boolean(), nudge: AnsweredNudgeSchema.optional() }),
  /** The page's snooze sign: Resume ends every snooze. */
  z.strictObject({ type: z.literal("resume") }),
  /** The "Teach this site" picker is about to be drawn: it asks for its labels. */
  z.strictObject({ type: z.literal("teach-setup") }),
  /** The picker's result for the sender's site; the worker validates the spec and takes the origin from the sender. */
  z.strictObject({ type: z.literal("save-taught-site"), spec: z.unknown() }),
  /** A batch of events went unanswered however often it was sent: the page dropped it and went on. */
  z.strictObject({ type: z.literal("events-undelivered"), events: z.number().int().positive().max(MAX_BATCH) }),
  /**
   * The call window (only it: the worker ignores this from anyone else) started listening to the tab it was opened on,
   * or stopped: while it listens, the call's timing is judged from its audio, not from a transcript on that tab.
   */
  z.strictObject({ type: z.literal("call-listening"), listening: z.boolean() }),
  /** Stop, on the page's listening sign: the call window listening to this tab stops. */
  z.strictObject({ type: z.literal("stop-listening") }),
]);
export type ContentToWorker = z.infer<typeof ContentToWorkerSchema>;

/**
 * Content script → worker, on the events port: a delivery of nudges (below) was received. Until then the worker keeps
 * it, with the conversation's state, and sends it again on the page's next connection.
 */
export const NudgesReceivedSchema = z.strictObject({
  type: z.literal("nudges-received"),
  adapter: z.string().max(60),
  conversationKey: z.string().max(MAX_CONVERSATION_KEY),
  delivery: z.number().int().nonnegative(),
});
export type NudgesReceived = z.infer<typeof NudgesReceivedSchema>;

export const WorkerToContentSchema = z.discriminatedUnion("type", [
  /** Nudges raised and resolved by a batch of events: one delivery of the conversation's, numbered from 0. */
  z.strictObject({
    type: z.literal("nudges"),
    adapter: z.string(),
    conversationKey: z.string(),
    delivery: z.number().int().nonnegative(),
    raised: z.array(NudgeSchema),
    resolved: z.array(NudgeSchema),
  }),
  /** The agent pressed the dismiss shortcut (commands API). */
  z.strictObject({ type: z.literal("dismiss-nudge") }),
  /** The agent pressed the insert shortcut (commands API): the suggested reply on screen goes into the reply box. */
  z.strictObject({ type: z.literal("insert-suggestion") }),
  /** A call window started or stopped listening to this tab's audio: the page's sign says so, with Stop. */
  z.strictObject({ type: z.literal("call-listening"), listening: z.boolean() }),
]);
export type WorkerToContent = z.infer<typeof WorkerToContentSchema>;

/** What the worker has taken in of a session's events, and saved: the highest seq, so the sender knows what to resend. */
export interface EventAck {
  ok: true;
  acceptedThrough: number;
}

/** Worker → content script, on the events port: a session's batch is taken in and saved through `acceptedThrough`. */
export const EventsAcceptedSchema = z.strictObject({
  type: z.literal("events-accepted"),
  session: z.string(),
  acceptedThrough: z.number().int(),
  /** When the worker's next timer is due (ms since the epoch): the page tells the worker then (`timers-due`). */
  wakeAt: z.number().optional(),
});
export type EventsAccepted = z.infer<typeof EventsAcceptedSchema>;

/**
 * Worker → content script, on the events port: a session's batch was refused, and why. The page drops it and goes on
 * with the next: sending it again would be refused again.
 */
export const EventsRefusedSchema = z.strictObject({ type: z.literal("events-refused"), session: z.string(), reason: z.string().max(500) });
export type EventsRefused = z.infer<typeof EventsRefusedSchema>;

/** Extension pages (popup, options, trainer) → worker. */
export const PageToWorkerSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("tab-status"), tabId: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal("set-site-enabled"), origin: z.string().url().max(300), enabled: z.boolean() }),
  z.strictObject({ type: z.literal("snooze"), minutes: z.number().int().min(0).max(24 * 60) }),
  /** "Teach this site", from the popup: the picker is injected into that tab. */
  z.strictObject({ type: z.literal("teach-site"), tabId: z.number().int().nonnegative() }),
  /** "Coach this call", from the popup: that tab's audio and the microphone, heard in the call window. */
  z.strictObject({ type: z.literal("coach-call"), tabId: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal("list-taught-sites") }),
  z.strictObject({ type: z.literal("forget-taught-site"), origin: z.string().max(300) }),
  z.strictObject({ type: z.literal("export-taught-sites") }),
  /** A file of taught sites, as the options page read it: validated by the worker. */
  z.strictObject({ type: z.literal("import-taught-sites"), file: z.unknown() }),
  /**
   * "These messages are mine", from the popup: this site's reader has the two sides the wrong way round (or, again,
   * not). The tab's conversations are read anew with the sides corrected.
   */
  z.strictObject({ type: z.literal("set-speakers-swapped"), tabId: z.number().int().nonnegative(), origin: z.string().url().max(300), swapped: z.boolean() }),
  /** The agent granted access to a taught site: start reading it. */
  z.strictObject({ type: z.literal("sync-taught-sites") }),
  /** Team leads (options page): the packs, overrides and policy; saving overrides, importing and removing packs. */
  z.strictObject({ type: z.literal("team-state") }),
  /** `file`: the name of the imported file, named in every problem. */
  z.strictObject({ type: z.literal("save-overrides"), overrides: z.unknown(), file: z.string().max(300).optional() }),
  /** What a pack is and would change, checked as import-pack checks it, before the team lead installs it. */
  z.strictObject({ type: z.literal("review-pack"), file: z.string().max(MAX_PACK_URL_CHARS), pack: z.unknown() }),
  z.strictObject({ type: z.literal("import-pack"), file: z.string().max(MAX_PACK_URL_CHARS), pack: z.unknown() }),
  z.strictObject({ type: z.literal("remove-pack"), id: z.string().max(100) }),
  z.strictObject({ type: z.literal("reset-stats") }),
]);
export type PageToWorker = z.infer<typeof PageToWorkerSchema>;

/**
 * The popup (or the worker, passing on Stop from a page's sign) → the call window, by runtime.sendMessage: is a call
 * being listened to, and stop it. Only an open call window answers (CallStatus); the worker takes neither.
 */
export const CallWindowMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("call-status") }),
  /** `tab`: only the window listening to that tab stops (the worker passes on Stop from that tab's page). */
  z.strictObject({ type: z.literal("stop-call"), tab: z.number().int().nonnegative().optional() }),
]);
export type CallWindowMessage = z.infer<typeof CallWindowMessageSchema>;

/** The call window's answer: listening (after stop-call, no longer), and seconds of the call heard. */
export const CallStatusSchema = z.strictObject({ listening: z.boolean(), heard: z.number().nonnegative() });
export type CallStatus = z.infer<typeof CallStatusSchema>;

export const ConversationSummarySchema = z.object({
  /** The frame of the tab the conversation is read in: where the popup asks what was read. */
  frameId: z.number(),
  adapter: z.string(),
  key: z.string(),
  channel: ChannelSchema,
  language: z.string().optional(),
  /** When the conversation was first read (ms since the epoch): its nudges' `at` are seconds from here. */
  startedAt: z.number(),
  /** The scorecard's nudge figures (raised; shown, and of those followed, missed, open; used), as numbers. */
  nudges: z.object({ raised: z.number(), shown: z.number(), followed: z.number(), missed: z.number(), open: z.number(), used: z.number() }),
  /**
   * Every nudge of the conversation, oldest first: its rule's message, rule id and moment, whether its card was drawn
   * and its reply inserted; no conversation text.
   */
  list: z.array(
    z.object({
      rule: z.string(),
      event: z.number(),
      at: z.number(),
      severity: z.string(),
      outcome: z.enum(["open", "followed", "missed"]),
      message: z.string(),
      shown: z.boolean(),
      used: z.boolean(),
    }),
  ),
  /** The conversation's scorecard so far (counts, times and moments; no conversation text). */
  scorecard: ScorecardSchema,
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

/** The worker's answer to tab-status. */
export const TabStatusSchema = z.object({
  conversations: z.array(ConversationSummarySchema),
  siteEnabled: z.boolean(),
  snoozedUntil: z.number(),
  /** Rules snoozed on their own (from a card's menu), each until its time: those still running. */
  snoozedRules: z.record(z.string(), z.number()),
  /** What went wrong (a pack not loaded, storage failing, a rule failing); everything else kept working. */
  problems: z.array(z.string()),
  packs: z.array(z.object({ id: z.string(), version: z.string(), languages: z.array(z.string()) })),
});
export type TabStatus = z.infer<typeof TabStatusSchema>;

/** The content script's answer to the popup's READING_STATUS (ports.ts). */
export const ReadingStatusSchema = z.strictObject({
  /** The content script has looked at the page at least once. */
  looked: z.boolean(),
  /** The reader in use, if a conversation is found, and the key of the conversation on screen as the worker has it. */
  reader: z.strictObject({ id: z.string(), name: z.string(), conversationKey: z.string().max(MAX_CONVERSATION_KEY) }).optional(),
  /** The agent corrected the sides on this site. */
  swapped: z.boolean(),
  /** The last messages read, oldest first (at most three, each cut short). */
  messages: z.array(z.strictObject({ speaker: SpeakerSchema, text: z.string().max(300) })).max(3),
});
export type ReadingStatus = z.infer<typeof ReadingStatusSchema>;

/** Where a team item is kept: storage.sync, or storage.local when it is over sync's quota or sync refused it. */
export const TeamStorageSchema = z.object({
  area: z.enum(["sync", "local"]),
  bytes: z.number(),
  reason: z.enum(["too-big", "sync-refused"]).optional(),
});
export type TeamStorage = z.infer<typeof TeamStorageSchema>;

export const TeamPackInfoSchema = z.object({
  /** The pack as installed (raw JSON: the options page compiles its preview from it). */
  pack: z.unknown(),
  source: z.enum(["shipped", "policy", "imported"]),
  storage: TeamStorageSchema.optional(),
});
export type TeamPackInfo = z.infer<typeof TeamPackInfoSchema>;

/** The worker's answer to team-state. */
export const TeamStateSchema = z.object({
  packs: z.array(TeamPackInfoSchema),
  /** The team lead's saved overrides. */
  overrides: z.unknown(),
  overridesStorage: TeamStorageSchema.optional(),
  policy: ManagedPolicySchema,
  /** Why the administrator's policy (or a part of it) was not applied. */
  policyProblems: z.array(z.string()),
  problems: z.array(z.string()),
});
export type TeamState = z.infer<typeof TeamStateSchema>;

/**
 * The worker's answer to overlay-setup: labels, the rules' names by id and the locale (for times) of the agent's
 * interface language, and display settings.
 */
export const OverlaySetupSchema = z.strictObject({
  labels: z.strictObject(Object.fromEntries(OVERLAY_LABEL_KEYS.map((key) => [key, z.string()])) as Record<keyof OverlayLabels, z.ZodString>),
  ruleNames: z.record(z.string(), z.string()),
  locale: z.string(),
  autoHideSeconds: z.number(),
  /** A call window listens to the asking page's tab now: its sign shows from the start. */
  listening: z.boolean(),
});
export type OverlaySetup = z.infer<typeof OverlaySetupSchema>;
