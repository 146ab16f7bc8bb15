// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { readMessage } from "./message-text.js";

const item = (markup: string): Element => {
  document.body.replaceChildren(document.createRange().createContextualFragment(`<div id="item">${markup}</div>`));
  return document.getElementById("item")!;
};

describe("reading what a person wrote", () => {
  it("leaves out the author and time of a meta line, and keeps the name as the author's", () => {
    // Twilio Paste's ChatMessage: the bubble, then "Sam Taylor ・ 3:35 PM" in one meta item.
    const read = readMessage(item(`<div class="css-146cy1u">Hi, I was charged twice.</div><div class="css-1va3v07"><div>Sam Taylor ・ 3:35 PM</div></div>`));
    expect(read).toEqual({ text: "Hi, I was charged twice.", names: ["Sam Taylor"], metaOnly: false });
  });

  it("leaves out relative times, delivery status, avatar initials and speaker labels", () => {
    expect(readMessage(item(`<div>ST</div><div>Where is my parcel?</div><div>3m</div>`)).text).toBe("Where is my parcel?");
    expect(readMessage(item(`<p>Let me check.</p><span>Delivered</span><time>10:42</time>`)).text).toBe("Let me check.");
    expect(readMessage(item(`<div>Maria (Visitor)</div><p>My order never arrived.</p>`)).text).toBe("My order never arrived.");
  });

  it("never drops what was written because of a class name", () => {
    expect(readMessage(item(`<div class="avatar-row from-me"><p class="message-author-wrapper">I'd like a refund for the broken lamp, please.</p></div>`)).text)
      .toBe("I'd like a refund for the broken lamp, please.");
  });

  it("keeps a message that is only a time or a name, and strips a screen reader's 'said:' prefix", () => {
    expect(readMessage(item(`<p>10:30</p>`))).toMatchObject({ text: "10:30", metaOnly: true });
    expect(readMessage(item(`<p>Sam Taylor said: my card was declined</p>`)).text).toBe("my card was declined");
  });

  it("keeps a speaker's word at the start of what was written: whose label it is, the reader decides", () => {
    expect(readMessage(item(`<p>Agent: where is my refund?</p>`)).text).toBe("Agent: where is my refund?");
    // Short, and naming a side, but with words after the colon: what the person wrote, not a label.
    expect(readMessage(item(`<p>Me: too</p><p>the same happened to my sister</p><span>Visitor 10:02</span>`)).text)
      .toBe("Me: too the same happened to my sister");
  });
});
