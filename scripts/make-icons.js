#!/usr/bin/env node
// Generates the DutyDesk icons (assets/icon-{16,32,64,80,128}.png) with nothing but Node's zlib.
//
// The mark: a dark-teal rounded square with a white "%" (duty rates are percentages).
// Each pixel is supersampled (SS x SS points) so edges come out smooth at every size.
//
//   node scripts/make-icons.js            # writes into ./assets
//   node scripts/make-icons.js out/dir    # writes somewhere else
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const SS = 4; // supersampling factor per axis

const TEAL_TOP = [0x13, 0x6f, 0x73];
const TEAL_BOTTOM = [0x0b, 0x4f, 0x55];
const WHITE = [0xff, 0xff, 0xff];

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(4 + typeAndData.length + 4); // length + type + data + crc
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** Encodes width*height RGBA pixels (Uint8Array, row-major) as a PNG file. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour + alpha
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace

  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type "None" for every scanline
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- geometry (unit square 0..1)

function insideRoundedSquare(x, y, margin, radius) {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return dx * dx + dy * dy <= radius * radius;
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

/**
 * True where the white "%" is drawn. At 16 px a ring's hole would be under one pixel, so small
 * icons get solid dots pushed further into the corners and a thinner slash to keep the gaps open.
 */
function insidePercent(x, y, size) {
  const small = size <= 16;
  const outer = small ? 0.13 : 0.135;
  const inner = small ? 0 : 0.068;
  const dots = small
    ? [
        [0.28, 0.28],
        [0.72, 0.72],
      ]
    : [
        [0.33, 0.31],
        [0.67, 0.69],
      ];
  for (const [cx, cy] of dots) {
    const d = Math.hypot(x - cx, y - cy);
    if (d <= outer && d >= inner) return true;
  }
  return distanceToSegment(x, y, 0.29, 0.8, 0.71, 0.2) <= (small ? 0.045 : 0.05);
}

// ---------------------------------------------------------------- rendering

function renderIcon(size) {
  const rgba = new Uint8Array(size * size * 4);
  const margin = size <= 16 ? 0 : 0.03;
  const radius = 0.2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bgHits = 0;
      let glyphHits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          if (!insideRoundedSquare(x, y, margin, radius)) continue;
          bgHits++;
          if (insidePercent(x, y, size)) glyphHits++;
        }
      }
      const samples = SS * SS;
      const alpha = bgHits / samples;
      const t = py / Math.max(1, size - 1); // vertical gradient position
      const glyphShare = bgHits ? glyphHits / bgHits : 0;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        const teal = TEAL_TOP[c] + (TEAL_BOTTOM[c] - TEAL_TOP[c]) * t;
        rgba[i + c] = Math.round(teal + (WHITE[c] - teal) * glyphShare);
      }
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, rgba);
}

function main(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, renderIcon(size));
    console.log(`wrote ${path.relative(process.cwd(), file) || file} (${size}x${size})`);
  }
}

module.exports = { SIZES, encodePng, renderIcon, crc32 };

if (require.main === module) {
  main(path.resolve(process.argv[2] || path.join(__dirname, "..", "assets")));
}
