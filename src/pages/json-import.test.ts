// @vitest-environment jsdom
import { File as NodeFile } from "node:buffer";
import { describe, expect, it, vi } from "vitest";

vi.mock("./i18n.js", () => ({
  t: (key: string, ...values: string[]) => [key, ...values].join(" "),
  number: (n: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat("en", options).format(n),
}));
const { onJsonFileChosen } = await import("./json-import.js");

// jsdom's File cannot be read as text; Node's can, as a browser's.
const fileOf = (text: string, name: string) => new NodeFile([text], name) as unknown as File;

/** A file input, as the options page has, with `file` chosen in it; resolves with what the helper did. */
function choose(file: File, use: (file: { name: string; json: unknown }) => Promise<void>) {
  const input = document.createElement("input");
  input.type = "file";
  return new Promise<{ used?: unknown; refused?: [string, string] }>((resolve) => {
    onJsonFileChosen(input, async (chosen) => {
      await use(chosen);
      resolve({ used: chosen });
    }, (name, problem) => resolve({ refused: [name, problem] }));
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change"));
  });
}

describe("every import of the extension's pages", () => {
  it("hands the file's JSON on, a byte-order mark dropped", async () => {
    expect(await choose(fileOf("\uFEFF{\"rules\":{}}", "o.json"), async () => {})).toEqual({ used: { name: "o.json", json: { rules: {} } } });
  });

  it("refuses a file too big before reading it, one too deep before parsing it, and one that is not JSON", async () => {
    const never = vi.fn(async () => {});
    const big = fileOf("x", "big.json");
    Object.defineProperty(big, "size", { value: 5 * 1024 * 1024 });
    Object.defineProperty(big, "text", { value: () => Promise.reject(new Error("read")) });
    expect(await choose(big, never)).toEqual({ refused: ["big.json", "importTooBig big.json 5.0 4.0"] });
    expect(await choose(fileOf("[".repeat(100_000), "deep.json"), never)).toEqual({ refused: ["deep.json", "importTooDeep deep.json 64"] });
    expect((await choose(fileOf("{ no", "bad.json"), never)).refused?.[1]).toMatch(/^bad\.json: teamNotJson: /);
    expect(never).not.toHaveBeenCalled();
  });

  it("says what went wrong when sending throws (a message the browser will not carry, a worker gone)", async () => {
    const thrown = await choose(fileOf("{}", "o.json"), () => Promise.reject(new Error("Message length exceeded maximum allowed length.")));
    expect(thrown).toEqual({ refused: ["o.json", "importFailed o.json Message length exceeded maximum allowed length."] });
  });
});
