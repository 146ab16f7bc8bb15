// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import generic from "./generic.js";
import { readItem } from "./read-item.js";

function page(html: string): Document {
  document.body.replaceChildren();
  document.body.insertAdjacentHTML("afterbegin", html);
  return document;
}

function read(doc: Document) {
  const transcript = generic.findTranscript(doc);
  if (!transcript) return null;
  return generic.messages(transcript).flatMap((item) => readItem(generic, item) ?? []);
}

describe("generic reader", () => {
  it("reads speakers from classes and drops author labels and times from the text", () => {
    const doc = page(`
      <div role="log"><div class="list">
        <div class="msg msg--customer"><span class="msg__author">Maria (Visitor)</span><p class="msg__text">My order never arrived.</p><time>10:02</time></div>
        <div class="msg msg--agent"><span class="msg__author">You</span><p class="msg__text">I'm sorry to hear that.</p><time>10:03</time></div>
      </div></div>`);
    expect(read(doc)).toEqual([
      { speaker: "customer", text: "My order never arrived." },
      { speaker: "agent", text: "I'm sorry to hear that." },
    ]);
  });

  it("reads speakers from data attributes, labels and 'Name:' prefixes", () => {
    const doc = page(`
      <ul aria-live="polite">
        <li data-author="visitor">Is anyone there?</li>
        <li><b class="sender-name">Agent</b> Yes, I'm here.</li>
        <li>Customer: great, thanks</li>
        <li data-direction="outbound">You're welcome!</li>
      </ul>`);
    expect(read(doc)).toEqual([
      { speaker: "customer", text: "Is anyone there?" },
      { speaker: "agent", text: "Yes, I'm here." },
      { speaker: "customer", text: "great, thanks" },
      { speaker: "agent", text: "You're welcome!" },
    ]);
  });

  it("understands Italian, Romanian and Persian labels", () => {
    const doc = page(`
      <div role="log">
        <div><span class="author">Cliente</span> Il pacco non è arrivato</div>
        <div><span class="author">Operator</span> Îmi pare rău</div>
        <div><span class="author">مشتری</span> سفارشم نرسید</div>
      </div>`);
    expect(read(doc)?.map((m) => m.speaker)).toEqual(["customer", "agent", "customer"]);
  });

  it("skips items whose speaker it cannot tell, such as system notices", () => {
    const doc = page(`
      <div role="log">
        <div class="notice">Chat started at 10:00</div>
        <div class="msg from-customer">Hello</div>
      </div>`);
    expect(read(doc)).toEqual([{ speaker: "customer", text: "Hello" }]);
  });

  it("prefers the live region that holds messages over other live regions", () => {
    const doc = page(`
      <div aria-live="polite" class="toast">Saved</div>
      <div role="log"><div class="msg--customer">Hi</div></div>`);
    expect(generic.findTranscript(doc)?.getAttribute("role")).toBe("log");
  });

  it("takes an empty chat log beside a reply box as the transcript, so its first message is read live", () => {
    expect(generic.findTranscript(page(`<div aria-live="polite">Saved</div><section><div role="log" id="chat"></div><textarea></textarea></section>`))?.id).toBe("chat");
    expect(generic.findTranscript(page(`<div role="log" id="notifications"></div><main><p>Welcome</p></main>`))).toBeNull();
  });

  it("does not take an article's lists beside a search field for a chat, but takes a chat just started beside its box", () => {
    const questions = (topic: string) => Array.from({ length: 6 }, (_, i) => `<li>How do I change my ${topic} settings when step ${i + 1} fails?</li>`).join("");
    const article = `<header><input type="text" aria-label="Search"></header><main><section><h2>Billing</h2><ul>${questions("billing")}</ul></section><section><h2>Delivery</h2><ul>${questions("delivery")}</ul></section></main>`;
    expect(generic.findTranscript(page(article))).toBeNull();
    const started = page(`${article}<div class="chat"><div class="messages"><div><p>Hello, my parcel never came.</p></div><div><p>It was due on Monday.</p></div></div><textarea></textarea></div>`);
    expect(generic.findTranscript(started)?.className).toBe("messages");
  });

  it("finds nothing on a page without a transcript", () => {
    expect(generic.findTranscript(page(`<main><p>Welcome</p><div aria-live="polite">Saved</div></main>`))).toBeNull();
  });

  it("names the customer of the chat shown: the header nearest the conversation, then the names on that chat's messages", () => {
    const chat = (id: string, header: string, customer: string, texts: string[]) =>
      `<header><strong>Northwind Help Desk</strong></header><main><section data-conversation-id="${id}"><h1>${header}</h1><div role="log">${texts
        .map((text, i) => `<div class="msg msg--customer" data-message-id="${id}-${i}"><span class="msg__author">${customer}</span><p>${text}</p></div>`)
        .join("")}</div><textarea></textarea></section></main>`;
    // Before any message says who wrote it, the chat's header: the name nearest above the conversation, not the app's.
    const empty = page(chat("c0", "Tom Berg", "", []));
    generic.findTranscript(empty);
    expect(generic.customerName?.(empty)).toBe("Tom Berg");
    // One pane showing one chat after another: the customer is the one whose messages are on screen, although the
    // first chat's customer wrote more.
    const first = page(chat("c1", "Open chat", "Ana Lopez", ["My order is late.", "It was due on Monday.", "Any news?"]));
    expect(read(first)?.map((m) => m.text)).toEqual(["My order is late.", "It was due on Monday.", "Any news?"]);
    expect(generic.customerName?.(first)).toBe("Ana Lopez");
    const second = page(chat("c2", "Open chat", "Ben Cole", ["I was charged twice."]));
    expect(read(second)?.map((m) => m.text)).toEqual(["I was charged twice."]);
    expect(generic.customerName?.(second)).toBe("Ben Cole");
  });

  it("takes the console's message id and conversation id where the markup has them", () => {
    const doc = page(`<section data-conversation-id="c-42"><div role="log"><div class="msg--agent" data-message-id="m7">Hi</div></div></section>`);
    const transcript = generic.findTranscript(doc)!;
    expect(generic.messageId(generic.messages(transcript)[0]!)).toBe("m7");
    expect(generic.conversationKey(doc, transcript)).toBe("c-42");
  });

  it("turns its guesses the other way round once the agent corrects the sides, but not what the agent's own text showed", () => {
    const doc = page(`
      <div role="log">
        <div class="msg msg--customer">I typed this myself.</div>
        <div class="msg msg--agent">This came from the other side.</div>
        <div class="msg">Sent from the reply box.</div>
      </div>`);
    const [mine, theirs, sent] = generic.messages(generic.findTranscript(doc)!);
    expect(generic.speaker(mine!, { swapped: true })).toBe("agent");
    expect(generic.speaker(theirs!, { swapped: true })).toBe("customer");
    expect(generic.speaker(sent!, { swapped: true, sentByAgent: true })).toBe("agent");
    expect(generic.speaker(mine!)).toBe("customer");
  });
});
