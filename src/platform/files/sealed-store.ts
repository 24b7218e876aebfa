// Evidence files at rest: one encrypted file each in a directory of the server's, for someone who takes
// the disk to learn nothing from. Names are random (never the uploader's name, never from the content),
// contents are AES-256-GCM under a key of the file's own (sealed-format.ts), and sizes are rounded up to
// a bucket.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { NotFoundError } from '../errors.ts';
import { newId } from '../ids.ts';
import { FileDamagedError, FileTooLargeError, FileTypeError } from './errors.ts';
import { HEADER, MAGIC, PAYLOAD, SEALED_CHUNK, fileKey, openChunk, ChunkWriter } from './sealed-format.ts';
import { SNIFF_BYTES, declaredMatches, nameMatches, sniffType, type SniffResult } from './sniff.ts';

export { bucketChunks, sealedSize } from './sealed-format.ts';

const ID_LENGTH = 24;
const ID = /^[a-hjkmnp-z2-9]{24}$/;

export interface StoredFile {
  fileId: string;
  /** SHA-256 of the file as uploaded, hex. */
  sha256: string;
  size: number;
  type: SniffResult;
}

export type Source = AsyncIterable<Buffer | Uint8Array | string>;

export interface StoreOptions {
  /** Past this many bytes the upload is refused. */
  maxBytes: number;
  /** The record the file belongs to (e.g. `org:…/incident:…/evidence:…`): it opens only with the same. */
  ad: string;
  /** The type the upload declared, and the name it came with: refused if either says another type. */
  declaredMime?: string;
  fileName?: string;
}

/** A 32-byte key, and a record to bind to: an empty `ad` would let a file be moved between records. */
function checkKey(key: Buffer, ad: string): void {
  if (key.length !== 32) throw new Error('the key must be 32 bytes');
  if (ad === '') throw new Error('a sealed file must be bound to its record (ad)');
}

function filePath(dir: string, fileId: string): string {
  if (!ID.test(fileId)) throw new NotFoundError('not a stored file id');
  return path.join(dir, fileId);
}

const toBuffer = (piece: Buffer | Uint8Array | string): Buffer =>
  Buffer.isBuffer(piece) ? piece : typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece);

async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The store's directory, made private to the server's user. */
async function ensureDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  await fsp.chmod(dir, 0o700);
}

/**
 * Stores an upload sealed under `key` (the organisation's), bound to `ad` (the record it belongs to), as it
 * streams in. Its type is read from its first bytes before anything is written: FileTypeError if not an
 * accepted type; FileTooLargeError past `maxBytes`. Either way, and on any other failure, nothing is left.
 */
export async function storeSealed(dir: string, source: Source, key: Buffer, opts: StoreOptions): Promise<StoredFile> {
  checkKey(key, opts.ad);
  const fileId = newId(ID_LENGTH);
  const temp = path.join(dir, `.${fileId}.tmp`);
  let head: Buffer[] = [];
  let headSize = 0;
  let writer: ChunkWriter | undefined;
  let opened = false;

  const start = async (): Promise<ChunkWriter> => {
    const type = sniffType(Buffer.concat(head).subarray(0, SNIFF_BYTES));
    if (!type) throw new FileTypeError('not an accepted type of file');
    if (opts.declaredMime !== undefined && !declaredMatches(opts.declaredMime, type)) {
      throw new FileTypeError(`declared ${opts.declaredMime}, is ${type.mime}`);
    }
    if (opts.fileName !== undefined && !nameMatches(opts.fileName, type)) {
      throw new FileTypeError(`named as another type, is ${type.mime}`);
    }
    await ensureDir(dir);
    const file = await fsp.open(temp, 'wx', 0o600);
    opened = true;
    const salt = randomBytes(32);
    const started = new ChunkWriter(file, type, fileKey(key, salt), opts.ad, opts.maxBytes);
    try {
      await file.write(Buffer.concat([MAGIC, salt]));
      for (const piece of head) await started.add(piece);
    } catch (error) {
      await file.close();
      throw error;
    }
    head = [];
    return started;
  };

  try {
    for await (const piece of source) {
      const bytes = toBuffer(piece);
      if (writer) {
        await writer.add(bytes);
        continue;
      }
      head.push(bytes);
      headSize += bytes.length;
      if (headSize > opts.maxBytes) throw new FileTooLargeError(opts.maxBytes);
      if (headSize >= SNIFF_BYTES) writer = await start();
    }
    writer ??= await start();
    const sha256 = await writer.finish();
    await fsp.rename(temp, path.join(dir, fileId));
    await syncDir(dir);
    return { fileId, sha256, size: writer.size, type: writer.type };
  } catch (error) {
    await writer?.close();
    if (opened) await fsp.rm(temp, { force: true });
    throw error;
  }
}

async function* decrypt(dir: string, fileId: string, key: Buffer, ad: string): AsyncGenerator<Buffer> {
  checkKey(key, ad);
  const target = filePath(dir, fileId);
  const file = await fsp.open(target, 'r').catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new NotFoundError('no such stored file') : error;
  });
  try {
    const { size } = await file.stat();
    const count = (size - HEADER) / SEALED_CHUNK;
    const header = Buffer.alloc(HEADER);
    await file.read(header, 0, HEADER, 0);
    if (!Number.isInteger(count) || count < 1 || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new FileDamagedError('not a sealed file of this store, or cut short');
    }
    const chunkKey = fileKey(key, header.subarray(MAGIC.length));
    const sealed = Buffer.alloc(SEALED_CHUNK);
    let ended = false;
    for (let i = 0; i < count; i++) {
      const { bytesRead } = await file.read(sealed, 0, SEALED_CHUNK, HEADER + i * SEALED_CHUNK);
      if (bytesRead !== SEALED_CHUNK) throw new FileDamagedError('cut short while reading');
      const plain = openChunk(chunkKey, ad, i, i === count - 1, sealed);
      const used = plain.readUInt32BE(0);
      if (used > PAYLOAD || (ended && used > 0)) throw new FileDamagedError(`chunk ${i} is malformed`);
      if (used > 0) yield plain.subarray(4, 4 + used);
      if (used < PAYLOAD) ended = true;
    }
  } finally {
    await file.close();
  }
}

/**
 * The stored file's bytes as a stream. Every chunk is checked before its bytes are passed on; a changed,
 * cut-short or moved file ends the stream with FileDamagedError, so whoever reads it must treat an error
 * as "this copy is not the evidence" (and not keep what came before it).
 */
export function openSealed(dir: string, fileId: string, key: Buffer, ad: string): Readable {
  return Readable.from(decrypt(dir, fileId, key, ad), { objectMode: false });
}

/** The whole stored file in memory (for the small things: an image to strip before publishing). */
export async function readSealed(dir: string, fileId: string, key: Buffer, ad: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of decrypt(dir, fileId, key, ad)) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

/** SHA-256 and size of the stored file's plaintext: for checking it still matches what was uploaded. */
export async function hashSealed(
  dir: string,
  fileId: string,
  key: Buffer,
  ad: string,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const part of decrypt(dir, fileId, key, ad)) {
    hash.update(part);
    size += part.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Overwrites the stored file with random bytes, then removes it. False when there was none. (On SSDs and
 * journalling or copy-on-write file systems old blocks may survive an overwrite: they stay ciphertext.)
 */
export async function removeSealed(dir: string, fileId: string): Promise<boolean> {
  const target = filePath(dir, fileId);
  let file: fsp.FileHandle;
  try {
    file = await fsp.open(target, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const { size } = await file.stat();
    for (let at = 0; at < size; at += 1 << 20)
      await file.write(randomBytes(Math.min(1 << 20, size - at)), 0, undefined, at);
    await file.sync();
  } finally {
    await file.close();
  }
  await fsp.unlink(target);
  await syncDir(dir);
  return true;
}

const TEMP = /^\.[a-hjkmnp-z2-9]{24}\.tmp$/;

/**
 * Removes what uploads cut off by a crash left behind (their half-written temporary files), older than
 * `olderThanMs` so that uploads still arriving are not touched. How many it removed.
 */
export async function sweepSealedTemp(dir: string, olderThanMs: number, now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names.filter((n) => TEMP.test(n))) {
    const stat = await fsp.stat(path.join(dir, name)).catch(() => null);
    if (!stat || now - stat.mtimeMs < olderThanMs) continue;
    await fsp.rm(path.join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
