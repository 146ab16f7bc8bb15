// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { Selection } from "./selection.js";

describe("the picker's selection", () => {
  it("widens to the parent, out of a shadow root to its host, and narrows back the way it came, never to the page", () => {
    document.body.replaceChildren(document.createRange().createContextualFragment(`<main><chat-log></chat-log></main>`));
    const host = document.querySelector("chat-log")!;
    host.attachShadow({ mode: "open" }).append(document.createRange().createContextualFragment(`<ol><li><p>Hi</p></li></ol>`));
    const p = host.shadowRoot!.querySelector("p")!;
    const selection = new Selection();
    selection.point(p);
    const widened = [0, 1, 2, 3, 4].map(() => (selection.wider(), selection.element!.localName));
    expect(widened).toEqual(["li", "ol", "chat-log", "main", "main"]);
    selection.narrower();
    selection.narrower();
    expect(selection.element).toBe(host.shadowRoot!.querySelector("ol"));
    // The pointer moving within what it pointed at keeps the widened selection; onto another element, starts anew.
    selection.point(p);
    expect(selection.element!.localName).toBe("ol");
    selection.point(host);
    expect(selection.element).toBe(host);
    selection.narrower();
    expect(selection.element).toBe(host);
  });
});
