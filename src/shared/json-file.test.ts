import { describe, expect, it } from "vitest";
import { jsonDepth, MAX_JSON_DEPTH, parseJsonText } from "./json-file.js";

describe("JSON files handed to Attune", () => {
  it("are measured for depth without parsing, brackets inside strings and escaped quotes not counted", () => {
    expect(jsonDepth('{"a": [1, {"b": "[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('["\\"[[[", ["\\\\"], []]')).toBe(2);
    expect(jsonDepth("42")).toBe(0);
    // A very deep file is not walked to its end: counting stops past the limit.
    expect(jsonDepth("[".repeat(1_000_000))).toBe(MAX_JSON_DEPTH + 1);
  });

  it("drop a UTF-8 byte-order mark, refuse what nests too deep, and say what is not JSON", () => {
    expect(parseJsonText('\uFEFF{"rules": {}}')).toEqual({ ok: true, json: { rules: {} } });
    expect(parseJsonText("null")).toEqual({ ok: true, json: null });
    expect(parseJsonText(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`)).toMatchObject({ ok: true });
    expect(parseJsonText(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toEqual({ ok: false, problem: "too-deep" });
    expect(parseJsonText("{ not json")).toMatchObject({ ok: false, problem: "not-json", detail: expect.stringMatching(/JSON/) });
  });
});
