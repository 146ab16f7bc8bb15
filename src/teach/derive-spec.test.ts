// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { selectorAdapter } from "../adapters/selector-adapter.js";
import { SelectorSpecSchema } from "../adapters/selector-spec.js";
import { deriveSpec } from "./derive-spec.js";
import { looksGenerated, stableSelector } from "./stable-selector.js";

const fill = (markup: string) => document.body.replaceChildren(document.createRange().createContextualFragment(markup));
const $ = (selector: string) => document.querySelector(selector)!;
const where = { host: "support.example.com", hostname: "support.example.com" };

function readWith(markup: string, picks: { transcript: string; agent: string; customer: string; reply?: string }) {
  fill(markup);
  const derived = deriveSpec({ transcript: $(picks.transcript), agentMessage: $(picks.agent), customerMessage: $(picks.customer), replyBox: picks.reply ? $(picks.reply) : undefined }, where);
  if (!derived.ok) throw new Error(derived.problem);
  const spec = SelectorSpecSchema.parse(derived.spec);
  const adapter = selectorAdapter(spec);
  const transcript = adapter.findTranscript(document)!;
  return { spec, read: adapter.messages(transcript).map((item) => `${adapter.speaker(item)}: ${adapter.text(item)}`) };
}

describe("teaching a site", () => {
  it("tells generated class names from meaningful ones", () => {
    for (const token of ["css-1k9ek97", "sc-bdVaJa", "x7f3a9c2e1", "ember1234", "_3xKzq"]) expect(looksGenerated(token), token).toBe(true);
    for (const token of ["message", "msg--out", "chat-log", "is-agent"]) expect(looksGenerated(token), token).toBe(false);
  });

  it("knows the generated class names of real chat kits from their readable ones", () => {
    // As rendered by the kit pages in test/fixtures/kits (Twilio Paste under two emotion cache keys, minchat's
    // styled-components), and the schemes of CSS modules and JSS.
    const generated = [
      "css-1rtd03t", "css-146cy1u", "flex-1kau5en", "flex-g5t0ri", "css-1k9ek97-Message",
      "sc-kieALA", "sc-kHNKno", "feuBPB", "etOjUj", "kMWHXB", "hRuXrU", "cNxZGC", "dUmgtX", "hBmBqn", "jRlxZw", "iokOoi", "iysMrg",
      "Button_root__3xKzq", "styles_message__a1b2c", "jss12", "makeStyles-root-12",
    ];
    const readable = [
      "cs-message", "cs-message--incoming", "cs-message-list__scroll-wrapper", "Message", "Message-author", "Bubble",
      "PullToRefresh", "MessageList", "vac-message-current", "vac-offset-current", "user-message-text",
      "outer-message-container", "paste-chat-composer-content-editable", "fade-animation", "chatLog", "isMine", "ChatApp", "navBar",
    ];
    for (const token of generated) expect(looksGenerated(token), token).toBe(true);
    for (const token of readable) expect(looksGenerated(token), token).toBe(false);
  });

  it("derives selectors from stable attributes, ignoring generated classes, and reads the site with them", () => {
    const { spec, read } = readWith(`
      <main class="css-9a8b7c"><div class="css-1k9ek97" data-testid="conversation">
        <div class="css-77aa91 bubble" data-from="them"><span class="css-0">Where is my parcel?</span></div>
        <div class="css-77aa92 bubble" data-from="me"><span class="css-0">Let me check.</span></div>
        <div class="css-77aa91 bubble" data-from="them"><span class="css-0">Thanks</span></div>
      </div><textarea class="css-abc123" name="reply"></textarea></main>`,
      { transcript: "[data-testid='conversation']", agent: "[data-from='me'] span", customer: "[data-from='them'] span", reply: "textarea" });
    expect(spec).toMatchObject({ transcript: 'div[data-testid="conversation"]', message: "div.bubble", agent: '[data-from="me"]', customer: '[data-from="them"]', replyBox: 'textarea[name="reply"]', hosts: ["support.example.com"], id: "taught-support-example-com" });
    expect(read).toEqual(["customer: Where is my parcel?", "agent: Let me check.", "customer: Thanks"]);
  });

  it("places the pane under a stable ancestor when it has nothing stable of its own, and works with one side marked", () => {
    const { read } = readWith(`
      <section id="chat-panel"><div><ul>
        <li>Hello, my card was declined</li>
        <li class="mine">Sorry to hear that</li>
      </ul></div></section>`,
      { transcript: "#chat-panel ul", agent: "li.mine", customer: "li:not(.mine)" });
    expect(read).toEqual(["customer: Hello, my card was declined", "agent: Sorry to hear that"]);
  });

  it("says what is wrong when the picks cannot make a reader", () => {
    fill(`<div id="log"><p class="m">a</p><p class="m">b</p></div><p id="out">c</p>`);
    expect(deriveSpec({ transcript: $("#log"), agentMessage: $("#out"), customerMessage: $(".m") }, where)).toEqual({ ok: false, problem: "teachProblemOutsidePane" });
    expect(deriveSpec({ transcript: $("#log"), agentMessage: $(".m"), customerMessage: $(".m + .m") }, where)).toEqual({ ok: false, problem: "teachProblemSpeakers" });
  });

  it("finds a unique selector for an element among look-alikes", () => {
    fill(`<div class="panel"><textarea></textarea></div><div class="panel" data-qa="composer"><textarea></textarea></div>`);
    const target = document.querySelectorAll("textarea")[1]!;
    expect(document.querySelector(stableSelector(target)!)).toBe(target);
  });

  it("never builds message selectors from labels that name people", () => {
    const { spec, read } = readWith(`
      <div class="message-pane"><div class="scroll">
        <section aria-label="Sam Taylor" class="msg msg--incoming"><p>I was charged twice</p></section>
        <section aria-label="Agent" class="msg msg--outgoing"><p>Sorry about that</p></section>
        <section aria-label="Sam Taylor" class="msg msg--incoming"><p>Thanks</p></section>
      </div></div>`,
      { transcript: ".scroll", agent: ".msg--outgoing p", customer: ".msg--incoming p" });
    expect(JSON.stringify(spec)).not.toContain("Sam");
    expect(read).toEqual(["customer: I was charged twice", "agent: Sorry about that", "customer: Thanks"]);
  });

  it("takes the nearest ancestor holding both messages when the pane pick is a row beside a bubble or a thin strip", () => {
    const markup = `
      <div id="chat"><header class="title">Sam</header><div class="log">
        <div class="row"><p class="msg them">My order is late</p></div>
        <div class="row"><p class="msg me">Let me check</p></div>
      </div></div>`;
    for (const pane of [".row", ".title"]) {
      const { spec, read } = readWith(markup, { transcript: pane, agent: ".me", customer: ".them" });
      expect(read, pane).toEqual(["customer: My order is late", "agent: Let me check"]);
      expect(spec.transcript).toBe(pane === ".row" ? "div.log" : "#chat");
    }
    fill(markup);
    // A pick outside the chat altogether would make the whole page the pane: refused.
    expect(deriveSpec({ transcript: document.body, agentMessage: $(".me"), customerMessage: $(".them") }, where)).toEqual({ ok: false, problem: "teachProblemOutsidePane" });
  });

  it("steps into open shadow roots with >>> for the pane, the messages and the reply box", () => {
    fill(`<chat-app></chat-app>`);
    const shadow = $("chat-app").attachShadow({ mode: "open" });
    shadow.append(document.createRange().createContextualFragment(`
      <div id="container"><div id="messages"><div>
        <div class="outer role-ai"><span class="name">Sam Taylor</span><div class="bubble"><p>Card declined</p></div></div>
        <div class="outer role-user"><div class="bubble"><p>Sorry to hear that</p></div></div>
      </div></div><div id="input"><div id="text-input" contenteditable="true"><p>draft</p></div></div></div>`));
    const at = (selector: string) => shadow.querySelector(selector)!;
    const derived = deriveSpec({ transcript: $("chat-app"), agentMessage: at(".role-user p"), customerMessage: at(".role-ai p"), replyBox: at("#text-input p") }, where);
    if (!derived.ok) throw new Error(derived.problem);
    const spec = SelectorSpecSchema.parse(derived.spec);
    // The host was picked: the pane is the top of its shadow root, where the messages can be queried.
    expect(spec).toMatchObject({ transcript: "chat-app >>> #container", message: "div.outer", agent: ".role-user", customer: ".role-ai", replyBox: "chat-app >>> #text-input" });
    const adapter = selectorAdapter(spec);
    const transcript = adapter.findTranscript(document)!;
    expect(adapter.messages(transcript).map((item) => `${adapter.speaker(item)}: ${adapter.text(item)}`)).toEqual(["customer: Card declined", "agent: Sorry to hear that"]);
    expect(adapter.replyBox!(document)).toBe(at("#text-input"));
  });

  it("reaches a pane with only generated classes by its path of tags from a stable ancestor, and speakers by data-testid", () => {
    const { spec, read } = readWith(`
      <div id="root"><div class="sc-eYKLqR dEQGZJ"><div class="sc-eJZSpO">Sam Taylor</div>
        <div class="sc-ciFqri dUmgtX"><div class="sc-VILhF cNxZGC"></div><div class="sc-jtazNH ceXHtt"><div class="sc-epGxBs hRuXrU">
          <div data-testid="incoming-message" class="sc-kieALA feuBPB fade-animation"><div class="sc-jMpmlX">Hi, I was charged twice</div></div>
          <div data-testid="outgoing-message" class="sc-kieALA kMWHXB fade-animation"><div class="sc-jMpmlX">Sorry about that</div></div>
        </div></div></div>
      </div></div>`,
      { transcript: ".cNxZGC", agent: "[data-testid='outgoing-message'] div", customer: "[data-testid='incoming-message'] div" });
    expect(spec).toMatchObject({ transcript: "#root > div > div:nth-of-type(2)", message: "div.fade-animation", agent: '[data-testid="outgoing-message"]', customer: '[data-testid="incoming-message"]' });
    expect(JSON.stringify(spec)).not.toMatch(/sc-|dUmgtX|hRuXrU/);
    expect(read).toEqual(["customer: Hi, I was charged twice", "agent: Sorry about that"]);
  });

  it("keeps to attribute names that are valid in selectors, whatever a page names them", () => {
    fill(`<div id="log"><p class="m">a</p><p class="m">b</p></div>`);
    const [first, second] = [...document.querySelectorAll(".m")] as [Element, Element];
    first.setAttribute("data-side:x", "them");
    second.setAttribute("data-side:x", "me");
    second.setAttribute("data-mine", "");
    const derived = deriveSpec({ transcript: $("#log"), agentMessage: second, customerMessage: first }, where);
    expect(derived).toMatchObject({ ok: true, spec: { message: "p.m", agent: "[data-mine]" } });
  });

  it("never tells speakers apart by a message's own id, and never takes a box that holds messages for a message", () => {
    const { spec, read } = readWith(`
      <div class="MessageList">
        <div class="Message left" data-id="yrwhpzmh6lny" data-type="text"><div class="Bubble" data-type="text"><p>Where is my refund?</p></div></div>
        <div class="Message right" data-id="xjpiux2s7wuc" data-type="text"><div class="Bubble" data-type="text"><p>Checking now</p></div></div>
      </div>`,
      { transcript: ".MessageList", agent: ".right p", customer: ".left p" });
    expect(spec).toMatchObject({ message: "div.Message", agent: ".right", customer: ".left" });
    expect(JSON.stringify(spec)).not.toContain("data-id");
    expect(read).toEqual(["customer: Where is my refund?", "agent: Checking now"]);
  });

  it("never tells speakers apart by what a moment put on one message (a transition, the actions shown under the pointer)", () => {
    const { spec, read } = readWith(`
      <div class="list">
        <div class="wrapper"><div class="box"><div class="card"><p>Where is my refund?</p><span class="vac-slide-left-leave-from is-hovered"></span><div class="blur-container"></div></div></div></div>
        <div class="wrapper"><div class="box box--mine"><div class="card fade-enter-active"><p>Checking now</p></div></div></div>
      </div>`,
      { transcript: ".list", agent: ".box--mine p", customer: ".wrapper:first-child p" });
    expect(spec).toMatchObject({ message: "div.wrapper", agent: ".box--mine" });
    expect(spec).not.toHaveProperty("customer");
    expect(read).toEqual(["customer: Where is my refund?", "agent: Checking now"]);
  });

  // vue-advanced-chat draws a reaction button inside the message under the pointer, a button like its others.
  it("of two sides' marks, keeps the one nearer the message, not a button the pointer showed deep inside one", () => {
    const { spec, read } = readWith(`
      <div class="list">
        <div class="vac-message-wrapper"><div class="vac-message-box"><div class="vac-message-container"><div class="vac-message-card"><p>Where is my refund?</p><div class="vac-svg-button vac-emoji-reaction"></div></div></div></div></div>
        <div class="vac-message-wrapper"><div class="vac-message-box vac-offset-current"><div class="vac-message-container"><div class="vac-message-card"><p>Checking now</p><div class="vac-svg-button vac-options"></div></div></div></div></div>
      </div>`,
      { transcript: ".list", agent: ".vac-offset-current p", customer: ".vac-emoji-reaction" });
    expect(spec).toMatchObject({ message: "div.vac-message-wrapper", agent: ".vac-offset-current" });
    expect(spec).not.toHaveProperty("customer");
    expect(read).toEqual(["customer: Where is my refund?", "agent: Checking now"]);
  });

  // vue-advanced-chat marks the message under the pointer "vac-message-highlight": picked while it was there, it read
  // every other customer message as nobody's.
  it("never tells speakers apart by the highlight or selection a message has while it is pointed at", () => {
    const { spec, read } = readWith(`
      <div class="list">
        <div class="vac-message-wrapper"><div class="vac-message-box"><div class="vac-message-container vac-message-highlight"><p>Where is my refund?</p></div></div></div>
        <div class="vac-message-wrapper"><div class="vac-message-box vac-offset-current"><div class="vac-message-container is-selected"><p>Checking now</p></div></div></div>
      </div>`,
      { transcript: ".list", agent: ".vac-offset-current p", customer: ".vac-message-highlight p" });
    expect(spec).toMatchObject({ message: "div.vac-message-wrapper", agent: ".vac-offset-current" });
    expect(spec).not.toHaveProperty("customer");
    expect(read).toEqual(["customer: Where is my refund?", "agent: Checking now"]);
  });
});
