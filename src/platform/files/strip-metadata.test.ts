import { describe, expect, it } from 'vitest';
import {
  DEVICE_TEXT,
  GPS_TEXT,
  HEADS,
  jfifSegment,
  jpegPicture,
  jpegSegment,
  phoneJpeg,
  phonePng,
  phoneWebp,
  png,
  pngChunk,
} from '../../../tests/helpers/media-files.ts';
import { CannotStripError } from './errors.ts';
import { stripMetadata } from './strip-metadata.ts';

const revealing = ['Exif', 'GPS', 'xmpmeta', 'Pixel-7', 'Ana', 'ICC_PROFILE', 'MotionPhoto', 'tIME', 'tEXt', 'iTXt'];

function expectNothingRevealing(bytes: Buffer) {
  for (const text of [...revealing, GPS_TEXT, DEVICE_TEXT]) expect(bytes.includes(text), text).toBe(false);
}

/** PNG chunk types in order. */
function pngChunks(b: Buffer): string[] {
  const types: string[] = [];
  for (let pos = 8; pos < b.length; pos += 12 + b.readUInt32BE(pos)) types.push(b.toString('latin1', pos + 4, pos + 8));
  return types;
}

describe('stripMetadata: JPEG', () => {
  it('keeps JFIF and the picture byte for byte, and drops EXIF, GPS, XMP, ICC, comments and trailers', () => {
    const original = phoneJpeg();
    expect(original.includes(GPS_TEXT)).toBe(true);
    const stripped = stripMetadata(original, 'image/jpeg');
    expectNothingRevealing(stripped);
    const jfif = Buffer.from(jfifSegment().subarray(0, 18));
    jfif.writeUInt16BE(16, 2);
    jfif[16] = 0; // no thumbnail
    jfif[17] = 0;
    expect(stripped.equals(Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, jpegPicture()]))).toBe(true);
  });

  it('does not take entropy-coded bytes for markers: stuffed 0xFF00 and restart markers', () => {
    // After a stuffed FF 00 comes E1 (APP1's code) and a restart marker: all picture, all kept.
    const scan = Buffer.from([0x12, 0xff, 0x00, 0xe1, 0x00, 0x05, 0xff, 0xd0, 0x45, 0xff, 0x00, 0xfe, 0x7f]);
    const stripped = stripMetadata(phoneJpeg(scan), 'image/jpeg');
    expect(stripped.includes(jpegPicture(scan))).toBe(true);
    expectNothingRevealing(stripped);
  });

  it('keeps a progressive JPEG’s later scans and what comes between them', () => {
    const second = Buffer.concat([jpegSegment(0xc4, Buffer.from([0x11, 1, ...new Array<number>(15).fill(0), 0])), jpegSegment(0xda, Buffer.from([1, 1, 0x11, 1, 63, 0])), Buffer.from([0x2a])]); // prettier-ignore
    const picture = jpegPicture();
    const twoScans = Buffer.concat([picture.subarray(0, -2), second, Buffer.from([0xff, 0xd9])]);
    const original = Buffer.concat([Buffer.from([0xff, 0xd8]), jpegSegment(0xfe, Buffer.from('GPS')), twoScans]);
    expect(stripMetadata(original, 'image/jpeg').equals(Buffer.concat([Buffer.from([0xff, 0xd8]), twoScans]))).toBe(
      true,
    );
  });

  it('refuses a JPEG it cannot follow, rather than publish it unstripped', () => {
    const original = phoneJpeg();
    for (const broken of [
      original.subarray(0, 40), // cut inside the EXIF segment
      original.subarray(0, original.indexOf(Buffer.from([0xff, 0xd9]))), // no end of image
      Buffer.concat([original.subarray(0, 2), Buffer.from([0x00, 0x10])]), // not a marker
    ]) {
      expect(() => stripMetadata(broken, 'image/jpeg')).toThrow(CannotStripError);
    }
  });
});

describe('stripMetadata: PNG', () => {
  it('drops text, EXIF and time chunks and keeps the picture', () => {
    const original = phonePng();
    expect(pngChunks(original)).toEqual(['IHDR', 'tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'IDAT', 'IEND']);
    const stripped = stripMetadata(original, 'image/png');
    expect(stripped.equals(png())).toBe(true);
    expectNothingRevealing(stripped);
  });

  it('keeps how to show it, drops unknown extras, and drops what follows IEND', () => {
    const srgb = pngChunk('sRGB', Buffer.from([0]));
    const original = Buffer.concat([png([srgb, pngChunk('prVt', Buffer.from(GPS_TEXT))]), Buffer.from(GPS_TEXT)]);
    expect(stripMetadata(original, 'image/png').equals(png([srgb]))).toBe(true);
  });

  it('refuses an unknown critical chunk and a PNG cut short', () => {
    expect(() => stripMetadata(png([pngChunk('ABCD', Buffer.alloc(1))]), 'image/png')).toThrow(CannotStripError);
    expect(() => stripMetadata(png().subarray(0, 40), 'image/png')).toThrow(CannotStripError);
  });
});

describe('stripMetadata: WebP', () => {
  it('drops the EXIF and XMP chunks and clears their flags', () => {
    const original = phoneWebp();
    expect(original[20]).toBe(0x0c);
    const stripped = stripMetadata(original, 'image/webp');
    expectNothingRevealing(stripped);
    expect(stripped.toString('latin1', 12, 16)).toBe('VP8X');
    expect(stripped[20]).toBe(0);
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
    expect(stripped.includes(Buffer.from('VP8L'))).toBe(true);
    expect(stripped.length).toBe(12 + 18 + 21 + 1); // header, VP8X, VP8L (13 bytes, padded)
  });
});

describe('stripMetadata: everything else', () => {
  it('refuses types it cannot strip and content that is not the type named', () => {
    for (const mime of ['image/gif', 'application/pdf', 'audio/mpeg', 'video/mp4', 'image/svg+xml']) {
      expect(() => stripMetadata(HEADS[mime] ?? Buffer.from('<svg/>'), mime), mime).toThrow(CannotStripError);
    }
    expect(() => stripMetadata(phonePng(), 'image/jpeg')).toThrow(CannotStripError);
    expect(() => stripMetadata(Buffer.from('<html>'), 'image/png')).toThrow(CannotStripError);
  });
});
