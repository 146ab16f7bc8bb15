/** The fields of a Chrome trace event that the long-task reading uses (complete events: `ph` "X", times in µs). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: { url?: string } };
}

/** A task of the page's main thread over 50 ms, and how much of it was the content script's own script. */
export interface LongTask {
  ms: number;
  attuneMs: number;
}

const LONG_TASK_US = 50_000;

const isAttuneScript = (e: TraceEvent) =>
  (e.name === "EvaluateScript" || e.name === "FunctionCall") && /^chrome-extension:.*\/content\.js$/.test(e.args?.data?.url ?? "");

/**
 * One page load's trace: the content script's evaluation, all of its script time on the page's main thread (its
 * evaluation and every call into it: observers, idle callbacks, messages), and every task there over 50 ms with the
 * content script's part in it. The page's own timing APIs cannot tell whose a long task is; the trace can.
 */
export function readPageLoad(traceEvents: readonly TraceEvent[]): { evaluationMs: number; attuneMs: number; longTasks: LongTask[] } {
  const events = traceEvents.filter((e) => e.ph === "X" && e.dur !== undefined);
  const attune = events.filter(isAttuneScript);
  const evaluationMs = attune.filter((e) => e.name === "EvaluateScript").reduce((sum, e) => sum + e.dur! / 1000, 0);
  // The page's main thread: where its own document is parsed.
  const parse = events.find((e) => e.name === "ParseHTML");
  if (!parse) return { evaluationMs, attuneMs: 0, longTasks: [] };
  const onMain = (e: TraceEvent) => e.pid === parse.pid && e.tid === parse.tid;
  const tasks = events.filter((e) => onMain(e) && (e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask") && e.dur! > LONG_TASK_US);
  const longTasks = tasks.map((task) => ({
    ms: task.dur! / 1000,
    attuneMs: outermostMs(attune.filter((e) => onMain(e) && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!)),
  }));
  return { evaluationMs, attuneMs: outermostMs(attune.filter(onMain)), longTasks };
}

/** The time of the content script's calls: calls nest (a call inside an evaluation), so only the outermost count. */
function outermostMs(calls: readonly TraceEvent[]): number {
  const outermost = calls.filter((e) => !calls.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur! >= e.ts + e.dur! && o.dur! > e.dur!));
  return outermost.reduce((sum, e) => sum + e.dur! / 1000, 0);
}

/** A long task is the content script's when its script is most of it; in the others it took a part of the page's. */
export const isContentScripts = (task: LongTask) => task.attuneMs > task.ms / 2;
