// The on-disk form of a sealed evidence file (see sealed-store.ts), and its writer. HEADER: magic, then a
// random 32-byte salt; the file's key is HKDF(organisation key, salt). Then chunks of exactly SEALED_CHUNK
// bytes: chunk i holds CHUNK plaintext bytes, sealed with AES-256-GCM, nonce = i, and associated data =
// (the caller's `ad`, i, whether it is the last chunk): a chunk moved, a file cut short or moved to
// another record does not open. A chunk's plaintext is a 4-byte count of the file's bytes it carries,
// then those bytes, then zeros; after the file's last byte come whole chunks that carry none, up to the
// bucket's count.
import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import type { promises as fsp } from 'node:fs';
import { FileDamagedError, FileTooLargeError } from './errors.ts';
import type { SniffResult } from './sniff.ts';

/** Plaintext bytes per chunk, including its 4-byte count. */
export const CHUNK = 64 * 1024;
export const PAYLOAD = CHUNK - 4;
const TAG = 16;
/** Bytes per chunk on disk. */
export const SEALED_CHUNK = CHUNK + TAG;
export const MAGIC = Buffer.from('AEV1', 'latin1');
export const HEADER = MAGIC.length + 32;
/** The fewest chunks a file takes (256 KiB): small files all look alike. */
const MIN_CHUNKS = 4;

/**
 * How many chunks a file of `size` bytes takes: its own, rounded up to keep only the top bits of the
 * count (Padmé, Nikitin et al. 2019): at most ~12% more, and a size says little more than its magnitude.
 */
export function bucketChunks(size: number): number {
  const n = Math.floor(size / PAYLOAD) + 1;
  if (n <= MIN_CHUNKS) return MIN_CHUNKS;
  const e = Math.floor(Math.log2(n));
  const mask = 2 ** (e - (Math.floor(Math.log2(e)) + 1)) - 1;
  return Math.ceil(n / (mask + 1)) * (mask + 1);
}

/** The size on disk of a stored file of `size` bytes. */
export const sealedSize = (size: number): number => HEADER + bucketChunks(size) * SEALED_CHUNK;

export const fileKey = (key: Buffer, salt: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', key, salt, 'amparo-evidence-file-v1', 32));

function nonce(index: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 4);
  return n;
}

function chunkAd(ad: string, index: number, final: boolean): Buffer {
  const bound = Buffer.from(ad, 'utf8');
  const tail = Buffer.alloc(13);
  tail.writeUInt32BE(bound.length, 0);
  tail.writeBigUInt64BE(BigInt(index), 4);
  tail[12] = final ? 1 : 0;
  return Buffer.concat([tail.subarray(0, 4), bound, tail.subarray(4)]);
}

export function sealChunk(key: Buffer, ad: string, index: number, final: boolean, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(index));
  cipher.setAAD(chunkAd(ad, index, final));
  const body = cipher.update(plain);
  cipher.final();
  return Buffer.concat([body, cipher.getAuthTag()], SEALED_CHUNK);
}

export function openChunk(key: Buffer, ad: string, index: number, final: boolean, sealed: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce(index));
    decipher.setAAD(chunkAd(ad, index, final));
    decipher.setAuthTag(sealed.subarray(CHUNK));
    return Buffer.concat([decipher.update(sealed.subarray(0, CHUNK)), decipher.final()]);
  } catch {
    throw new FileDamagedError(`chunk ${index} does not open`);
  }
}

/** Sealed chunks written at once (1 MiB). */
const WRITE_CHUNKS = 16;

/** Writes the chunks of one file as its bytes arrive, hashing them; `finish` pads to the bucket. */
export class ChunkWriter {
  private readonly plain = Buffer.alloc(CHUNK);
  private readonly hash = createHash('sha256');
  private sealed: Buffer[] = [];
  private fill = 0;
  private index = 0;
  private closed = false;
  size = 0;

  constructor(
    private readonly file: fsp.FileHandle,
    readonly type: SniffResult,
    private readonly key: Buffer,
    private readonly ad: string,
    private readonly maxBytes: number,
  ) {}

  async add(bytes: Buffer): Promise<void> {
    this.size += bytes.length;
    if (this.size > this.maxBytes) throw new FileTooLargeError(this.maxBytes);
    this.hash.update(bytes);
    for (let at = 0; at < bytes.length;) {
      const taken = bytes.copy(this.plain, 4 + this.fill, at, at + PAYLOAD - this.fill);
      this.fill += taken;
      at += taken;
      if (this.fill === PAYLOAD) await this.flush(false);
    }
  }

  private async flush(final: boolean): Promise<void> {
    this.plain.writeUInt32BE(this.fill, 0);
    this.plain.fill(0, 4 + this.fill);
    this.sealed.push(sealChunk(this.key, this.ad, this.index++, final, this.plain));
    this.fill = 0;
    if (this.sealed.length >= WRITE_CHUNKS || final) await this.write();
  }

  /** Writes the sealed chunks waiting, in one call. */
  private async write(): Promise<void> {
    const expected = this.sealed.length * SEALED_CHUNK;
    const { bytesWritten } = await this.file.writev(this.sealed);
    if (bytesWritten !== expected) throw new Error(`short write: ${bytesWritten} of ${expected} bytes`);
    this.sealed = [];
  }

  /** Pads to the bucket, syncs and closes the file; the SHA-256 of what was added. */
  async finish(): Promise<string> {
    const total = bucketChunks(this.size);
    while (this.index < total) await this.flush(this.index === total - 1);
    await this.file.sync();
    await this.close();
    return this.hash.digest('hex');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.file.close();
  }
}
