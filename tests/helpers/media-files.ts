// Small real files, built byte by byte, for the evidence-file tests: what a phone would upload, with
// the metadata a phone would write into it.
import { crc32, deflateSync } from 'node:zlib';

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const latin1 = (s: string) => Buffer.from(s, 'latin1');

export const GPS_TEXT = 'GPSLatitude 10.4806 N GPSLongitude 66.9036 W';
export const DEVICE_TEXT = 'Model Pixel-7 Serial 0042';

/** A JPEG segment: marker, length, data. */
export const jpegSegment = (marker: number, data: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker]), u16(data.length + 2), data]);

/** An EXIF APP1 segment as cameras write it (a TIFF block), carrying GPS and device strings. */
export const exifSegment = () =>
  jpegSegment(0xe1, Buffer.concat([latin1('Exif\0\0MM\0*\0\0\0\x08'), latin1(`${GPS_TEXT}\0${DEVICE_TEXT}\0`)]));
export const xmpSegment = () =>
  jpegSegment(0xe1, latin1(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:${GPS_TEXT}/></x:xmpmeta>`));

/** JFIF APP0 with a 1x1 thumbnail (3 bytes of RGB): the stripped copy keeps JFIF, not the thumbnail. */
export const jfifSegment = () =>
  jpegSegment(0xe0, Buffer.concat([latin1('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 1, 1, 9, 9, 9])]));

/**
 * The picture of an 8x8 grey baseline JPEG: quantisation table, frame, two one-code Huffman tables, the
 * scan header and its entropy-coded data (DC difference 0, end of block), then EOI. `scan` replaces the
 * entropy-coded bytes (to test stuffed 0xFF00 and restart markers inside them).
 */
export function jpegPicture(scan: Buffer = Buffer.from([0x3f])): Buffer {
  const oneCode = [1, ...new Array<number>(15).fill(0), 0];
  return Buffer.concat([
    jpegSegment(0xdb, Buffer.from([0, ...new Array<number>(64).fill(1)])),
    jpegSegment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    jpegSegment(0xc4, Buffer.from([0x00, ...oneCode])),
    jpegSegment(0xc4, Buffer.from([0x10, ...oneCode])),
    jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A phone's JPEG: JFIF, EXIF with GPS, XMP, an ICC profile, a comment, the picture, and a trailer. */
export function phoneJpeg(scan?: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jfifSegment(),
    exifSegment(),
    xmpSegment(),
    jpegSegment(0xe2, latin1(`ICC_PROFILE\0\x01\x01${DEVICE_TEXT}`)),
    jpegSegment(0xfe, latin1('Taken by Ana at the march')),
    jpegPicture(scan),
    latin1(`MotionPhoto_Data ${GPS_TEXT}`),
  ]);
}

export const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([latin1(type), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
};

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The picture of a 1x1 red PNG: IHDR, IDAT (zlib), IEND. `extra` goes between IHDR and IDAT. */
export function png(extra: Buffer[] = []): Buffer {
  const ihdr = Buffer.concat([u32(1), u32(1), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    ...extra,
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG with the text, EXIF and time chunks editors and phones add. */
export const phonePng = () =>
  png([
    pngChunk('tEXt', latin1(`Comment\0${GPS_TEXT}`)),
    pngChunk('zTXt', Buffer.concat([latin1('Author\0\0'), deflateSync(latin1(DEVICE_TEXT))])),
    pngChunk('iTXt', latin1(`XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>${GPS_TEXT}</x:xmpmeta>`)),
    pngChunk('eXIf', latin1(`MM\0*${DEVICE_TEXT}`)),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 30, 1, 2, 3])),
  ]);

/** A 1x1 lossless WebP's VP8L chunk. */
const VP8L = Buffer.from('VlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

const riffChunk = (type: string, data: Buffer) =>
  Buffer.concat([latin1(type), u32le(data.length), data, data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);

/** An extended WebP (VP8X, flags saying EXIF and XMP follow) with EXIF and XMP chunks. */
export function phoneWebp(): Buffer {
  const vp8x = Buffer.from([0x08 | 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([
    riffChunk('VP8X', vp8x),
    VP8L,
    riffChunk('EXIF', latin1(`MM\0*${GPS_TEXT}`)),
    riffChunk('XMP ', latin1(`<x:xmpmeta>${DEVICE_TEXT}</x:xmpmeta>`)),
  ]);
  return Buffer.concat([latin1('RIFF'), u32le(4 + body.length), latin1('WEBP'), body]);
}

/** The first bytes of each accepted type, as real files begin. */
export const HEADS: Record<string, Buffer> = {
  'image/jpeg': phoneJpeg(),
  'image/png': png(),
  'image/gif': latin1(
    'GIF89a\x01\0\x01\0\x80\0\0\xff\xff\xff\0\0\0!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;',
  ),
  'image/webp': phoneWebp(),
  'application/pdf': latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
  'audio/mpeg': Buffer.from([0xff, 0xfb, 0x90, 0x64, ...new Array<number>(60).fill(0)]),
  'audio/ogg': latin1('OggS\0\x02\0\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0\0\0\0\0\x01\x1e\x01vorbis\0\0\0\0\x02'),
  'audio/wav': Buffer.concat([latin1('RIFF'), u32le(36), latin1('WAVEfmt '), u32le(16), Buffer.alloc(16)]),
  'audio/flac': Buffer.concat([latin1('fLaC\0\0\0\x22'), Buffer.alloc(34)]),
  'audio/mp4': Buffer.concat([u32(24), latin1('ftypM4A \0\0\0\0M4A isom'), u32(8), latin1('free')]),
  'video/mp4': Buffer.concat([u32(24), latin1('ftypisom\0\0\x02\0isomiso2'), u32(8), latin1('free')]),
  'video/quicktime': Buffer.concat([u32(20), latin1('ftypqt  \0\0\x02\0qt  '), u32(8), latin1('wide')]),
  'video/webm': Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878102', 'hex'),
  'video/x-matroska': Buffer.from(
    '1a45dfa3a34286810142f7810142f2810442f38108428288' + '6d6174726f736b61' + '42878104',
    'hex',
  ),
};
