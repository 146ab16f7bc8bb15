import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { recordEvents } from "./event-recorder.js";
import { collectErrors, inExtension, openPopup, useHarness, waitFor, type Harness } from "./harness.js";
import { clickPart, pickerPart, startTeaching } from "./picker-parts.js";

/** Clicks an element where the agent would: a point inside it (the pane's padding, not a message). */
async function clickAt(page: Page, selector: string, offset?: { x: number; y: number }): Promise<void> {
  const box = (await (await page.$(selector))!.boundingBox())!;
  await page.mouse.click(box.x + (offset?.x ?? box.width / 2), box.y + (offset?.y ?? box.height / 2));
}

type TaughtSite = { origin: string; spec: { id: string; message: string }; access: boolean };
const listTaught = (harness: Harness) => inExtension(harness, (chrome) => chrome.runtime.sendMessage({ type: "list-taught-sites" }), null) as Promise<TaughtSite[]>;

describe("teach this site", () => {
  const harness = useHarness();

  it("picks the pane, the messages and the reply box, shows what it reads, saves it, and then coaches there", async () => {
    const recorder = await recordEvents(harness);
    await recorder.clear();
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${harness.origin}/fixtures/teach-me.html`);
    // Read with no setup by the generic reader; what is taught takes over from it.
    await waitFor(async () => (await recorder.events()).some((e) => e.adapter === "generic" && e.type === "turn"), "the generic reader's reading");

    const popup = await openPopup(harness.browser, page);
    await startTeaching(popup);
    await waitFor(() => pickerPart(page, "cancel"), "the picker");
    await clickAt(page, "#thread", { x: 4, y: 4 });
    await clickAt(page, "[data-side='right']");
    await clickAt(page, "[data-side='left']");
    await clickAt(page, "textarea");
    const preview = await waitFor(() => pickerPart(page, "preview"), "what the picker reads");
    expect(preview.text).toBe("Customer Hi, the invoice you sent has the wrong VAT number. You Hello, thanks for telling us, let me look.");
    // Picking did not reach the page: its reply box did not take focus.
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("TEXTAREA");
    await clickPart(page, "save");
    await waitFor(() => pickerPart(page, "saved"), "saved");

    const taught = await listTaught(harness);
    expect(taught).toHaveLength(1);
    expect(taught[0]).toMatchObject({ origin: harness.origin, access: true, spec: { id: "taught-127-0-0-1" } });
    // What was taught is selectors, never the conversation: the export carries none of its words.
    const exported = JSON.stringify(await inExtension(harness, (chrome) => chrome.runtime.sendMessage({ type: "export-taught-sites" }), null));
    for (const words of ["invoice", "VAT", "telling us"]) expect(exported).not.toContain(words);

    // The page is read with what was taught: history as context, then live turns and drafts.
    const seen = async () => (await recorder.events()).filter((e) => e.adapter === "taught-127-0-0-1");
    await waitFor(async () => (await seen()).filter((e) => e.type === "turn").length === 2, "the history, read the taught way");
    await page.evaluate(() => (window as unknown as { addLine(s: string, t: string): void }).addLine("left", "Can you send a corrected one today?"));
    await waitFor(async () => (await seen()).some((e) => e.type === "turn" && !e.history && e.speaker === "customer"), "a live customer turn");
    await clickPart(page, "close");
    await page.type("textarea", "Of course", { delay: 20 });
    await waitFor(async () => (await seen()).some((e) => e.type === "draft" && e.text === "Of course"), "a draft from the taught reply box");

    // After a reload, the taught adapter still reads the page (and only once).
    await recorder.clear();
    await page.reload();
    // A line added before the reloaded page's script has read would be history: wait for it to read the page first.
    await waitFor(async () => (await seen()).some((e) => e.history), "the reloaded page's history");
    await page.evaluate(() => (window as unknown as { addLine(s: string, t: string): void }).addLine("right", "Done, it is in your inbox."));
    await waitFor(async () => (await seen()).some((e) => e.type === "turn" && !e.history && e.speaker === "agent"), "the agent's turn after reload");
    // Turns arrive in order: once the customer's next line is in, any second reading of the page would be too.
    await page.evaluate(() => (window as unknown as { addLine(s: string, t: string): void }).addLine("left", "Got it, thanks."));
    const live = async () => (await seen()).filter((e) => e.type === "turn" && !e.history).map((e) => `${e.speaker}: ${e.text}`);
    await waitFor(async () => (await live()).includes("customer: Got it, thanks."), "the customer's next line");
    expect(await live()).toEqual(["agent: Done, it is in your inbox.", "customer: Got it, thanks."]);

    // A pane that leaves the page and comes back later, another element (a console switching views): read the taught
    // way again, its messages not taken for new ones.
    await page.evaluate(() => {
      const thread = document.getElementById("thread")!;
      (window as unknown as { away: Element }).away = thread.cloneNode(true) as Element;
      thread.remove();
    });
    await page.evaluate(() => new Promise(requestAnimationFrame));
    await page.evaluate(() => {
      document.querySelector(".composer")!.before((window as unknown as { away: Element }).away);
      (window as unknown as { addLine(s: string, t: string): void }).addLine("left", "Great, thanks!");
    });
    await waitFor(async () => (await seen()).some((e) => e.type === "turn" && !e.history && e.text === "Great, thanks!"), "a turn in the pane that came back");
    expect((await seen()).filter((e) => e.type === "turn" && !e.history).map((e) => e.text)).toEqual(["Done, it is in your inbox.", "Got it, thanks.", "Great, thanks!"]);
    expect(errors).toEqual([]);
  });

  it("widens and narrows what it highlights with the wheel, the arrow keys and its buttons, and says why picks read nothing", async () => {
    const page = await harness.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${harness.origin}/fixtures/teach-me.html`);
    const popup = await openPopup(harness.browser, page);
    await startTeaching(popup);
    await waitFor(() => pickerPart(page, "cancel"), "the picker");
    // A hostile page cannot take the picker away (its listeners would go on swallowing clicks): removed or hidden by
    // the page's style, it comes back as it was.
    await page.evaluate(() => {
      document.head.append(Object.assign(document.createElement("style"), { textContent: "attune-teach { display: none !important; }" }));
      document.querySelector("attune-teach")!.remove();
    });
    await waitFor(() => page.evaluate(() => document.querySelector("attune-teach")?.checkVisibility() ?? false), "the picker back on the page");
    const selected = (text: string) => waitFor(async () => (await pickerPart(page, "selection"))?.text === text, `"${text}" highlighted`);
    const pointAt = async (selector: string) => {
      const box = (await (await page.$(selector))!.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    };

    // One message picked as both sides: the picker says so and starts the picks again.
    await clickAt(page, "#thread", { x: 4, y: 4 });
    await clickAt(page, "[data-side='right']");
    await clickAt(page, "[data-side='right']");
    await clickPart(page, "skip");
    const problem = await waitFor(() => pickerPart(page, "problem"), "the problem");
    expect(problem.text).toBe("Pick two different messages: one of yours and one of the customer's.");

    // The pane: the wheel widens a message to the pane around it, and a click inside picks the pane.
    await pointAt("[data-side='left']");
    await selected("div.q1.css-8f2k1a");
    await page.mouse.wheel({ deltaY: -100 });
    await selected("div#thread.k3j9x");
    await clickAt(page, "[data-side='left']");
    // The agent's message: ↑ widens, ↓ narrows back, Enter picks.
    await pointAt("[data-side='right']");
    await selected("div.q1.css-8f2k1b");
    await page.keyboard.press("ArrowUp");
    await selected("div#thread.k3j9x");
    await page.keyboard.press("ArrowDown");
    await selected("div.q1.css-8f2k1b");
    await page.keyboard.press("Enter");
    // The customer's: the buttons, which leave the highlight where it was while the pointer goes to them.
    await pointAt("[data-side='left']");
    await selected("div.q1.css-8f2k1a");
    await clickPart(page, "wider");
    await selected("div#thread.k3j9x");
    await clickPart(page, "narrower");
    await selected("div.q1.css-8f2k1a");
    await clickPart(page, "pick");
    await clickPart(page, "skip");
    const preview = await waitFor(() => pickerPart(page, "preview"), "what the picker reads");
    expect(preview.text).toBe("Customer Hi, the invoice you sent has the wrong VAT number. You Hello, thanks for telling us, let me look.");
    // The wheel widened instead of scrolling, and nothing reached the page.
    expect(await page.evaluate(() => [scrollY, document.activeElement?.tagName])).toEqual([0, "BODY"]);
    expect(errors).toEqual([]);
  });

  it("exports taught sites as JSON and imports them back, refusing a broken file with a located error", async () => {
    const site = {
      origin: "https://desk.example.org",
      spec: { id: "taught-desk-example-org", name: "desk.example.org", channel: "chat", hosts: ["desk.example.org"], transcript: "#log", message: ".m", agent: ".me" },
    };
    const send = (message: unknown) => inExtension(harness, (chrome, m) => chrome.runtime.sendMessage(m), message);
    const broken = { attune: "taught-sites", version: 1, sites: [{ ...site, spec: { ...site.spec, message: "div[" } }] };
    const refused = (await send({ type: "import-taught-sites", file: broken })) as { ok: boolean; problems: string[] };
    expect(refused.ok).toBe(false);
    expect(refused.problems.join("\n")).toContain("file: $.sites[0].spec.message");
    expect(await listTaught(harness)).toEqual([]);

    expect(await send({ type: "import-taught-sites", file: { attune: "taught-sites", version: 1, sites: [site] } })).toEqual({ ok: true, imported: 1 });
    const listed = await listTaught(harness);
    // Not granted yet: saved, listed as needing access, not read.
    expect(listed).toMatchObject([{ origin: site.origin, access: false }]);
    const exported = (await send({ type: "export-taught-sites" })) as { sites: Array<{ origin: string; spec: object }> };
    expect(exported).toMatchObject({ attune: "taught-sites", version: 1, sites: [{ origin: site.origin, spec: { message: ".m", agent: ".me" } }] });

    const options = await harness.browser.newPage();
    await options.goto(`${harness.extensionOrigin}/pages/options.html`);
    await options.waitForFunction(() => document.getElementById("taught-sites")?.textContent?.includes("https://desk.example.org"));
  });
});
