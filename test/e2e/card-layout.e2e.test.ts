import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { beforeAll, describe, expect, it } from "vitest";
import { inOverlay } from "../../scripts/lib/browser.mjs";
import { buildKits, kitIds, kitPath } from "../../scripts/lib/build-kits.mjs";
import { openKit } from "./kit-driver.js";
import { BROWSER, SCREENSHOTS, clickOverlay, emulateColorScheme, readOverlay, setLocal, useHarness, waitFor } from "./harness.js";

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

interface CardLayout {
  card: Box;
  direction: string;
  severity: { text: string; icon: boolean };
  controls: Array<Box & { part: string; label: string }>;
  primary: string[];
  clipped: string[];
  contrast: Record<string, number>;
}

/** The card as drawn, measured in the page: boxes, the severity's word and icon, clipped text, and text contrast. */
function measureCard(roots: ShadowRoot[]): CardLayout | null {
  const card = roots.map((root) => root.querySelector<HTMLElement>("div.card")).find((c) => c && getComputedStyle(c).visibility !== "hidden");
  if (!card) return null;
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  };
  const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const channel = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  const luminance = (colour: string) => {
    const [r = 0, g = 0, b = 0] = rgb(colour);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (fg: string, bg: string) => {
    const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  };
  const background = getComputedStyle(card).backgroundColor;
  const contrast: Record<string, number> = {};
  for (const part of ["message", "suggestion", "severity", "because"]) {
    const el = card.querySelector(`[data-part="${part}"]`);
    if (el) contrast[part] = ratio(getComputedStyle(el).color, background);
  }
  const insert = card.querySelector('[data-part="insert"]');
  if (insert) contrast.insert = ratio(getComputedStyle(insert).color, getComputedStyle(insert).backgroundColor);
  const severity = card.querySelector('[data-part="severity"]');
  return {
    card: box(card),
    direction: getComputedStyle(card).direction,
    severity: { text: severity?.textContent?.trim() ?? "", icon: !!severity?.querySelector("svg") },
    controls: [...card.querySelectorAll<HTMLElement>("button")].map((b) => ({ part: b.dataset.part ?? "", label: b.getAttribute("aria-label") ?? b.textContent ?? "", ...box(b) })),
    primary: [...card.querySelectorAll<HTMLElement>("button.primary")].map((b) => b.dataset.part ?? ""),
    clipped: [...card.querySelectorAll("p")].filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.className),
    contrast,
  };
}

const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 0.5 && inner.top >= outer.top - 0.5 &&
  inner.left + inner.width <= outer.left + outer.width + 0.5 && inner.top + inner.height <= outer.top + outer.height + 0.5;
const overlaps = (a: Box, b: Box) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

/** The card checked against the window and the page's reply box (a selector; " >>> " steps into a shadow root). */
async function checkLayout(page: Page, viewport: Box, replyBox = "form.reply"): Promise<CardLayout> {
  const layout = (await inOverlay(page, measureCard, null)) as CardLayout | null;
  expect(layout, "a card is drawn").not.toBeNull();
  const handle = await page.$(replyBox);
  expect(handle, `the reply box ${replyBox}`).not.toBeNull();
  const reply = await handle!.evaluate((box) => {
    const r = box.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  });
  expect(inside(layout!.card, viewport), `the card ${JSON.stringify(layout!.card)} is on screen`).toBe(true);
  expect(overlaps(layout!.card, reply), "the card leaves the reply box free").toBe(false);
  // WCAG 2.2 target size: at least 24 × 24 CSS pixels, and every control inside the card.
  for (const control of layout!.controls) {
    expect(Math.min(control.width, control.height), `${control.part} is big enough to hit`).toBeGreaterThanOrEqual(24);
    expect(inside(control, layout!.card), `${control.part} is inside the card`).toBe(true);
    expect(control.label.trim(), `${control.part} has a name`).not.toBe("");
  }
  expect(layout!.clipped, "no line is cut off").toEqual([]);
  for (const [part, ratio] of Object.entries(layout!.contrast)) expect(ratio, `${part}'s contrast`).toBeGreaterThanOrEqual(4.5);
  return layout!;
}

describe("the nudge card, read at a glance", () => {
  const harness = useHarness();

  // Each dimension both ways, over four runs: the window (1024 × 768, and the same at 200% zoom: 512 × 384 CSS
  // pixels), the theme, and the direction (a Persian interface on the demo's English chat lays the card out right to
  // left, the English reply inside it left to right).
  it.for([
    { name: "1024-light-ltr", width: 1024, height: 768, zoom: 1, theme: "light", language: "en" },
    { name: "1024-dark-rtl", width: 1024, height: 768, zoom: 1, theme: "dark", language: "fa" },
    { name: "200pct-light-rtl", width: 512, height: 384, zoom: 2, theme: "light", language: "fa" },
    { name: "200pct-dark-ltr", width: 512, height: 384, zoom: 2, theme: "dark", language: "en" },
  ] as const)("fits, leaves the reply box free and reads clearly: $name", async ({ name, width, height, zoom, theme, language }, context) => {
    await setLocal(harness, { settings: { interfaceLanguage: language } });
    const page = await harness.browser.newPage();
    await page.setViewport({ width, height, deviceScaleFactor: zoom });
    await emulateColorScheme(context, page, theme);
    await page.goto(`${harness.origin}/demo/console.html?speed=4`);
    await waitFor(async () => (await readOverlay(page)).length === 1, "the demo's first nudge");
    const viewport = { left: 0, top: 0, width, height };
    const layout = await checkLayout(page, viewport);
    expect(layout.direction).toBe(language === "fa" ? "rtl" : "ltr");
    // Severity as an icon and a word, never colour alone.
    expect(layout.severity.icon).toBe(true);
    expect(layout.severity.text).not.toBe("");
    // One prominent action, Insert (the demo's suggestion quotes a reply); the rest are small or in the menu.
    expect(layout.primary).toEqual(["insert"]);
    expect(layout.controls.map((c) => c.part).sort()).toEqual(expect.arrayContaining(["dismiss", "helpful", "menu", "not-helpful"]));
    expect(layout.controls.map((c) => c.part)).not.toContain("snooze");
    await page.screenshot({ path: join(SCREENSHOTS, `card-${name}.png`) });

    // The menu opened: its items are on screen too, and the card still leaves the reply box free.
    await clickOverlay(page, "menu");
    await waitFor(async () => ((await inOverlay(page, measureCard, null)) as CardLayout | null)?.controls.some((c) => c.part === "snooze"), "the menu's items");
    const opened = await checkLayout(page, viewport);
    expect(opened.controls.map((c) => c.part)).toEqual(expect.arrayContaining(["snooze-rule", "snooze", "why", "toggle"]));
    // The menu's pictures are for a look after a change, not for the docs.
    const artifacts = join(import.meta.dirname, "..", "artifacts", `screenshots-${BROWSER}`);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `card-${name}-menu.png`) });
    await page.close();
  });
});

// The same checks on chats nobody here wrote: each npm UI kit's page (test/fixtures/kits/), read with no setup, in the
// hardest of the four cases above (200% zoom, right to left), the card raised by the customer's waiting message.
describe("the nudge card on chats built with npm UI kits", () => {
  const harness = useHarness();
  beforeAll(buildKits);

  it.for(kitIds())("fits beside %s's chat zoomed to 200 percent, right to left, and leaves its reply box free", async (kitId) => {
    await setLocal(harness, { settings: { interfaceLanguage: "fa" } });
    const page = await harness.browser.newPage();
    await page.setViewport({ width: 512, height: 384, deviceScaleFactor: 2 });
    const kit = await openKit(page, `${harness.origin}${kitPath(kitId)}?start=waiting`);
    await waitFor(async () => (await readOverlay(page)).some((card) => card.rule === "acknowledge-frustration"), "the waiting message's nudge");
    const layout = await checkLayout(page, { left: 0, top: 0, width: 512, height: 384 }, kit.replyBox);
    expect(layout.direction).toBe("rtl");
    expect(layout.primary).toEqual(["insert"]);
    const artifacts = join(import.meta.dirname, "..", "artifacts", `screenshots-${BROWSER}`);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `card-kit-${kitId}.png`) });
    await page.close();
  });
});
