import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import {
  SCREENSHOTS,
  clickOverlay,
  emulateColorScheme,
  inExtension,
  overlayPartCenter,
  overlayPartShown,
  readLocal,
  readOverlay,
  setLocal,
  tabIdOf,
  useHarness,
  waitFor,
  waitUntilRead,
  type Harness,
} from "./harness.js";
import { recordEvents } from "./event-recorder.js";
import { inOverlay } from "../../scripts/lib/browser.mjs";

const FRUSTRATED = "This is the third time I'm asking and I'm really fed up!!!";

type Fixture = Window & { addMessage(speaker: string, text: string): void };

/** A chat page where the test plays the customer; resolves once the frustration nudge is on screen. */
async function chatWithNudge(harness: Harness): Promise<Page> {
  const page = await harness.browser.newPage();
  await page.goto(`${harness.origin}/fixtures/rerender.html`);
  await waitUntilRead(harness, page);
  // The overlay lays out a hidden card ahead of the first nudge (when the page is idle): its host is then in the page,
  // and no card is shown from it.
  await waitFor(() => page.evaluate(() => document.querySelector("attune-overlay") !== null), "the overlay's warm-up");
  expect(await readOverlay(page)).toEqual([]);
  await page.evaluate((text) => (window as unknown as Fixture).addMessage("customer", text), FRUSTRATED);
  await waitFor(async () => (await readOverlay(page)).length === 1, "the nudge");
  return page;
}

/** The snooze sign's words, if the page shows one. */
async function signText(page: Page): Promise<string | undefined> {
  return ((await inOverlay(page, (roots: ShadowRoot[]) => roots.map((root) => root.querySelector(".sign-text")?.textContent).find(Boolean), null)) as string | null) ?? undefined;
}

async function stats(harness: Harness): Promise<Record<string, Record<string, number>>> {
  return ((await readLocal(harness)).stats ?? {}) as Record<string, Record<string, number>>;
}

describe("the overlay", () => {
  const harness = useHarness();

  it("is dismissed by a click, which the team lead's stats count, and the reply box keeps focus", async () => {
    const page = await chatWithNudge(harness);
    await page.evaluate(() => {
      const box = document.createElement("textarea");
      box.id = "reply";
      document.body.append(box);
      box.focus();
    });
    await clickOverlay(page, "dismiss");
    await waitFor(async () => (await readOverlay(page)).length === 0, "the nudge to go");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("reply");
    await waitFor(async () => (await stats(harness))["acknowledge-frustration"]?.dismissed === 1, "the dismissal in the stats");
  });

  it("takes the agent's rating into the stats", async () => {
    const page = await chatWithNudge(harness);
    await clickOverlay(page, "helpful");
    await waitFor(async () => (await stats(harness))["acknowledge-frustration"]?.helpful === 1, "the rating in the stats");
    expect(await readOverlay(page)).toEqual([]);
  });

  it("names the nudge's rule in the card's menu by its name in the agent's language, not by its id", async () => {
    await setLocal(harness, { settings: { interfaceLanguage: "it" } });
    const page = await chatWithNudge(harness);
    await clickOverlay(page, "menu");
    await clickOverlay(page, "why");
    const named = () => inOverlay(page, (roots: ShadowRoot[]) => roots.map((root) => root.querySelector('[data-part="rule"]')?.textContent).find(Boolean) ?? null, null) as Promise<string | null>;
    expect(await waitFor(named, "the rule named")).toBe("Regola: Riconoscere la frustrazione");
  });

  it("snoozes all coaching for 15 minutes from the card's menu, says so on the page, and resumes from there", async () => {
    const recorder = await recordEvents(harness);
    const page = await chatWithNudge(harness);
    const before = Date.now();
    await clickOverlay(page, "menu");
    await clickOverlay(page, "snooze");
    await waitFor(async () => (await readOverlay(page)).length === 0, "the nudge to go");
    const { snoozedUntil } = await readLocal(harness);
    expect(Number(snoozedUntil) - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    // The page says coaching is snoozed, and until when, in the agent's time of day.
    const until = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit" }).format(Number(snoozedUntil));
    await waitFor(async () => (await signText(page)) === `Coaching snoozed until ${until}`, "the snooze sign");
    // A reply that raises another rule (blaming the customer), then the next message: a batch is sent once the worker
    // has answered the one before, and a batch's nudges are posted before its answer, so the next message sent means
    // the reply was coached, and anything it raised is already on the page.
    await page.evaluate(() => (window as unknown as Fixture).addMessage("agent", "You should have read the instructions properly."));
    await page.evaluate(() => (window as unknown as Fixture).addMessage("customer", "Ok."));
    await waitFor(async () => (await recorder.events()).some((e) => e.text === "Ok."), "the next message sent");
    expect((await stats(harness))["positive-language"]?.raised, "the rule fired, snoozed").toBe(1);
    expect(await readOverlay(page)).toEqual([]);
    expect((await stats(harness))["acknowledge-frustration"]?.snoozed, "the card that made the agent snooze").toBe(1);
    // Undo was offered for a moment only; Resume ends the snooze, and the sign goes.
    await waitFor(async () => (await overlayPartShown(page, "resume")) && !(await overlayPartShown(page, "undo")), "Resume in place of Undo", 15_000);
    await clickOverlay(page, "resume");
    await waitFor(async () => Number((await readLocal(harness)).snoozedUntil) === 0, "coaching resumed");
    await waitFor(async () => (await signText(page)) === undefined, "the sign to go");
    await recorder.close();
  });

  it("shows a snooze made elsewhere as a sign alone, on a page with no card yet, and coaches after it", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    await waitFor(() => page.evaluate(() => document.querySelector("attune-overlay") !== null), "the overlay's warm-up");
    await setLocal(harness, { snoozedUntil: Date.now() + 60_000 });
    await waitFor(async () => (await signText(page))?.startsWith("Coaching snoozed until"), "the snooze sign");
    // The hidden card laid out ahead of the first nudge stays hidden: the sign comes alone.
    expect(await readOverlay(page)).toEqual([]);
    await setLocal(harness, { snoozedUntil: 0 });
    await waitFor(async () => (await signText(page)) === undefined, "the sign to go");
    expect(await readOverlay(page)).toEqual([]);
    await page.evaluate((text) => (window as unknown as Fixture).addMessage("customer", text), FRUSTRATED);
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "acknowledge-frustration"), "the nudge after the snooze");
  });

  it("snoozes one rule only, with Undo on the page's sign; an undone snooze is not counted", async () => {
    const page = await chatWithNudge(harness);
    await clickOverlay(page, "menu");
    await clickOverlay(page, "snooze-rule");
    await waitFor(async () => ((await readLocal(harness)).snoozedRules as Record<string, number> | undefined)?.["acknowledge-frustration"], "the rule snoozed");
    expect(Number((await readLocal(harness)).snoozedUntil ?? 0)).toBe(0);
    await waitFor(async () => (await signText(page))?.startsWith("Some nudges snoozed until"), "the snooze sign");
    await waitFor(async () => (await stats(harness))["acknowledge-frustration"]?.snoozed === 1, "the snooze counted");
    // Other rules still coach: a blaming reply gets its card.
    await page.evaluate(() => (window as unknown as Fixture).addMessage("agent", "You should have read the instructions properly."));
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "positive-language"), "another rule's card");
    await clickOverlay(page, "undo");
    await waitFor(async () => !((await readLocal(harness)).snoozedRules as Record<string, number>)["acknowledge-frustration"], "the snooze undone");
    await waitFor(async () => (await stats(harness))["acknowledge-frustration"]?.snoozed === 0, "the undone snooze taken back");
    await waitFor(async () => (await signText(page)) === undefined, "the sign to go");
  });

  it("asks why after \"not helpful\", and counts the reason given", async () => {
    const page = await chatWithNudge(harness);
    await clickOverlay(page, "not-helpful");
    await waitFor(async () => (await overlayPartShown(page, "misread")), "the reasons");
    await clickOverlay(page, "misread");
    await waitFor(async () => (await stats(harness))["acknowledge-frustration"]?.misread === 1, "the reason in the stats");
    expect((await stats(harness))["acknowledge-frustration"]).toMatchObject({ notHelpful: 1, wrongMoment: 0, helpful: 0 });
    await waitFor(async () => (await readOverlay(page)).length === 0, "the card to go");
  });

  it("shows less on request (the headline and Insert only), and remembers it for the site", async () => {
    const page = await chatWithNudge(harness);
    expect((await readOverlay(page))[0]!.suggestion).not.toBe("");
    await clickOverlay(page, "menu");
    await clickOverlay(page, "toggle");
    await waitFor(async () => (await readOverlay(page))[0]?.suggestion === "", "the compact card");
    const [card] = await readOverlay(page);
    expect(card!.message).not.toBe("");
    expect(await overlayPartShown(page, "insert")).toBe(true);
    expect(await overlayPartShown(page, "helpful")).toBe(false);
    await waitFor(async () => ((await readLocal(harness))[`view:${harness.origin}`] as { compact?: boolean } | undefined)?.compact === true, "the choice saved");
  });

  it("is dismissed by the keyboard shortcut: Alt+Shift+D is registered, and its message clears the nudge", async () => {
    // Headless Chromium does not deliver keyboard shortcuts to extensions, so the test checks the two halves: the
    // command is registered with its default key, and the message the worker sends for it dismisses the nudge.
    const commands = await inExtension(harness, (chrome) => chrome.commands.getAll(), null);
    expect(commands).toContainEqual(expect.objectContaining({ name: "dismiss-nudge", shortcut: "Alt+Shift+D" }));
    const page = await chatWithNudge(harness);
    const tabId = await tabIdOf(harness, page);
    await inExtension(harness, (chrome, id) => chrome.tabs.sendMessage(id, { type: "dismiss-nudge" }), tabId);
    await waitFor(async () => (await readOverlay(page)).length === 0, "the nudge to be dismissed");
    await waitFor(async () => (await stats(harness))["acknowledge-frustration"]?.dismissed === 1, "the dismissal in the stats");
  });

  it("shows one nudge at a time and holds the density limit over a burst of triggers", async () => {
    await setLocal(harness, { settings: { maxPerFiveMinutes: 2 } });
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    const seen = new Set<string>();
    let most = 0;
    const watch = async () => {
      const cards = await readOverlay(page);
      most = Math.max(most, cards.length);
      for (const card of cards) seen.add(card.rule);
    };
    const burst: Array<[string, string]> = [
      ["customer", "You charged me twice and this is the third time I'm writing!!!"],
      ["agent", "Calm down, as I already said it's the bank."],
      ["agent", "Did you check your statement?"],
      ["agent", "Is the card still active?"],
      ["agent", "Have a nice day."],
    ];
    for (const [i, [speaker, text]] of burst.entries()) {
      await page.evaluate((s, t) => (window as unknown as Fixture).addMessage(s, t), speaker, text);
      if (i === 0) await waitFor(async () => (await readOverlay(page)).length > 0, "the first nudge of the burst");
      for (let k = 0; k < 5; k++) await watch();
    }
    for (let i = 0; i < 10; i++) await watch();
    const tabId = await tabIdOf(harness, page);
    const status = await inExtension(harness, (chrome, id) => chrome.runtime.sendMessage({ type: "tab-status", tabId: id }), tabId) as { conversations: Array<{ list: unknown[] }> };
    expect(status.conversations[0]!.list.length).toBeGreaterThan(4);
    expect(most).toBe(1);
    expect(seen.size).toBeGreaterThan(0);
    expect(seen.size).toBeLessThanOrEqual(2);
  });

  it("withdraws a card when the agent's next reply moves past it, and shows the next moment's", async () => {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/fixtures/rerender.html`);
    await waitUntilRead(harness, page);
    const say = (speaker: string, text: string) => page.evaluate((s, t) => (window as unknown as Fixture).addMessage(s, t), speaker, text);
    const rules = async () => (await readOverlay(page)).map((card) => card.rule);
    await say("customer", "My router keeps dropping the connection.");
    await say("agent", "Well, you should have read the manual first.");
    await waitFor(async () => (await rules()).includes("positive-language"), "the blaming-phrase card");
    // The agent moves on: the card about the sentence before is gone once the reply is taken in.
    await say("agent", "Did you restart it?");
    await waitFor(async () => !(await rules()).includes("positive-language"), "the blaming-phrase card to go");
    // …and the next moment gets its card: a second closed question in a row.
    await say("customer", "yes");
    await say("agent", "Is the light green?");
    await waitFor(async () => (await rules()).includes("open-question"), "the open-question card");
    expect(await rules()).toEqual(["open-question"]);
    await page.close();
  });

  it("can be dragged, and keeps its place on that site", async () => {
    const page = await chatWithNudge(harness);
    const start = await overlayPartCenter(page, "handle");
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x - 300, start.y + 200, { steps: 5 });
    await page.mouse.up();
    const saved = await waitFor(async () => {
      const local = await readLocal(harness);
      return local[`view:${harness.origin}`] as { position?: { left: number; top: number } } | undefined;
    }, "the position to be saved");
    // The reloaded page's content script reads the history as context first: a message added before it has read would
    // be history too, and raise nothing.
    const recorder = await recordEvents(harness);
    await page.bringToFront();
    await page.reload();
    await waitFor(async () => (await recorder.events()).some((e) => e.history), "the reloaded page's history to be read");
    // A different rule: the frustration one is still cooling down, on the conversation's clock, across the reload.
    await page.evaluate((text) => (window as unknown as Fixture).addMessage("customer", text), "You charged me twice for it.");
    await waitFor(async () => (await readOverlay(page)).length === 1, "the nudge after the reload");
    const moved = await overlayPartCenter(page, "handle");
    expect(Math.round(moved.x - start.x)).toBe(-300);
    expect(Math.round(moved.y - start.y)).toBe(200);
    expect(saved.position).toBeDefined();
  });

  it("hides a nudge by itself after the configured time", async () => {
    await setLocal(harness, { settings: { autoHideSeconds: 1 } });
    const page = await chatWithNudge(harness);
    await waitFor(async () => (await readOverlay(page)).length === 0, "the nudge to hide itself", 4000);
  });

  it.for(["light", "dark"] as const)("is drawn in the %s theme, and a hostile page can neither restyle nor remove it", async (theme, context) => {
    const page = await harness.browser.newPage();
    await emulateColorScheme(context, page, theme);
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    await waitFor(async () => (await readOverlay(page)).length === 1, "the demo's nudge");
    await page.screenshot({ path: join(SCREENSHOTS, `overlay-${theme}.png`) });
    // A hostile page stylesheet aimed at everything, including custom elements, changes nothing inside.
    await page.addStyleTag({ content: "* { color: red !important; font-size: 40px !important; } attune-overlay { display: none !important; }" });
    // …and a page script removing or restyling the host element gets it back as it was.
    await page.evaluate(() => {
      const host = document.querySelector("attune-overlay");
      host?.setAttribute("style", "display: none");
      host?.remove();
    });
    const hostShown = () =>
      page.evaluate(() => {
        const host = document.querySelector("attune-overlay");
        return !!host && getComputedStyle(host).display === "block";
      });
    await waitFor(hostShown, "the overlay back as it was");
    expect(await readOverlay(page)).toHaveLength(1);
    await page.close();
  });
});
