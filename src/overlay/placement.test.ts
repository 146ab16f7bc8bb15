import { describe, expect, it } from "vitest";
import { placeBeside, type Box } from "./placement.js";

const viewport = { width: 1280, height: 800 };
const card = { width: 360, height: 110 };
const overlaps = (a: Box, b: Box) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

describe("placeBeside", () => {
  it("puts the card to the right of the transcript and reply box when there is room, level with the reply box", () => {
    const transcript = { left: 240, top: 80, width: 700, height: 560 };
    const reply = { left: 240, top: 650, width: 700, height: 120 };
    const box = placeBeside(viewport, [transcript, reply], card)!;
    expect(box.left).toBeGreaterThanOrEqual(940);
    expect(box.top + box.height).toBe(770);
    expect(overlaps(box, transcript) || overlaps(box, reply)).toBe(false);
  });

  it("narrows the card to fit a side panel, and uses the left side when the right is full", () => {
    const transcript = { left: 260, top: 60, width: 1020, height: 700 };
    const box = placeBeside(viewport, [transcript], card)!;
    expect(box).toMatchObject({ left: 12, width: 236 });
    expect(overlaps(box, transcript)).toBe(false);
  });

  it("goes below or above when the sides are full", () => {
    const transcript = { left: 0, top: 200, width: 1280, height: 300 };
    const box = placeBeside(viewport, [transcript], card)!;
    expect(box.top).toBeGreaterThanOrEqual(512);
  });

  it("sits just above the reply box, at its end, when nothing beside is free; never over the reply box", () => {
    const small = { width: 512, height: 384 };
    const transcript = { left: 0, top: 40, width: 512, height: 260 };
    const reply = { left: 0, top: 300, width: 512, height: 84 };
    const box = placeBeside(small, [transcript, reply], { width: 360, height: 120 }, reply)!;
    expect(box).toEqual({ left: 512 - 12 - 360, top: 300 - 12 - 120, width: 360, height: 120 });
    expect(overlaps(box, reply)).toBe(false);
    // No room above it either: the caller's corner.
    expect(placeBeside(small, [transcript, reply], { width: 360, height: 300 }, reply)).toBeUndefined();
  });

  it("stays in the window when the chat's reply box is below its fold (a chat of fixed height, zoomed)", () => {
    const small = { width: 512, height: 384 };
    const transcript = { left: 0, top: 40, width: 512, height: 500 };
    const reply = { left: 0, top: 560, width: 512, height: 60 };
    const box = placeBeside(small, [transcript, reply], { width: 360, height: 170 }, reply)!;
    expect(box).toEqual({ left: 512 - 12 - 360, top: 384 - 12 - 170, width: 360, height: 170 });
    // A transcript starting below the fold offers no place above it either.
    const low = { left: 0, top: 420, width: 512, height: 300 };
    expect(placeBeside(small, [low], { width: 360, height: 170 })).toBeUndefined();
  });

  it("gives up when there is no free place, so the caller can fall back to a corner", () => {
    expect(placeBeside(viewport, [{ left: 0, top: 0, width: 1280, height: 800 }], card)).toBeUndefined();
    expect(placeBeside(viewport, [], card)).toBeUndefined();
  });
});
