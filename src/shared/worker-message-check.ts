import type { EventsAccepted, EventsRefused, OverlaySetup, WorkerToContent } from "./messages.js";
import { OVERLAY_LABEL_KEYS } from "../overlay/overlay-labels.js";
import { MAX_BECAUSE, MAX_BECAUSE_CHARS } from "../engine/nudge.js";

// The content script checks what it receives from the worker against the same contract as the zod schemas in
// shared/messages.ts, written by hand: zod would add ~19 KB to a content script whose budget is 30 KB. A property
// test (worker-message-check.test.ts) holds these checks to the schemas: they accept exactly what zod accepts.

type Record_ = Record<string, unknown>;

const isObject = (value: unknown): value is Record_ => typeof value === "object" && value !== null && !Array.isArray(value);
/** Exactly these keys, optional ones aside: the schemas are strict. */
const hasOnlyKeys = (value: Record_, required: readonly string[], optional: readonly string[] = []) => {
  const keys = Object.keys(value);
  return required.every((key) => keys.includes(key)) && keys.every((key) => required.includes(key) || optional.includes(key));
};
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === "string" && value.length <= 200_000;

const NUDGE_KEYS = ["rule", "pack", "event", "at", "severity", "priority", "message", "suggestion", "outcome"] as const;

const isBecause = (value: unknown) =>
  value === undefined || (Array.isArray(value) && value.length <= MAX_BECAUSE && Array.from(value).every((words) => typeof words === "string" && words.length <= MAX_BECAUSE_CHARS));

function isNudge(value: unknown): boolean {
  if (!isObject(value) || !hasOnlyKeys(value, NUDGE_KEYS, ["because"])) return false;
  const { rule, pack, event, at, severity, priority, message, suggestion, because, outcome } = value;
  return (
    typeof rule === "string" && typeof pack === "string" && Number.isSafeInteger(event) && (event as number) >= 0 &&
    isNumber(at) && (severity === "tip" || severity === "warn" || severity === "alert") && isNumber(priority) &&
    isText(message) && isText(suggestion) && isBecause(because) && (outcome === "open" || outcome === "followed" || outcome === "missed")
  );
}

export function isWorkerMessage(value: unknown): value is WorkerToContent {
  if (!isObject(value)) return false;
  if (value.type === "dismiss-nudge" || value.type === "insert-suggestion") return hasOnlyKeys(value, ["type"]);
  if (value.type === "call-listening") return hasOnlyKeys(value, ["type", "listening"]) && typeof value.listening === "boolean";
  return (
    value.type === "nudges" && hasOnlyKeys(value, ["type", "adapter", "conversationKey", "delivery", "raised", "resolved"]) &&
    typeof value.adapter === "string" && typeof value.conversationKey === "string" && Number.isSafeInteger(value.delivery) &&
    (value.delivery as number) >= 0 && Array.isArray(value.raised) && Array.from(value.raised).every(isNudge) &&
    Array.isArray(value.resolved) && Array.from(value.resolved).every(isNudge)
  );
}

export function isEventsAccepted(value: unknown): value is EventsAccepted {
  return (
    isObject(value) && hasOnlyKeys(value, ["type", "session", "acceptedThrough"], ["wakeAt"]) && value.type === "events-accepted" &&
    typeof value.session === "string" && Number.isSafeInteger(value.acceptedThrough) && (value.wakeAt === undefined || isNumber(value.wakeAt))
  );
}

export function isEventsRefused(value: unknown): value is EventsRefused {
  return (
    isObject(value) && hasOnlyKeys(value, ["type", "session", "reason"]) && value.type === "events-refused" &&
    typeof value.session === "string" && typeof value.reason === "string" && value.reason.length <= 500
  );
}


export function isOverlaySetup(value: unknown): value is OverlaySetup {
  return (
    isObject(value) && hasOnlyKeys(value, ["labels", "ruleNames", "locale", "autoHideSeconds", "listening"]) && isNumber(value.autoHideSeconds) &&
    typeof value.listening === "boolean" &&
    isObject(value.ruleNames) && Object.values(value.ruleNames).every((name) => typeof name === "string") &&
    typeof value.locale === "string" && isObject(value.labels) && hasOnlyKeys(value.labels, OVERLAY_LABEL_KEYS) &&
    OVERLAY_LABEL_KEYS.every((key) => typeof (value.labels as Record_)[key] === "string")
  );
}
