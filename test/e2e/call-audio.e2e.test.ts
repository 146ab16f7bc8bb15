import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { makeCalls } from "../../scripts/make-calls.mjs";
import type { Stats } from "../../src/shared/stats.js";
import { inOverlay } from "../../scripts/lib/browser.mjs";
import { BROWSER, clickOverlay, coachCallOnTab, collectErrors, inExtension, localeMessages, openExtensionPage, openPopup, overlayPartShown, readOverlay, skipInFirefox, startHarness, waitFor, waitUntilRead, type ChromeApi, type Harness } from "./harness.js";
import { startSoundServer } from "./sound-server.js";

// A generated call (scripts/make-calls.mjs) played into Chromium, heard by the call page through its AudioWorklet,
// WebRTC's VAD and the engine, in real time: the customer's side playing in a softphone's tab, captured as the agent's
// click on "Coach this call (audio)" allows, and the agent's on the fake microphone; or both on the fake microphone
// as a stereo call tap (the agent left, the customer right). Each call needs its own browser: the fake microphone's
// file is a launch switch.

const CALLS = makeCalls();

interface Shown {
  rule: string;
  at: number;
  heard: number;
  message: string;
}

/** What the team lead set up before the call (in another of Attune's pages), and what to check before the browser goes. */
interface Around {
  before?: (harness: Harness) => Promise<unknown>;
  after?: (call: Page) => Promise<unknown>;
  /** The call's end, once its nudges are listed: the agent's Stop unless said otherwise. */
  end?: (call: Page, phone: Page | undefined) => Promise<unknown>;
}

/**
 * The call window listening to the call `name`: `tab`, the agent answers on the softphone tab and clicks "Coach this
 * call (audio)" in Attune's popup there (the window starts listening at once, to the tab and the microphone); `tap`,
 * the window opened and started by hand on the stereo input.
 */
async function openCall(harness: Harness, name: string, via: "tab" | "tap"): Promise<{ call: Page; phone?: Page }> {
  if (via === "tap") {
    const call = await openExtensionPage(harness, "pages/call.html");
    await call.waitForSelector("body[data-ready=true]");
    await call.select("#customer-source", "tap");
    await call.click("#start");
    return { call };
  }
  const phone = await harness.browser.newPage();
  const call = await coachCallOnTab(harness.browser, phone, `${harness.origin}/fixtures/softphone.html?call=${name}`);
  return { call, phone };
}

/**
 * Keeps the customer's side, playing in the softphone's tab, in step with the agent's, which the fake microphone plays
 * from the moment the call window opened it: at a whole second of the window's audio clock, the line jumps to that
 * moment of its file (plus the time the word took to reach the tab). The two sides then differ by the capture paths'
 * delays alone, as on a real call; left as the answer started it, the customer would be a second or two ahead.
 */
async function inStep(call: Page, phone: Page): Promise<void> {
  const tick = await call.evaluate(
    () =>
      new Promise<{ second: number; wall: number }>((resolve) => {
        new MutationObserver((_, observer) => {
          observer.disconnect();
          resolve({ second: Number(document.body.dataset.heard), wall: Date.now() });
        }).observe(document.body, { attributes: true, attributeFilter: ["data-heard"] });
      }),
  );
  await phone.evaluate(({ second, wall }) => (window as unknown as { startLine(at: number): Promise<void> }).startLine(second + (Date.now() - wall) / 1000), tick);
}

/** What a call left: its nudges, the page's errors, and any request that left the extension (there must be none). */
async function playCall(name: string, until: (page: Page, seconds: number) => Promise<unknown>, around: Around = {}, via: "tab" | "tap" = "tap"): Promise<{ shown: Shown[]; errors: string[]; requests: string[]; source: string }> {
  const harness = await startHarness(
    via === "tap"
      ? { chromiumArgs: ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-audio-capture=${join(CALLS, name, "call.wav")}`] }
      : { chromiumArgs: ["--use-fake-device-for-media-stream", `--use-file-for-fake-audio-capture=${join(CALLS, name, "agent.wav")}`], audible: true, microphone: true },
  );
  try {
    await around.before?.(harness);
    const { call: page, phone } = await openCall(harness, name, via);
    const errors = collectErrors(page);
    const requests: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(harness.extensionOrigin)) requests.push(request.url());
    });
    await page.waitForSelector("body[data-state=listening]", { timeout: 10_000 });
    if (phone) await inStep(page, phone);
    const source = await page.$eval("#customer-source", (select) => (select as HTMLSelectElement).value);
    const { seconds } = JSON.parse(readFileSync(join(CALLS, name, "truth.json"), "utf8")) as { seconds: number };
    await until(page, seconds);
    await (around.end ?? ((call) => call.click("#stop")))(page, phone);
    await page.waitForSelector("body[data-state=stopped]");
    const shown = await page.$$eval("#nudges li", (items) =>
      items.map((li) => ({ rule: li.dataset.rule!, at: Number(li.dataset.at), heard: Number(li.dataset.heard), message: li.querySelector("strong")!.textContent! })),
    );
    await around.after?.(page);
    return { shown: shown.reverse(), errors, requests, source };
  } finally {
    await harness.close();
  }
}

/** The statistics the team lead sees (counts per rule), read in the call window, once `ready` says they have come. */
const statsWhen = (call: Page, ready: (stats: Stats) => boolean, what: string, timeoutMs?: number) =>
  waitFor(async () => {
    const { stats } = (await call.evaluate(() => (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.get(null))) as { stats?: Stats };
    return stats && ready(stats) && stats;
  }, what, timeoutMs);

/**
 * What the extension keeps once a call has been heard, read in one of its pages: its storage areas' size and their
 * longest run of numbers (a tenth of a second of audio would be 1,600), and how many databases, caches and files it has.
 */
const keptByExtension = (page: Page) =>
  page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    const areas = { local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) };
    let longestNumbers = 0;
    const walk = (value: unknown): void => {
      if (Array.isArray(value) && value.length && value.every((x) => typeof x === "number")) longestNumbers = Math.max(longestNumbers, value.length);
      if (value && typeof value === "object") Object.values(value).forEach(walk);
    };
    walk(areas);
    const files: string[] = [];
    for await (const name of (await navigator.storage.getDirectory() as unknown as { keys(): AsyncIterable<string> }).keys()) files.push(name);
    return { bytes: JSON.stringify(areas).length, longestNumbers, databases: (await indexedDB.databases()).length, caches: (await caches.keys()).length, files: files.length };
  });

/** The call's conversation as the worker saved it in session storage (no words: timing and counts). */
const callState = async (call: Page) => {
  const session = (await call.evaluate(() => (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.session.get(null))) as Record<string, { events: number }>;
  return Object.entries(session).find(([key]) => key.startsWith("conversation:") && key.includes(":call-audio:"))?.[1];
};

/** Calls the console fixture's driver (test/fixtures/consoles/console-driver.js) in its page. */
const drive = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate((m, a) => (window as unknown as { fixture: Record<string, (...x: unknown[]) => unknown> }).fixture[m]!(...a), method, args);

/** Until the whole call has been heard (the fake microphone then plays it again from the start). */
const wholeCall = (page: Page, seconds: number) =>
  waitFor(() => page.$eval("body", (body, s) => Number(body.dataset.heard ?? 0) >= s, seconds), "the call to be heard to its end", (seconds + 30) * 1000);

/** Until a nudge for `rule` is shown. */
const nudgeFor = (rule: string) => (page: Page, seconds: number) =>
  waitFor(() => page.$(`#nudges li[data-rule="${rule}"]`), `a ${rule} nudge`, (seconds + 30) * 1000);

describe("call coaching from the audio, in Chromium", () => {
  // Coached by the worker, as a chat is: with the team's overrides, counted in the statistics, rated from the window.
  it("on a softphone tab, from the toolbar: raises dont-interrupt within 500 ms of the agent talking over the customer, in the team's words, counted and rated; closing the tab stops it", async (context) => {
    skipInFirefox(context, "Firefox has no tabCapture, and its fake microphone plays no file");
    const TEAM_MESSAGE = "Let the caller finish (team rule)";
    let stats: Stats | undefined;
    let kept: Awaited<ReturnType<typeof keptByExtension>> | undefined;
    const { shown, errors, requests, source } = await playCall(
      "overlap",
      nudgeFor("dont-interrupt"),
      {
        before: (harness) => inExtension(harness, (chrome, message) => chrome.runtime.sendMessage({ type: "save-overrides", overrides: { rules: { "dont-interrupt": { message: { en: message } } } } }), TEAM_MESSAGE),
        // The rating first: once the call has stopped, the window's buttons still count.
        end: async (call, phone) => {
          await call.click('#nudges li[data-rule="dont-interrupt"] button[name=helpful]');
          stats = await statsWhen(call, (s) => s["dont-interrupt"]?.helpful === 1, "the call's nudge counted as helpful");
          await phone!.close();
        },
        after: async (call) => {
          kept = await keptByExtension(call);
        },
      },
      "tab",
    );
    // Nothing of the audio kept: counts and timing, a few kilobytes, in storage; no database, cache or file.
    expect(kept).toMatchObject({ databases: 0, caches: 0, files: 0 });
    expect(kept!.bytes).toBeLessThan(16_000);
    expect(kept!.longestNumbers).toBeLessThan(1600);
    expect(source).toBe("tab");
    const cutIn = (JSON.parse(readFileSync(join(CALLS, "overlap", "truth.json"), "utf8")) as { turns: Array<{ at: number }> }).turns[1]!.at;
    const nudge = shown.find((s) => s.rule === "dont-interrupt")!;
    // `at`: where the engine put the overlap, `heard`: how much of the call had been heard when the card was drawn,
    // both on the call page's audio clock, which starts a fraction of a second after the fake microphone's file (the
    // agent's side; the customer's, in the tab, began when the agent answered, a little before).
    expect(Math.abs(nudge.at - cutIn)).toBeLessThan(0.5);
    expect(nudge.heard - nudge.at).toBeLessThan(0.5);
    expect(nudge.message).toBe(TEAM_MESSAGE);
    // Listed in the window: raised, shown, and the agent's rating, as a card's on a console page.
    expect(stats!["dont-interrupt"]).toMatchObject({ raised: shown.filter((s) => s.rule === "dont-interrupt").length, shown: shown.filter((s) => s.rule === "dont-interrupt").length, helpful: 1 });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 90_000);

  it("raises nothing on a calm, well-paced call, the customer playing in the softphone's tab", async (context) => {
    skipInFirefox(context, "Firefox has no tabCapture, and its fake microphone plays no file");
    const { shown, errors } = await playCall("calm", wholeCall, {}, "tab");
    expect(shown).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  // talk-ratio is judged from two minutes into a call by default; the team lead here judges it from one (a rule's
  // setting any team can change), so the browser's path is shown on one call, not two more minutes of real time. The
  // default's two minutes are shown on this call in Node (test/unit/call-audio.test.ts). It plays on a stereo tap, not in
  // a tab: on the tab path, a 5-second stretch of this slow voice (114 words a minute) was once read as 172, over
  // slow-down's 170 — the pace from a short stretch of espeak's drawn-out vowels is noisy (docs/architecture.md).
  it("on a call the agent talks through, raises talk-ratio and long-monologue a minute in; a snoozed rule stays out of the window, the statistics still count it", async (context) => {
    skipInFirefox(context, "a stereo fake microphone is a Chromium switch");
    let heardWhenCounted = 0;
    let stats: Stats | undefined;
    const { shown } = await playCall(
      "monologue",
      async (page, seconds) => {
        stats = await statsWhen(page, (s) => (s["long-monologue"]?.raised ?? 0) > 0, "long-monologue to be counted", (seconds + 30) * 1000);
        heardWhenCounted = await page.$eval("body", (body) => Number(body.dataset.heard));
        await nudgeFor("talk-ratio")(page, seconds);
      },
      {
        before: async (harness) => {
          await inExtension(harness, (chrome) => chrome.runtime.sendMessage({ type: "save-overrides", overrides: { rules: { "talk-ratio": { params: { afterSeconds: 60 } } } } }), null);
          await inExtension(harness, (chrome, until) => chrome.storage.local.set({ snoozedRules: { "long-monologue": until } }), Date.now() + 60 * 60_000);
        },
      },
    );
    const truth = JSON.parse(readFileSync(join(CALLS, "monologue", "truth.json"), "utf8")) as { seconds: number; turns: Array<{ speaker: string; at: number; end: number }> };
    const agentShare = truth.turns.filter((t) => t.speaker === "agent").reduce((sum, t) => sum + t.end - t.at, 0) / truth.turns.reduce((sum, t) => sum + t.end - t.at, 0);
    expect(agentShare).toBeGreaterThan(0.8);
    expect(shown.map((s) => s.rule)).toEqual(["talk-ratio"]);
    // Judged from the team's minute, not the default's two.
    expect(shown[0]!.at).toBeGreaterThanOrEqual(60);
    expect(shown[0]!.at).toBeLessThan(120);
    expect(stats!["long-monologue"]).toMatchObject({ raised: 1, shown: 0 });
    // While the run lasts: it began at 4.4 s and went on for 107 s.
    expect(heardWhenCounted).toBeLessThan(4.4 + 60 + 11);
  }, 150_000);

  // The browser stops Attune's worker whenever it likes (MV3): here, mid-call, once the call's first turns are saved.
  it("raises slow-down on fast speech, once, though the worker was stopped mid-call: every turn taken once, on the saved state", async (context) => {
    skipInFirefox(context, "a stereo fake microphone is a Chromium switch");
    let call: { events: number } | undefined;
    let sent = 0;
    const { shown } = await playCall(
      "fast",
      async (page, seconds) => {
        await waitFor(async () => ((await callState(page))?.events ?? 0) > 0, "the call's first turns to be saved", seconds * 1000);
        const cdp = await page.createCDPSession();
        await cdp.send("ServiceWorker.enable");
        await cdp.send("ServiceWorker.stopAllWorkers");
        await wholeCall(page, seconds);
      },
      {
        after: async (page) => {
          call = await callState(page);
          sent = await page.$eval("body", (body) => Number(body.dataset.turns));
        },
      },
    );
    expect(shown.map((s) => s.rule)).toEqual(["slow-down"]);
    expect(call!.events).toBe(sent);
  }, 90_000);

  // A voice console (the Genesys fixture) shows the call's live transcript, and its tab plays the customer's side.
  it("on a voice console with a live transcript: the timing from the audio once, on the card and in the window; the words from the transcript; after Stop, the transcript's timing again", async (context) => {
    skipInFirefox(context, "Firefox has no tabCapture");
    const harness = await startHarness({ chromiumArgs: ["--use-fake-device-for-media-stream", `--use-file-for-fake-audio-capture=${join(CALLS, "fast", "agent.wav")}`], audible: true, microphone: true });
    try {
      const console_ = await harness.browser.newPage();
      const errors = collectErrors(console_);
      await console_.goto(`${harness.origin}/fixtures/consoles/genesys.html`);
      await waitUntilRead(harness, console_);
      const popup = await openPopup(harness.browser, console_);
      await popup.click("#coach-call");
      const call = (await (await harness.browser.waitForTarget((t) => t.url().includes("/pages/call.html"), { timeout: 10_000 })).asPage())!;
      const callErrors = collectErrors(call);
      await call.waitForSelector("body[data-state=listening]", { timeout: 10_000 });
      // The customer's side plays in the tab as the microphone starts the agent's: the call goes on as generated.
      await console_.evaluate(() => new Audio("/calls/fast/customer.wav").play());

      /** The transcript's conversation as the worker holds it: its events taken in, and the rules it raised. */
      const transcript = async () => {
        const session = (await call.evaluate(() => (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.session.get(null))) as Record<string, { events: number; coach: { nudges: Array<{ rule: string }> } }>;
        const state = Object.entries(session).find(([key]) => key.startsWith("conversation:") && key.includes(":genesys:"))?.[1];
        return { events: state?.events ?? 0, raised: state?.coach.nudges.map((n) => n.rule) ?? [] };
      };
      const cardFor = (rule: string, what: string) => waitFor(async () => (await readOverlay(console_)).some((card) => card.rule === rule), what);
      /** The customer's line (and what it puts on the card), then the agent's: 20 words in about a second, far too fast. */
      const lines = async (customer: string, then?: () => Promise<unknown>) => {
        const before = (await transcript()).events;
        await drive(console_, "speak", "customer", customer, { stepMs: 40 });
        await then?.();
        await drive(console_, "speak", "agent", "okay okay so what you need to do now is go to settings then billing then update then confirm it please", { stepMs: 50 });
        await waitFor(async () => (await transcript()).events >= before + 2, "the worker to take the transcript's two lines");
      };

      // The agent's fast answer, heard: slow-down raised once, from the audio, listed in the window and shown on the card.
      await call.waitForSelector('#nudges li[data-rule="slow-down"]', { timeout: 20_000 });
      await cardFor("slow-down", "the audio's slow-down on the console's card");
      expect(await overlayPartShown(console_, "listening")).toBe(true);
      // Rated on the card, then again in the window: one nudge, one rating.
      await clickOverlay(console_, "helpful");
      await statsWhen(call, (s) => s["slow-down"]?.helpful === 1, "the card's rating of the audio's nudge");
      await call.click('#nudges li[data-rule="slow-down"] button[name=helpful]');
      // Read in the transcript while the window listens: its words raise acknowledge-frustration on the card; the
      // agent's line, as fast, raises no second slow-down.
      await lines("This is the third time I call!!! Unacceptable!!!", () => cardFor("acknowledge-frustration", "acknowledge-frustration from the transcript"));
      expect((await transcript()).raised).toEqual(["acknowledge-frustration"]);
      expect((await statsWhen(call, () => true, "the statistics"))["slow-down"]).toMatchObject({ raised: 1, shown: 1 });

      // Stopped: the transcript judges the call's timing again, and its slow-down is on the card (not in the window).
      await call.click("#stop");
      await call.waitForSelector("body[data-state=stopped]");
      await waitFor(async () => !(await overlayPartShown(console_, "listening")), "the listening sign gone from the console");
      await lines("No wait, I already did all of that");
      await cardFor("slow-down", "the transcript's slow-down on the card");
      expect((await transcript()).raised).toContain("slow-down");
      expect((await statsWhen(call, (s) => s["slow-down"]?.shown === 2, "the transcript's slow-down shown"))["slow-down"]).toMatchObject({ raised: 2, shown: 2, helpful: 1 });
      expect(await call.$$eval("#nudges li", (items) => items.map((li) => li.dataset.rule))).toEqual(["slow-down"]);
      expect([...errors, ...callErrors]).toEqual([]);
    } finally {
      await harness.close();
    }
  }, 60_000);

  it("'Coach this call (audio)' in the popup opens the call window listening to the tab; listening stops and starts with one click, there or in the popup", async (context) => {
    skipInFirefox(context, "Firefox has no tabCapture");
    const harness = await startHarness({ chromiumArgs: ["--use-fake-device-for-media-stream"], microphone: true });
    try {
      const page = await harness.browser.newPage();
      await page.goto(`${harness.origin}/demo/console.html`);
      const popup = await openPopup(harness.browser, page);
      await popup.click("#coach-call");
      const target = await harness.browser.waitForTarget((t) => t.url().includes("/pages/call.html"), { timeout: 10_000 });
      const call = (await target.asPage())!;
      await call.waitForSelector("body[data-state=listening]");
      expect(await call.$eval("#customer-source", (select) => (select as HTMLSelectElement).value)).toBe("tab");
      expect(await call.title()).toMatch(/^● /);
      // The console's page says so too, as the page it is reloaded to does; its Stop stops the call window.
      const sign = () => inOverlay(page, (roots: ShadowRoot[]) => roots.map((root) => root.querySelector("[data-part=listening]")?.textContent).find(Boolean) ?? null, null);
      await waitFor(() => overlayPartShown(page, "listening"), "the listening sign on the console's page");
      expect(await sign()).toBe(`${localeMessages("en").overlayListening!.message}${localeMessages("en").overlayStopListening!.message}`);
      await page.reload();
      await waitFor(() => overlayPartShown(page, "listening"), "the listening sign on the reloaded page");
      await clickOverlay(page, "stop-listening");
      await call.waitForSelector("body[data-state=stopped]");
      await waitFor(async () => !(await overlayPartShown(page, "listening")), "the sign gone from the page");
      expect(await call.title()).toBe("Attune");
      // The tab's stream was used: listening again by hand is to the microphone alone, until the agent asks on the tab.
      expect(await call.$eval("#customer-source", (select) => [(select as HTMLSelectElement).value, (select.querySelector("option[value=tab]") as HTMLOptionElement).disabled])).toEqual(["none", true]);
      // Listening again, the popup says so wherever it is opened, and stops it with one click.
      await call.click("#start");
      await call.waitForSelector("body[data-state=listening]");
      const again = await openPopup(harness.browser, page);
      await again.waitForSelector("#call-listening:not([hidden])");
      expect(await again.$eval("#coach-call", (button) => (button as HTMLElement).hidden)).toBe(true);
      // Listening to the microphone alone, not to the tab: the page shows no sign.
      expect(await overlayPartShown(page, "listening")).toBe(false);
      await again.click("#stop-call");
      await call.waitForSelector("body[data-state=stopped]");
      await again.waitForSelector("#call-listening[hidden]");
      expect(await again.$eval("#coach-call", (button) => (button as HTMLElement).hidden)).toBe(false);
    } finally {
      await harness.close();
    }
  });
});

// Firefox has no tabCapture, and its fake microphone plays a tone, not a file; and with no sound output it never starts
// a page's audio. Here its sound goes through a PulseAudio server of the test's own (sound-server.ts): a generated call
// played into the server's line is Firefox's real microphone input, heard as a stereo call tap.
describe("call coaching from the audio, in Firefox", () => {
  it("with no sound output, says no sound reaches it; with one, hears a stereo call tap: dont-interrupt within 500 ms of the agent talking over the customer; Stop releases the microphone; no request leaves", async (context) => {
    context.skip(BROWSER !== "firefox", "Chromium's call tap is shown with its fake microphone, above");
    const sound = await startSoundServer({ speakers: false });
    const harness = await startHarness({ microphone: true, soundServer: sound.address });
    try {
      const call = await openExtensionPage(harness, "pages/call.html");
      const errors = collectErrors(call);
      const requests: string[] = [];
      call.on("request", (request) => {
        if (!request.url().startsWith(harness.extensionOrigin)) requests.push(request.url());
      });
      await call.waitForSelector("body[data-ready=true]");
      await call.select("#customer-source", "tap");
      // No sound output: the window's audio never starts, and the agent is told so.
      await call.click("#start");
      await call.waitForSelector("body[data-audio=none]", { timeout: 10_000 });
      expect(await call.$eval("#state", (state) => state.textContent)).toBe(localeMessages("en").callNoAudio!.message);
      expect(await call.$eval("body", (body) => [body.dataset.state, body.dataset.heard])).toEqual(["listening", undefined]);
      await call.click("#stop");
      await call.waitForSelector("body[data-state=stopped]");
      // Speakers plugged in, the window reloaded as it says (Firefox keeps a page's audio that could not start stopped),
      // and listening again: the call's line is heard.
      await sound.connectSpeakers();
      await openExtensionPage(harness, "pages/call.html", call);
      await call.waitForSelector("body[data-ready=true]");
      await call.select("#customer-source", "tap");
      await call.click("#start");
      await waitFor(async () => (await sound.recordings()) === 1, "Firefox to record from the line");
      await call.waitForSelector("body[data-heard]");
      // Where the call starts on the window's audio clock: as the popup asks it, just before the line plays.
      const popup = await openExtensionPage(harness, "pages/popup.html");
      const { heard: offset } = (await popup.evaluate(() => (globalThis as unknown as { browser: ChromeApi }).browser.runtime.sendMessage({ type: "call-status" }))) as { heard: number };
      void sound.play(join(CALLS, "overlap", "call.wav"));
      await call.waitForSelector('#nudges li[data-rule="dont-interrupt"]', { timeout: 15_000 });
      const nudge = await call.$eval('#nudges li[data-rule="dont-interrupt"]', (li) => ({ at: Number((li as HTMLElement).dataset.at), heard: Number((li as HTMLElement).dataset.heard) }));
      const cutIn = (JSON.parse(readFileSync(join(CALLS, "overlap", "truth.json"), "utf8")) as { turns: Array<{ at: number }> }).turns[1]!.at;
      expect(Math.abs(nudge.at - (offset + cutIn))).toBeLessThan(0.5);
      expect(nudge.heard - nudge.at).toBeLessThan(0.5);
      expect(await call.$eval("body", (body) => body.dataset.audio)).toBeUndefined();
      await call.click("#stop");
      await call.waitForSelector("body[data-state=stopped]");
      await waitFor(async () => (await sound.recordings()) === 0, "Firefox to close the microphone");
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await harness.close();
      await sound.close();
    }
  });
});
