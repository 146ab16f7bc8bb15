import { describe, expect, it } from "vitest";
import { SelectorSpecSchema } from "./selector-spec.js";

// Node has no DOM, like the worker: this is the check the worker applies to taught and imported specs.
describe("selector specs where there is no DOM (the worker)", () => {
  const base = { id: "x", name: "X", hosts: ["x.example"], transcript: "#log", message: ".m", agent: ".me" };
  const valid = (message: string) => SelectorSpecSchema.safeParse({ ...base, message }).success;

  it("refuses unbalanced brackets, parentheses and quotes, and characters that end a selector", () => {
    for (const bad of ["div[", "li:not(.x", "[title='a]", "a{color:red}", "a;b", "x > <y"]) expect(valid(bad), bad).toBe(false);
  });

  it("accepts real selectors, brackets inside quotes and escapes included", () => {
    for (const good of ["div.bubble", "[data-from=\"me\"]", "[title='a]b']", "li:not(.mine) > span", ".a\\[1\\]", "app-chat >>> .log"]) expect(valid(good), good).toBe(true);
  });

  it("needs at least one side's selector, or the side of the line the agent's messages are drawn on", () => {
    expect(SelectorSpecSchema.safeParse({ ...base, agent: undefined }).success).toBe(false);
    expect(SelectorSpecSchema.safeParse({ ...base, agent: undefined, customer: ".them" }).success).toBe(true);
    expect(SelectorSpecSchema.safeParse({ ...base, agent: undefined, agentSide: "end" }).success).toBe(true);
    expect(SelectorSpecSchema.safeParse({ ...base, agent: undefined, agentSide: "right" }).success).toBe(false);
  });
});
