// The copy of an image that may be published: the picture without what the camera or phone wrote
// around it (EXIF with its GPS position, device and times; XMP; comments; thumbnails, which can show
// what a crop removed; colour profiles, which can name the device). The original stays sealed.
// Only what is known to be picture is kept; a file that cannot be read as its format is refused with
// CannotStripError, as is every type this cannot strip, so nothing unstripped is ever published.
import { CannotStripError } from './errors.ts';
import { sniffType } from './sniff.ts';

const refuse = (why: string): never => {
  throw new CannotStripError(why);
};

const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);

/** JPEG markers that stand alone, with no length after them. */
const standalone = (m: number): boolean => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

/** APP0 kept only as JFIF, its thumbnail removed; APP14 only as Adobe's colour-transform note. */
function keptAppSegment(marker: number, data: Buffer): Buffer | null {
  if (marker === 0xe0 && data.length >= 14 && data.toString('latin1', 0, 5) === 'JFIF\0') {
    const jfif = Buffer.from(data.subarray(0, 14));
    jfif[12] = 0;
    jfif[13] = 0;
    return Buffer.concat([Buffer.from([0xff, 0xe0]), u16(16), jfif]);
  }
  if (marker === 0xee && data.length >= 12 && data.toString('latin1', 0, 5) === 'Adobe') {
    return Buffer.concat([Buffer.from([0xff, 0xee]), u16(14), data.subarray(0, 12)]);
  }
  return null;
}

/** Where the entropy-coded data that starts at `pos` ends: the first marker that is not a restart. */
function scanEnd(b: Buffer, pos: number): number {
  for (let i = pos; i < b.length - 1; i++) {
    if (b[i] !== 0xff) continue;
    const next = b[i + 1]!;
    if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) return i;
    i++;
  }
  return refuse('JPEG scan does not end');
}

function stripJpeg(b: Buffer): Buffer {
  const out: Buffer[] = [Buffer.from([0xff, 0xd8])];
  let pos = 2;
  for (;;) {
    if (pos + 1 >= b.length || b[pos] !== 0xff) return refuse('JPEG marker expected');
    while (b[pos + 1] === 0xff) pos++;
    const marker = b[pos + 1]!;
    pos += 2;
    if (marker === 0xd9) break;
    if (standalone(marker)) {
      out.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (marker === 0xd8 || marker === 0x00 || pos + 2 > b.length) return refuse('JPEG structure');
    const length = b.readUInt16BE(pos);
    if (length < 2 || pos + length > b.length) return refuse('JPEG segment length');
    const segment = b.subarray(pos - 2, pos + length);
    const data = b.subarray(pos + 2, pos + length);
    pos += length;
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) {
      const kept = marker === 0xfe ? null : keptAppSegment(marker, data);
      if (kept) out.push(kept);
      continue;
    }
    out.push(segment);
    if (marker === 0xda) {
      const end = scanEnd(b, pos);
      out.push(b.subarray(pos, end));
      pos = end;
    }
  }
  out.push(Buffer.from([0xff, 0xd9])); // and nothing after: some phones append more there
  return Buffer.concat(out);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// The picture and how to show it. Text (tEXt, zTXt, iTXt), eXIf, tIME, iCCP, sPLT and anything
// unknown are left out.
const PNG_KEPT = new Set([
  'IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs', 'hIST', 'cICP',
  'acTL', 'fcTL', 'fdAT',
]); // prettier-ignore

function stripPng(b: Buffer): Buffer {
  const out: Buffer[] = [PNG_SIGNATURE];
  let pos = PNG_SIGNATURE.length;
  for (;;) {
    if (pos + 12 > b.length) return refuse('PNG ends without IEND');
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (end > b.length || !/^[A-Za-z]{4}$/.test(type)) return refuse('PNG chunk');
    if (PNG_KEPT.has(type)) out.push(b.subarray(pos, end));
    else if (type[0]! >= 'A' && type[0]! <= 'Z') return refuse(`PNG critical chunk ${type}`);
    pos = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
}

// VP8X flags that announce chunks left out: ICC profile, EXIF, XMP.
const VP8X_DROPPED_FLAGS = 0x20 | 0x08 | 0x04;
const WEBP_KEPT = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF']);

function stripWebp(b: Buffer): Buffer {
  if (b.length < 12) return refuse('WebP header');
  const riffEnd = 8 + b.readUInt32LE(4);
  if (riffEnd > b.length) return refuse('WebP cut short');
  const out: Buffer[] = [];
  for (let pos = 12; pos < riffEnd;) {
    if (pos + 8 > riffEnd) return refuse('WebP chunk header');
    const type = b.toString('latin1', pos, pos + 4);
    const size = b.readUInt32LE(pos + 4);
    const end = pos + 8 + size + (size % 2);
    if (end > riffEnd) return refuse('WebP chunk size');
    if (type === 'VP8X') {
      if (size < 10) return refuse('WebP VP8X');
      const chunk = Buffer.from(b.subarray(pos, end));
      chunk[8] = chunk[8]! & ~VP8X_DROPPED_FLAGS;
      out.push(chunk);
    } else if (WEBP_KEPT.has(type)) out.push(b.subarray(pos, end));
    pos = end;
  }
  const body = Buffer.concat(out);
  const header = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  return Buffer.concat([header, body]);
}

const STRIPPERS: Record<string, (b: Buffer) => Buffer> = {
  'image/jpeg': stripJpeg,
  'image/png': stripPng,
  'image/webp': stripWebp,
};

/** Types whose published copies can be stripped of metadata. */
export const STRIPPABLE = Object.keys(STRIPPERS);

/**
 * A copy of `bytes` without metadata, for publishing. CannotStripError for other types (GIF, PDF, audio,
 * video: not to be published by this path), for bytes whose content is not `mime`, and for a damaged file.
 */
export function stripMetadata(bytes: Buffer, mime: string): Buffer {
  const strip = STRIPPERS[mime];
  if (!strip) return refuse(`cannot strip ${mime}`);
  if (sniffType(bytes)?.mime !== mime) return refuse(`content is not ${mime}`);
  return strip(bytes);
}
