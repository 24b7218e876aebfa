// A multipart/form-data body read as it arrives, for uploads too large to hold in memory: the text fields
// before the first file are collected (small, and checked as the middleware checks every form), then the
// file's bytes are handed on as a stream while they are still arriving. Fields after the file, and further
// files, are read and dropped: forms that upload put their other fields before the file input.
import { ValidationError } from '../errors.ts';

export interface FilePart {
  name: string;
  /** The name the browser sent, as given (it may identify someone: never use it to store or serve). */
  filename: string;
  type: string;
}

const MAX_HEADERS = 8 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

const malformed = () => new ValidationError({ body: { key: 'validation.unreadableForm' } });

/** The boundary of a multipart/form-data content type, or null when it is not one. */
export function multipartBoundary(contentType: string): string | null {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]!) : null;
}

/** One part's headers: its field name, and its file name and type when it is a file. */
function partHeaders(raw: string): { name: string; filename: string | null; type: string } {
  let name: string | null = null;
  let filename: string | null = null;
  let type = '';
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':');
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-type') type = value.toLowerCase();
    if (key !== 'content-disposition') continue;
    name = /;\s*name="([^"]*)"/i.exec(value)?.[1] ?? null;
    filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1] ?? null;
  }
  if (name === null) throw malformed();
  return { name, filename, type };
}

class Reader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buf = this.buf.length === 0 ? Buffer.from(next.value) : Buffer.concat([this.buf, next.value]);
    return true;
  }

  /** The bytes before `marker` (consumed with it); null when the body ends first. Holds at most `max`. */
  async until(marker: Buffer, max: number): Promise<Buffer | null> {
    for (;;) {
      const at = this.buf.indexOf(marker);
      if (at > max) throw malformed();
      if (at >= 0) {
        const before = this.buf.subarray(0, at);
        this.buf = this.buf.subarray(at + marker.length);
        return before;
      }
      if (this.buf.length > max + marker.length) throw malformed();
      if (!(await this.fill())) return null;
    }
  }

  /** The bytes before `marker` as they arrive, `marker` consumed at the end; malformed if the body ends first. */
  async *stream(marker: Buffer): AsyncGenerator<Buffer> {
    for (;;) {
      const at = this.buf.indexOf(marker);
      if (at >= 0) {
        if (at > 0) yield this.buf.subarray(0, at);
        this.buf = this.buf.subarray(at + marker.length);
        return;
      }
      // Keep what could be the start of the marker; pass on the rest.
      const safe = this.buf.length - (marker.length - 1);
      if (safe > 0) {
        const out = this.buf.subarray(0, safe);
        this.buf = this.buf.subarray(safe);
        yield out;
      }
      if (!(await this.fill())) throw malformed();
    }
  }

  async skip(marker: Buffer): Promise<void> {
    for await (const piece of this.stream(marker)) void piece;
  }

  /** Reads the rest of the body, keeping none of it. */
  async drain(): Promise<void> {
    this.buf = Buffer.alloc(0);
    while (await this.fill()) this.buf = Buffer.alloc(0);
  }

  async take(n: number): Promise<Buffer | null> {
    while (this.buf.length < n) if (!(await this.fill())) return null;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
}

/**
 * Hands the file's bytes to `use`. Whatever it leaves unread is skipped, so that the next part is found; when
 * it throws, the rest of the body is still read (and dropped) before the error goes on, so that a browser
 * still sending gets the answer instead of a closed connection.
 */
async function handFile<T>(
  reader: Reader,
  delimiter: Buffer,
  use: (bytes: AsyncIterable<Buffer>) => Promise<T>,
): Promise<T> {
  let ended = false;
  const bytes = async function* () {
    yield* reader.stream(delimiter);
    ended = true;
  };
  try {
    const result = await use(bytes());
    if (!ended) await reader.skip(delimiter);
    return result;
  } catch (error) {
    await reader.drain().catch(() => undefined);
    throw error;
  }
}

/**
 * Reads `body` (multipart/form-data with `boundary`): collects the text fields up to the first file part
 * (each at most `maxField` bytes), then calls `onFile` with them and the file's bytes as they arrive. What
 * `onFile` returns, or undefined when the form has no file. `onFile` must read the file to its end (or
 * throw). A body that is not well-formed multipart is a ValidationError.
 */
export async function streamMultipart<T>(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  onFile: (fields: Record<string, string>, file: FilePart, bytes: AsyncIterable<Buffer>) => Promise<T>,
  maxField = 64 * 1024,
): Promise<{ fields: Record<string, string>; result: T | undefined }> {
  const reader = new Reader(body[Symbol.asyncIterator]());
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.concat([CRLF, dash]);
  const fields: Record<string, string> = {};
  let result: T | undefined;
  let fileSeen = false;
  // The preamble (usually empty) ends at the first boundary.
  if ((await reader.until(dash, MAX_HEADERS)) === null) throw malformed();
  for (;;) {
    const after = await reader.take(2);
    if (after === null) throw malformed();
    if (after.toString('latin1') === '--') break;
    if (!after.equals(CRLF)) throw malformed();
    const raw = await reader.until(HEADERS_END, MAX_HEADERS);
    if (raw === null) throw malformed();
    const part = partHeaders(raw.toString('utf8'));
    if (part.filename !== null && !fileSeen) {
      fileSeen = true;
      const file: FilePart = { name: part.name, filename: part.filename, type: part.type };
      result = await handFile(reader, delimiter, (bytes) => onFile({ ...fields }, file, bytes));
      continue;
    }
    if (part.filename !== null || fileSeen) {
      await reader.skip(delimiter);
      continue;
    }
    const value = await reader.until(delimiter, maxField);
    if (value === null) throw malformed();
    if (Object.hasOwn(fields, part.name)) continue; // the first of a repeated name
    fields[part.name] = value.toString('utf8');
  }
  return { fields, result };
}
