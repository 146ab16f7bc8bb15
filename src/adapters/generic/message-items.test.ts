// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { lastMessageItems, messageItems, newestMessageItems } from "./message-items.js";

const pane = (markup: string): Element => {
  document.body.replaceChildren(document.createRange().createContextualFragment(markup));
  return document.getElementById("pane")!;
};
const texts = (items: Element[]) => items.map((el) => el.textContent?.trim());

describe("the items of a conversation pane", () => {
  it("goes through wrappers, past empty scrollbar rails and a 'conversation started' notice, to the messages", () => {
    const items = messageItems(pane(`
      <div id="pane"><div class="rail"></div><div><div>
        <div>Conversation started</div>
        <span><div><p>Hi, I was charged twice for my subscription.</p></div><div><p>Hello Sam, thanks for reaching out.</p></div></span>
      </div></div><div class="rail"></div></div>`));
    expect(texts(items)).toEqual(["Hi, I was charged twice for my subscription.", "Hello Sam, thanks for reaching out."]);
  });

  it("stops at a lone message: its name and its bubble are one message, not two", () => {
    const items = messageItems(pane(`<div id="pane"><div><div class="row"><div>Sam Taylor</div><div><p>My parcel never came.</p></div></div></div></div>`));
    expect(texts(items)).toEqual(["Sam TaylorMy parcel never came."]);
  });

  it("reads a list laid out bottom-up oldest first", () => {
    const items = messageItems(pane(`<div id="pane" style="display: flex; flex-direction: column-reverse"><p>newest</p><p>older</p><p>oldest</p></div>`));
    expect(texts(items)).toEqual(["oldest", "older", "newest"]);
  });

  it("finds the newest items as the whole list has them, without it, in either layout", () => {
    for (const direction of ["column", "column-reverse"]) {
      const container = pane(`<div id="pane" style="display: flex; flex-direction: ${direction}"><p>a</p><p>b</p><script></script><p>c</p></div>`);
      expect(texts(lastMessageItems(container, 2))).toEqual(texts(messageItems(container).slice(-2)));
      expect(texts([...newestMessageItems(container)])).toEqual(texts(messageItems(container).reverse()));
    }
  });
});
