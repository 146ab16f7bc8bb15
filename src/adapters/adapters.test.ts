// @vitest-environment jsdom
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { registeredAdapters } from "./index.js";
import { selectorAdapter } from "./selector-adapter.js";
import { SelectorSpecSchema } from "./selector-spec.js";
import { formatIssues } from "../engine/validation-errors.js";

const dir = join(import.meta.dirname, "consoles");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("adapter registry", () => {
  it("registers every console file under its file name, with the generic reader last", () => {
    const ids = registeredAdapters().map((a) => a.id);
    expect(ids.slice(0, -1).sort()).toEqual(files.map((f) => basename(f, ".ts")).sort());
    expect(ids.at(-1)).toBe("generic");
    const index = readFileSync(join(import.meta.dirname, "index.ts"), "utf8");
    for (const file of files) expect(index).toContain(`./consoles/${basename(file, ".ts")}.js`);
  });

  it("describes every console with a valid selector spec", () => {
    for (const adapter of registeredAdapters().filter((a) => a.id !== "generic")) {
      const result = SelectorSpecSchema.safeParse(adapter.spec);
      expect(result.success ? [] : formatIssues(adapter.id, result.error), adapter.id).toEqual([]);
    }
  });
});

/** Test markup, parsed (never rendered from page text). */
const fill = (target: ParentNode, markup: string) => target.replaceChildren(document.createRange().createContextualFragment(markup));

describe("selector adapters", () => {
  const spec = SelectorSpecSchema.parse({
    id: "example",
    name: "Example desk",
    hosts: ["*.example.com"],
    transcript: "x-chat >>> .log",
    message: ".row",
    agent: ".out",
    customer: "[data-side='in']",
    text: ".body",
    messageId: "data-id",
    conversation: { selector: "[data-case]", attribute: "data-case" },
    replyBox: "x-composer >>> textarea",
    typing: ".typing",
  });
  const adapter = selectorAdapter(spec);

  it("matches its hosts (and loopback, where fixtures live) and nothing else", () => {
    const at = (href: string) => new URL(href) as unknown as Location;
    expect(adapter.matchesPage(at("https://acme.example.com/agent"))).toBe(true);
    expect(adapter.matchesPage(at("https://example.com/"))).toBe(true);
    expect(adapter.matchesPage(at("https://example.com.evil.net/"))).toBe(false);
    expect(adapter.matchesPage(at("http://127.0.0.1:8080/x"))).toBe(true);
  });

  it("reads through open shadow roots: messages, speakers, text, ids, conversation, reply box and typing", () => {
    fill(document.body, `<div data-case="C-9"></div><x-chat></x-chat><x-composer></x-composer><div class="typing" hidden></div>`);
    const shadow = document.querySelector("x-chat")!.attachShadow({ mode: "open" });
    fill(shadow, `<div class="log">
      <div class="row" data-side="in" data-id="1"><b class="who">Ann</b><p class="body">Where is it?</p></div>
      <div class="row out" data-id="2"><p class="body">On its way.</p></div>
      <div class="row divider">Today</div></div>`);
    fill(document.querySelector("x-composer")!.attachShadow({ mode: "open" }), "<textarea></textarea>");
    const transcript = adapter.findTranscript(document)!;
    const read = adapter.messages(transcript).map((item) => [adapter.speaker(item), adapter.text(item), adapter.messageId(item)]);
    expect(read).toEqual([["customer", "Where is it?", "1"], ["agent", "On its way.", "2"], [undefined, "Today", undefined]]);
    expect(adapter.conversationKey(document, transcript)).toBe("C-9");
    expect(adapter.replyBox!(document)?.tagName).toBe("TEXTAREA");
    expect(adapter.customerTyping!(document)).toBe(false);
    document.querySelector(".typing")!.removeAttribute("hidden");
    expect(adapter.customerTyping!(document)).toBe(true);
    // The agent said the sides are the wrong way round: each side is read as the other, items of neither stay out.
    expect(adapter.messages(transcript).map((item) => adapter.speaker(item, { swapped: true }))).toEqual(["agent", "customer", undefined]);
  });

  it("refuses a spec with a broken selector or a bad host, saying where", () => {
    const result = SelectorSpecSchema.safeParse({ ...spec, message: "div[", hosts: ["https://x.com/"] });
    expect(result.success).toBe(false);
    const lines = formatIssues("taught.json", result.error!);
    expect(lines.some((l) => l.includes("message") && l.includes("valid CSS selector"))).toBe(true);
    expect(lines.some((l) => l.includes("hosts"))).toBe(true);
  });
});

describe("the Twilio Flex reader", () => {
  const flex = registeredAdapters().find((adapter) => adapter.id === "twilio-flex")!;

  it("takes a message with Flex's avatar for the customer's, turned round by the popup's swap, not what the agent sent", () => {
    fill(document.body, `<div class="Twilio-MessageList"><div class="Twilio-MessageListItem">
      <div class="Twilio-MessageListItem-AvatarContainer"><div class="Twilio-ChatItem-Avatar"><img alt=""></div></div>
      <div class="Twilio-MessageBubble-Body">Where is my refund?</div></div></div>`);
    const [item] = flex.messages(flex.findTranscript(document)!);
    expect(flex.speaker(item!)).toBe("customer");
    expect(flex.speaker(item!, { swapped: true })).toBe("agent");
    item!.querySelector(".Twilio-MessageListItem-AvatarContainer")!.remove();
    expect(flex.speaker(item!, { sentByAgent: true, swapped: true })).toBe("agent");
  });
});
