import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEADS, phoneJpeg } from '../../../tests/helpers/media-files.ts';
import { NotFoundError } from '../errors.ts';
import { FileDamagedError, FileTooLargeError, FileTypeError } from './errors.ts';
import {
  bucketChunks,
  hashSealed,
  openSealed,
  readSealed,
  removeSealed,
  sealedSize,
  storeSealed,
  sweepSealedTemp,
} from './sealed-store.ts';
import { CHUNK, SEALED_CHUNK } from './sealed-format.ts';

const MB = 1024 * 1024;
const SECRET = 'WITNESS-ANA-PEREZ-+58-412-000';
const key = randomBytes(32);
const ad = 'org:o1/incident:i1/evidence:e1';
const limit = { maxBytes: 50 * MB, ad };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Yields `bytes` in pieces of `size`, as a request body arrives. */
async function* pieces(bytes: Buffer, size = 7_919): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** A photo with the distinctive text repeated through it, `size` bytes long. */
function photo(size: number): Buffer {
  const head = phoneJpeg();
  const filler = Buffer.from(`${SECRET} `.repeat(Math.ceil(size / SECRET.length)), 'latin1');
  return Buffer.concat([head, filler]).subarray(0, size);
}

let dir: string;
beforeEach(() => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-evidence-')), 'files');
});
afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

const onDisk = (fileId: string) => path.join(dir, fileId);
const listing = () => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

async function rejectsDamaged(fileId: string, openAd = ad, openKey = key) {
  await expect(readSealed(dir, fileId, openKey, openAd)).rejects.toBeInstanceOf(FileDamagedError);
}

describe('storeSealed and openSealed', () => {
  it('stores what was uploaded: the hash at upload is the hash of what opens', async () => {
    const bytes = photo(300_000);
    const stored = await storeSealed(dir, pieces(bytes), key, limit);
    expect(stored).toMatchObject({ sha256: sha(bytes), size: bytes.length, type: { mime: 'image/jpeg' } });
    expect((await readSealed(dir, stored.fileId, key, ad)).equals(bytes)).toBe(true);
    expect(await hashSealed(dir, stored.fileId, key, ad)).toEqual({ sha256: sha(bytes), size: bytes.length });
    const streamed: Buffer[] = [];
    for await (const part of openSealed(dir, stored.fileId, key, ad)) streamed.push(part as Buffer);
    expect(sha(Buffer.concat(streamed))).toBe(stored.sha256);
  });

  it('takes a Node stream, and files that end on a chunk boundary, or are tiny', async () => {
    for (const size of [CHUNK - 4, 2 * (CHUNK - 4), 10]) {
      const bytes = Buffer.concat([HEADS['application/pdf']!, randomBytes(size)]).subarray(0, size);
      const stored = await storeSealed(dir, Readable.from(pieces(bytes, 65_536)), key, limit);
      expect(stored.type.mime, String(size)).toBe('application/pdf');
      expect(sha(await readSealed(dir, stored.fileId, key, ad)), String(size)).toBe(sha(bytes));
    }
  });

  it('leaves nothing on disk to read: no plaintext, a random name, private modes, a bucketed size', async () => {
    const bytes = photo(200_000);
    const stored = await storeSealed(dir, pieces(bytes), key, limit);
    expect(listing()).toEqual([stored.fileId]);
    expect(stored.fileId).toMatch(/^[a-z2-9]{24}$/);
    const disk = fs.readFileSync(onDisk(stored.fileId));
    expect(disk.includes(SECRET)).toBe(false);
    expect(disk.includes('Exif')).toBe(false);
    expect(disk.length).toBe(sealedSize(bytes.length));
    expect(fs.statSync(onDisk(stored.fileId)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    // Two files of different sizes in one bucket cannot be told apart by size.
    const other = await storeSealed(dir, pieces(photo(20_000)), key, limit);
    expect(fs.statSync(onDisk(other.fileId)).size).toBe(disk.length);
    expect(other.fileId).not.toBe(stored.fileId);
  });

  it('fails to open a flipped byte anywhere: header, data or padding', async () => {
    const stored = await storeSealed(dir, pieces(photo(150_000)), key, limit);
    const original = fs.readFileSync(onDisk(stored.fileId));
    for (const at of [0, 10, 40, 40 + SEALED_CHUNK + 5, original.length - 1]) {
      const changed = Buffer.from(original);
      changed[at] = changed[at]! ^ 0x01;
      fs.writeFileSync(onDisk(stored.fileId), changed);
      await rejectsDamaged(stored.fileId);
    }
  });

  it('fails to open a file cut short, with its chunks swapped, under another record or key', async () => {
    const stored = await storeSealed(dir, pieces(photo(150_000)), key, limit);
    const original = fs.readFileSync(onDisk(stored.fileId));
    const header = original.length - bucketChunks(150_000) * SEALED_CHUNK;
    const chunk = (i: number) => original.subarray(header + i * SEALED_CHUNK, header + (i + 1) * SEALED_CHUNK);
    const variants = [
      original.subarray(0, original.length - SEALED_CHUNK), // the last chunk dropped
      original.subarray(0, original.length - 100),
      Buffer.concat([original.subarray(0, header), chunk(1), chunk(0), chunk(2)]),
    ];
    for (const variant of variants) {
      fs.writeFileSync(onDisk(stored.fileId), variant);
      await rejectsDamaged(stored.fileId);
    }
    fs.writeFileSync(onDisk(stored.fileId), original);
    await rejectsDamaged(stored.fileId, 'org:o1/incident:i2/evidence:e1');
    await rejectsDamaged(stored.fileId, ad, randomBytes(32));
    await expect(readSealed(dir, stored.fileId, key, '')).rejects.toThrow(/bound to its record/);
    expect((await hashSealed(dir, stored.fileId, key, ad)).size).toBe(150_000);
  });

  it('ends the stream with the error when a later chunk was changed', async () => {
    const stored = await storeSealed(dir, pieces(photo(200_000)), key, limit);
    const changed = fs.readFileSync(onDisk(stored.fileId));
    changed[changed.length - SEALED_CHUNK - 3]! ^= 0x80;
    fs.writeFileSync(onDisk(stored.fileId), changed);
    const stream = openSealed(dir, stored.fileId, key, ad);
    await expect(async () => {
      for await (const part of stream) void part;
    }).rejects.toBeInstanceOf(FileDamagedError);
  });
});

describe('what storeSealed refuses leaves nothing behind', () => {
  it('a text file renamed .jpg, an HTML page, an empty file', async () => {
    for (const body of ['Just a note, saved as photo.jpg', '<!DOCTYPE html><script>alert(1)</script>', '']) {
      await expect(storeSealed(dir, pieces(Buffer.from(body)), key, limit)).rejects.toBeInstanceOf(FileTypeError);
    }
    expect(listing()).toEqual([]);
  });

  it('a file whose declared type or name says another type than its content', async () => {
    const jpeg = photo(100_000);
    for (const claim of [{ declaredMime: 'image/png' }, { fileName: 'march.png' }, { declaredMime: 'text/html' }]) {
      await expect(storeSealed(dir, pieces(jpeg), key, { ...limit, ...claim })).rejects.toBeInstanceOf(FileTypeError);
    }
    expect(listing()).toEqual([]);
    const honest = { ...limit, declaredMime: 'image/jpeg', fileName: 'IMG_0042.JPG' };
    expect((await storeSealed(dir, pieces(jpeg), key, honest)).type.mime).toBe('image/jpeg');
  });

  it('an upload over the limit, found late or early', async () => {
    await expect(storeSealed(dir, pieces(photo(600_000)), key, { maxBytes: 500_000, ad })).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    await expect(storeSealed(dir, pieces(photo(3_000), 3_000), key, { maxBytes: 1_000, ad })).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    expect(listing()).toEqual([]);
  });

  it('an upload cut off by the network', async () => {
    async function* broken() {
      yield photo(200_000);
      throw new Error('connection reset');
    }
    await expect(storeSealed(dir, broken(), key, limit)).rejects.toThrow('connection reset');
    expect(listing()).toEqual([]);
  });
});

describe('removeSealed', () => {
  it('removes a stored file, once; refuses a name that is not an id', async () => {
    const stored = await storeSealed(dir, pieces(photo(10_000)), key, limit);
    expect(await removeSealed(dir, stored.fileId)).toBe(true);
    expect(listing()).toEqual([]);
    expect(await removeSealed(dir, stored.fileId)).toBe(false);
    await expect(removeSealed(dir, '../../etc/passwd')).rejects.toBeInstanceOf(NotFoundError);
    await expect(readSealed(dir, stored.fileId, key, ad)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('sweepSealedTemp', () => {
  it('removes old half-written uploads, and nothing else', async () => {
    const stored = await storeSealed(dir, pieces(photo(10_000)), key, limit);
    const old = path.join(dir, '.abcdefghjkmnpqrstuvwxyz2.tmp');
    const fresh = path.join(dir, '.23456789abcdefghjkmnpqrs.tmp');
    const other = path.join(dir, 'notes.tmp');
    for (const file of [old, fresh, other]) fs.writeFileSync(file, 'partial');
    const now = Date.parse('2030-01-01T12:00:00Z');
    fs.utimesSync(old, new Date(now - 2 * 3600_000), new Date(now - 2 * 3600_000));
    fs.utimesSync(fresh, new Date(now - 60_000), new Date(now - 60_000));
    expect(await sweepSealedTemp(dir, 3600_000, now)).toBe(1);
    expect(listing().sort()).toEqual([path.basename(fresh), stored.fileId, 'notes.tmp'].sort());
    expect(await sweepSealedTemp(path.join(dir, 'missing'), 0)).toBe(0);
  });
});

describe('cost', () => {
  it('streams 20 MB at a measured speed, with padding under 13%', async () => {
    const bytes = Buffer.concat([HEADS['video/mp4']!, randomBytes(20 * MB)]).subarray(0, 20 * MB);
    let started = performance.now();
    const stored = await storeSealed(dir, pieces(bytes, 64 * 1024), key, limit);
    const writeSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const opened = await hashSealed(dir, stored.fileId, key, ad);
    const readSeconds = (performance.now() - started) / 1000;
    expect(opened.sha256).toBe(sha(bytes));
    const overhead = fs.statSync(onDisk(stored.fileId)).size / bytes.length - 1;
    expect(overhead).toBeLessThan(0.13);
    let worst = 0;
    for (let size = 1 * MB; size < 200 * MB; size += 97 * 1024) worst = Math.max(worst, sealedSize(size) / size - 1);
    expect(worst).toBeLessThan(0.13);
    console.log(
      `evidence store, 20 MB: store ${(20 / writeSeconds).toFixed(0)} MB/s, open+hash ${(20 / readSeconds).toFixed(0)} MB/s; ` +
        `padding ${(overhead * 100).toFixed(1)}% here, worst ${(worst * 100).toFixed(1)}% for 1-200 MB`,
    );
  });
});
