/** What went wrong in the worker, newest last, for the popup to show: the rest kept working. Bounded. */
const MAX = 20;
const problems: Array<{ at: number; message: string }> = [];

export function reportProblem(message: string): void {
  // The same problem on every event would push everything else out: keep one of each, the latest.
  const existing = problems.findIndex((p) => p.message === message);
  if (existing >= 0) problems.splice(existing, 1);
  problems.push({ at: Date.now(), message });
  if (problems.length > MAX) problems.shift();
}

export function currentProblems(): string[] {
  return problems.map((p) => p.message);
}
