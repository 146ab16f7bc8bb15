#!/usr/bin/env node
// Draws Attune's mark into icons/icon-{16,32,48,128}.png: a speech bubble holding three level bars ("listening,
// in tune"), white on teal. Kept as code so the mark can be changed and redrawn at every size: node scripts/draw-icons.mjs
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TEAL = [20, 118, 112];
const WHITE = [255, 255, 255];

/** Signed-distance tests in a 0..1 square; each returns true when the point is inside. */
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
};
const triangle = ([ax, ay], [bx, by], [cx, cy]) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by), d2 = s(bx, by, cx, cy), d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

const layers = [
  { color: TEAL, inside: roundedRect(0, 0, 1, 1, 0.22) },
  { color: WHITE, inside: roundedRect(0.16, 0.2, 0.84, 0.7, 0.14) },
  { color: WHITE, inside: triangle([0.28, 0.62], [0.46, 0.62], [0.26, 0.86]) },
  { color: TEAL, inside: roundedRect(0.3, 0.4, 0.39, 0.56, 0.04) },
  { color: TEAL, inside: roundedRect(0.455, 0.3, 0.545, 0.6, 0.04) },
  { color: TEAL, inside: roundedRect(0.61, 0.36, 0.7, 0.56, 0.04) },
];

function render(size) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let color;
          for (const layer of layers) if (layer.inside(x, y)) color = layer.color;
          if (color) [r, g, b, a] = [r + color[0], g + color[1], b + color[2], a + 1];
        }
      }
      const o = (py * size + px) * 4;
      if (a) [rgba[o], rgba[o + 1], rgba[o + 2]] = [r / a, g / a, b / a].map(Math.round);
      rgba[o + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return png(size, rgba);
}

function png(size, rgba) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

for (const size of [16, 32, 48, 128]) {
  writeFileSync(join(ROOT, "icons", `icon-${size}.png`), render(size));
}
console.log("attune: icons drawn");
