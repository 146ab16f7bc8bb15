import { describe, expect, it } from "vitest";
import { PageProblems } from "./page-problems.js";

describe("PageProblems", () => {
  it("reports each problem, and a worker started again reports what the one before kept", async () => {
    const data: Record<string, unknown> = {};
    const storage = {
      get: async (key: string | null) => (key !== null && key in data ? { [key]: structuredClone(data[key]) } : {}),
      set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
    };
    const before: string[] = [];
    const first = new PageProblems(storage, (p) => before.push(p));
    first.add("an id was shortened");
    first.add("an id was shortened");
    first.add("a message was cut");
    await first.ready();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(before).toEqual(["an id was shortened", "an id was shortened", "a message was cut"]);
    const after: string[] = [];
    await new PageProblems(storage, (p) => after.push(p)).ready();
    expect(after).toEqual(["an id was shortened", "a message was cut"]);
  });
});
