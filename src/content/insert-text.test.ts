// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { insertAtCaret } from "./insert-text.js";

/** jsdom has neither execCommand nor isContentEditable: a browser's are stood in for. */
function editable(el: HTMLElement): HTMLElement {
  Object.defineProperty(el, "isContentEditable", { value: true });
  return el;
}

const inputs: InputEvent[] = [];
const record = (event: Event) => inputs.push(event as InputEvent);

beforeEach(() => {
  document.body.replaceChildren();
  inputs.length = 0;
  document.addEventListener("input", record, true);
});
afterEach(() => {
  document.removeEventListener("input", record, true);
  vi.restoreAllMocks();
});

describe("insertAtCaret", () => {
  it("puts the text into a textarea at its caret, fires input as typing does, and leaves focus there", () => {
    document.execCommand = vi.fn(() => false);
    const box = document.createElement("textarea");
    document.body.append(box);
    box.value = "Hello . Bye";
    box.setSelectionRange(6, 6);
    expect(insertAtCaret(box, "there")).toBe(true);
    expect(box.value).toBe("Hello there. Bye");
    expect(box.selectionStart).toBe(11);
    expect(document.activeElement).toBe(box);
    expect(inputs.map((e) => [e.inputType, e.data])).toEqual([["insertText", "there"]]);
  });

  it("prefers execCommand, which keeps the editor's undo history", () => {
    const box = document.createElement("textarea");
    document.body.append(box);
    document.execCommand = vi.fn((_command: string, _ui?: boolean, text?: string) => {
      box.value += text;
      return true;
    });
    insertAtCaret(box, "Thanks, James Carter.");
    expect(document.execCommand).toHaveBeenCalledWith("insertText", false, "Thanks, James Carter.");
    expect(box.value).toBe("Thanks, James Carter.");
    expect(inputs).toEqual([]);
  });

  it("puts the text after a contenteditable box's content when the agent was not typing there", () => {
    document.execCommand = vi.fn(() => false);
    const box = editable(document.createElement("div"));
    box.tabIndex = 0;
    box.textContent = "Hi.";
    document.body.append(box);
    expect(insertAtCaret(box, " Thanks, James.")).toBe(true);
    expect(box.textContent).toBe("Hi. Thanks, James.");
    expect(inputs.map((e) => e.inputType)).toEqual(["insertText"]);
  });

  it("reaches a contenteditable in an open shadow root, inside a wrapper the console names as its reply box", () => {
    document.execCommand = vi.fn(() => false);
    const host = document.createElement("div");
    document.body.append(host);
    const root = host.attachShadow({ mode: "open" });
    const wrapper = document.createElement("div");
    wrapper.setAttribute("role", "textbox");
    const inner = editable(document.createElement("div"));
    inner.setAttribute("contenteditable", "true");
    wrapper.append(inner);
    root.append(wrapper);
    expect(insertAtCaret(wrapper, "Thanks.")).toBe(true);
    expect(inner.textContent).toBe("Thanks.");
    // Composed: the page's listeners outside the shadow root hear it.
    expect(inputs).toHaveLength(1);
  });

  it("refuses what takes no text", () => {
    const div = document.createElement("div");
    document.body.append(div);
    expect(insertAtCaret(div, "x")).toBe(false);
  });
});
