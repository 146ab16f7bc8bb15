import { describe, expect, it } from "vitest";
import { isContentScripts, readPageLoad, type TraceEvent } from "./long-tasks.js";

const CONTENT = "chrome-extension://abc/content.js";
const PAGE = "http://127.0.0.1/fixtures/bench-chat.html";
const on = (pid: number, name: string, ts: number, ms: number, url?: string): TraceEvent => ({
  name, ph: "X", pid, tid: pid, ts: ts * 1000, dur: ms * 1000, ...(url ? { args: { data: { url } } } : {}),
});

describe("readPageLoad", () => {
  const trace: TraceEvent[] = [
    on(1, "ParseHTML", 0, 5),
    // The content script's evaluation, with a call into it nested inside: counted once.
    on(1, "ThreadControllerImpl::RunTask", 100, 80),
    on(1, "EvaluateScript", 110, 60, CONTENT),
    on(1, "FunctionCall", 120, 10, CONTENT),
    // The page's own script, with a short observer callback of the content script in the same task.
    on(1, "ThreadControllerImpl::RunTask", 300, 70),
    on(1, "EvaluateScript", 300, 60, PAGE),
    on(1, "FunctionCall", 362, 5, CONTENT),
    // Not long.
    on(1, "ThreadControllerImpl::RunTask", 500, 40),
    on(1, "FunctionCall", 505, 30, CONTENT),
    // Another process's thread (the worker's, a second page's): not this page's.
    on(2, "ThreadControllerImpl::RunTask", 600, 100),
    on(2, "FunctionCall", 610, 90, CONTENT),
    // Not a complete event.
    { name: "RunTask", ph: "B", pid: 1, tid: 1, ts: 800_000 },
  ];

  it("lists the main thread's tasks over 50 ms with the content script's outermost calls in each", () => {
    expect(readPageLoad(trace).longTasks).toEqual([{ ms: 80, attuneMs: 60 }, { ms: 70, attuneMs: 5 }]);
  });

  it("sums the content script's evaluations", () => {
    expect(readPageLoad(trace).evaluationMs).toBe(60);
  });

  it("sums all of the content script's time on the page's main thread, nested calls once, other threads left out", () => {
    expect(readPageLoad(trace).attuneMs).toBe(60 + 5 + 30);
  });

  it("finds no long tasks in a trace without the page's parse", () => {
    expect(readPageLoad(trace.filter((e) => e.name !== "ParseHTML")).longTasks).toEqual([]);
  });
});

describe("isContentScripts", () => {
  it("gives a long task to the content script when its script is most of it, and to the page otherwise", () => {
    expect(isContentScripts({ ms: 80, attuneMs: 60 })).toBe(true);
    expect(isContentScripts({ ms: 70, attuneMs: 5 })).toBe(false);
    expect(isContentScripts({ ms: 100, attuneMs: 50 })).toBe(false);
  });
});
