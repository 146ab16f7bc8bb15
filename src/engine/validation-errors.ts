import type { z } from "zod";

/** A JSON path as people read it: $.rules[3].severity */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : `${out}.${String(key)}`), "$");
}

/** One line per problem: the file, where in it, and what was expected there. */
export function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${jsonPath(issue.path)}: ${issue.message}`);
}

/** A file that did not pass validation; `problems` lists every issue found, not just the first. */
export class ValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ValidationError";
  }
}
