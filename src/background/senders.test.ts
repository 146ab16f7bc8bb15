import { describe, expect, it } from "vitest";
import { listenedTab, senderKind } from "./senders.js";

const ID = "attune";
const ROOT = "chrome-extension://attune/";
const kind = (sender: Parameters<typeof senderKind>[0]) => senderKind(sender, ID, ROOT);

describe("who talks to the worker", () => {
  it("tells the call window, in a tab of its own, from Attune's other pages", () => {
    expect(kind({ id: ID, url: `${ROOT}pages/call.html?tab=4`, tab: { id: 9 } as never })).toBe("call-window");
    expect(kind({ id: ID, url: `${ROOT}pages/popup.html` })).toBe("page");
    expect(kind({ id: ID, url: `${ROOT}pages/options.html`, tab: { id: 3 } as never })).toBe("page");
    // The call page with no tab (never so opened): no conversation to keep it under, so only a page.
    expect(kind({ id: ID, url: `${ROOT}pages/call.html` })).toBe("page");
  });

  it("takes Attune's content script in a tab, and nobody else", () => {
    expect(kind({ id: ID, url: "https://console.example/chat", tab: { id: 3 } as never })).toBe("content");
    expect(kind({ id: ID, url: "https://console.example/chat" })).toBe("other");
    expect(kind({ id: "another-extension", url: `${ROOT}pages/call.html`, tab: { id: 9 } as never })).toBe("other");
    // A web page whose address only looks like the call page's.
    expect(kind({ id: "another-extension", url: "https://evil.example/pages/call.html", tab: { id: 9 } as never })).toBe("other");
    expect(kind(undefined)).toBe("other");
  });

  it("knows the tab a call window listens to from the window's own address, and from nothing else", () => {
    expect(listenedTab({ url: `${ROOT}pages/call.html?stream=abc&tab=4` }, ROOT)).toBe(4);
    // Opened on no tab (Firefox, the shortcut on a browser page), or a tab that is no tab id.
    expect(listenedTab({ url: `${ROOT}pages/call.html` }, ROOT)).toBeUndefined();
    expect(listenedTab({ url: `${ROOT}pages/call.html?tab=` }, ROOT)).toBeUndefined();
    expect(listenedTab({ url: `${ROOT}pages/call.html?tab=-1` }, ROOT)).toBeUndefined();
    // Another page of Attune's, or a web page, naming a tab.
    expect(listenedTab({ url: `${ROOT}pages/popup.html?tab=4` }, ROOT)).toBeUndefined();
    expect(listenedTab({ url: "https://evil.example/pages/call.html?tab=4" }, ROOT)).toBeUndefined();
    expect(listenedTab(undefined, ROOT)).toBeUndefined();
  });
});
