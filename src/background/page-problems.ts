import type { SessionStorage } from "./conversation-store.js";

const KEY = "pageProblems";
/** Kept of them: each is worded the same every time it happens, so a few cover every kind. */
const MAX = 10;

/**
 * What the pages sent that had to be cut or was refused: reported like every problem, and kept in session storage too,
 * so that the popup still shows it after the browser has stopped the idle worker (30 s) and started it again.
 */
export class PageProblems {
  private readonly kept: Promise<string[]>;

  constructor(
    private readonly storage: Pick<SessionStorage, "get" | "set">,
    private readonly report: (problem: string) => void,
  ) {
    this.kept = storage.get(KEY).then((stored) => {
      const list = Array.isArray(stored[KEY]) ? stored[KEY].filter((p): p is string => typeof p === "string") : [];
      for (const problem of list) report(problem);
      return list;
    });
  }

  /** Resolves once the problems a stopped worker kept are reported again. */
  ready(): Promise<unknown> {
    return this.kept;
  }

  add(problem: string): void {
    this.report(problem);
    void this.kept.then((list) => {
      if (list.includes(problem)) return;
      list.push(problem);
      if (list.length > MAX) list.shift();
      return this.storage.set({ [KEY]: [...list] });
    });
  }
}
