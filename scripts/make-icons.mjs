// Draws the app icon (an allocation donut on a rounded navy tile) and writes it as PNGs with nothing
// but Node: build/icon.png (1024×1024, for macOS and Windows) and build/icons/NxN.png (Linux).
// Every size is rendered from the vector description, not scaled down, so small sizes stay crisp.
//
//   node scripts/make-icons.mjs           write the files
//   node scripts/make-icons.mjs --check   exit 1 if a committed file is missing or differs in size
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const repoRoot = path.resolve(import.meta.dirname, '..');
const buildDir = path.join(repoRoot, 'build');

/** The sizes the Linux icon set holds (electron-builder reads build/icons/NxN.png). */
export const linuxIconSizes = [16, 32, 48, 64, 128, 256, 512];
/** The master icon's size (macOS wants 1024; electron-builder makes .icns and .ico from it). */
export const masterIconSize = 1024;

// Allocation slices, clockwise from 12 o'clock: share of the ring and colour.
const slices = [
  { share: 0.45, color: [46, 196, 182] }, // equities, teal
  { share: 0.3, color: [255, 191, 71] }, // bonds, amber
  { share: 0.25, color: [239, 111, 108] }, // alternatives, coral
];

const tile = { inset: 0.085, radius: 0.2 }; // rounded square, in units of the canvas
const ring = { cx: 0.5, cy: 0.5, outer: 0.31, inner: 0.165, gap: 0.018 };
const top = [33, 64, 107]; // tile gradient, top
const bottom = [16, 35, 66]; // tile gradient, bottom

function clamp01(value) {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** Signed distance to the rounded tile (negative inside). */
function tileDistance(x, y) {
  const half = 0.5 - tile.inset;
  const qx = Math.abs(x - 0.5) - (half - tile.radius);
  const qy = Math.abs(y - 0.5) - (half - tile.radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - tile.radius;
}

const sliceEnds = slices.reduce((ends, slice) => [...ends, (ends.at(-1) ?? 0) + slice.share], []);

/** The colour of the ring at a point, or null outside it (or in a gap between slices). */
function ringColor(x, y) {
  const dx = x - ring.cx;
  const dy = y - ring.cy;
  const r = Math.hypot(dx, dy);
  if (r > ring.outer || r < ring.inner) return null;
  // Angle clockwise from 12 o'clock, as a fraction of a turn.
  const turn = (Math.atan2(dx, -dy) / (2 * Math.PI) + 1) % 1;
  const index = sliceEnds.findIndex((end) => turn < end);
  const start = index === 0 ? 0 : sliceEnds[index - 1];
  const along = Math.min(turn - start, sliceEnds[index] - turn) * 2 * Math.PI * r;
  if (along < ring.gap / 2) return null;
  return slices[index].color;
}

/** One sample: straight (not premultiplied) RGBA in 0..1 for a point in the unit square. */
function sample(x, y) {
  if (tileDistance(x, y) > 0) return [0, 0, 0, 0];
  const slice = ringColor(x, y);
  if (slice) return [slice[0] / 255, slice[1] / 255, slice[2] / 255, 1];
  const t = clamp01((y - tile.inset) / (1 - 2 * tile.inset));
  return [0, 1, 2].map((i) => (top[i] + (bottom[i] - top[i]) * t) / 255).concat(1);
}

/** Renders the icon at a size with n×n supersampling; returns RGBA bytes. */
export function renderIcon(size) {
  const n = size <= 64 ? 8 : size <= 256 ? 4 : 3;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [sr, sg, sb, sa] = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += sr * sa;
          g += sg * sa;
          b += sb * sa;
          a += sa;
        }
      }
      const offset = (py * size + px) * 4;
      pixels[offset] = a ? Math.round((r / a) * 255) : 0;
      pixels[offset + 1] = a ? Math.round((g / a) * 255) : 0;
      pixels[offset + 2] = a ? Math.round((b / a) * 255) : 0;
      pixels[offset + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters each scanline with the PNG filter that gives the smallest sum of absolute values. */
function filterScanlines(pixels, width, height) {
  const stride = width * 4;
  const out = Buffer.alloc((stride + 1) * height);
  const candidate = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    let best = { type: 0, score: Infinity, bytes: Buffer.alloc(0) };
    for (let type = 0; type < 5; type++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const left = i >= 4 ? row[i - 4] : 0;
        const up = above[i];
        const upLeft = i >= 4 ? above[i - 4] : 0;
        const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type];
        const value = (row[i] - predictor) & 0xff;
        candidate[i] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < best.score) best = { type, score, bytes: Buffer.from(candidate) };
    }
    out[y * (stride + 1)] = best.type;
    best.bytes.copy(out, y * (stride + 1) + 1);
  }
  return out;
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no interlace). */
export function encodePng(pixels, width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method: adaptive
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filterScanlines(pixels, width, height), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width and height from a PNG's IHDR, or null if the bytes are not a PNG. */
export function pngSize(bytes) {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  if (bytes.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every icon file the build uses, with its size. */
export function iconFiles() {
  return [
    { file: path.join(buildDir, 'icon.png'), size: masterIconSize },
    ...linuxIconSizes.map((size) => ({ file: path.join(buildDir, 'icons', `${size}x${size}.png`), size })),
  ];
}

function main() {
  const check = process.argv.includes('--check');
  let problems = 0;
  mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
  for (const { file, size } of iconFiles()) {
    const relative = path.relative(repoRoot, file);
    if (check) {
      let found = null;
      try {
        found = pngSize(readFileSync(file));
      } catch {
        // reported below
      }
      if (!found || found.width !== size || found.height !== size) {
        console.error(`${relative}: missing or not a ${size}×${size} PNG; run node scripts/make-icons.mjs`);
        problems += 1;
      }
      continue;
    }
    const png = encodePng(renderIcon(size), size, size);
    writeFileSync(file, png);
    console.log(`${relative} ${size}×${size} ${(png.length / 1024).toFixed(1)} KiB`);
  }
  process.exit(problems ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main();
