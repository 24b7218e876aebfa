import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { multipartBoundary, streamMultipart, type FilePart } from './multipart.ts';

/** A body as a browser builds it from `form`, cut into pieces of `size` bytes as a network would. */
async function encoded(form: FormData): Promise<{ bytes: Buffer; boundary: string }> {
  const request = new Request('http://x/', { method: 'POST', body: form });
  const boundary = multipartBoundary(request.headers.get('content-type')!)!;
  return { bytes: Buffer.from(await request.arrayBuffer()), boundary };
}

async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function read(bytes: Buffer, boundary: string, size: number) {
  const seen: { fields: Record<string, string>; file: FilePart; data: Buffer }[] = [];
  const out = await streamMultipart(pieces(bytes, size), boundary, async (fields, file, stream) => {
    const parts: Buffer[] = [];
    for await (const p of stream) parts.push(p);
    seen.push({ fields, file, data: Buffer.concat(parts) });
    return 'stored';
  });
  return { ...out, seen };
}

// Bytes that look like the start of a delimiter (CR LF dash dash) inside the file, and every byte value.
const content = Buffer.concat([
  Buffer.from('\r\n--\r\n-'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.alloc(70_000, 7),
  Buffer.from('\r\n-'),
]);

describe('streamMultipart', () => {
  it('reads the fields before the file, then the file byte for byte, however the body is cut', async () => {
    const form = new FormData();
    form.set('_csrf', 'token-1');
    form.set('source', 'søurce ✓');
    form.set('file', new Blob([new Uint8Array(content)], { type: 'image/png' }), 'photo of ana.png');
    form.set('after', 'late');
    const { bytes, boundary } = await encoded(form);
    for (const size of [1, 7, 4096, 65_536, bytes.length]) {
      const { seen, fields, result } = await read(bytes, boundary, size);
      expect(result).toBe('stored');
      expect(seen).toHaveLength(1);
      expect(seen[0]!.fields).toEqual({ _csrf: 'token-1', source: 'søurce ✓' });
      expect(seen[0]!.file).toEqual({ name: 'file', filename: 'photo of ana.png', type: 'image/png' });
      expect(seen[0]!.data.equals(content), `pieces of ${size}`).toBe(true);
      expect(fields).toEqual({ _csrf: 'token-1', source: 'søurce ✓' }); // a field after the file is dropped
    }
  });

  it('hands on only the first file, and skips what the reader of a file leaves unread', async () => {
    const form = new FormData();
    form.set('a', new Blob([new Uint8Array(content)]), 'a.bin');
    form.set('b', new Blob([Buffer.from('second')]), 'b.bin');
    const { bytes, boundary } = await encoded(form);
    let calls = 0;
    const out = await streamMultipart(pieces(bytes, 1000), boundary, async (_f, file, stream) => {
      calls++;
      for await (const p of stream) return `${file.name}:${p.length > 0}`; // reads one piece only
      return 'empty';
    });
    expect(calls).toBe(1);
    expect(out.result).toBe('a:true');
  });

  it('gives undefined for a form without a file', async () => {
    const form = new FormData();
    form.set('x', '1');
    const { bytes, boundary } = await encoded(form);
    expect(await read(bytes, boundary, 10)).toMatchObject({ fields: { x: '1' }, result: undefined, seen: [] });
  });

  it('refuses a body cut short, one without its boundary, and a field past its size', async () => {
    const form = new FormData();
    form.set('x', 'y'.repeat(100));
    form.set('file', new Blob([new Uint8Array(content)]), 'f.bin');
    const { bytes, boundary } = await encoded(form);
    await expect(read(bytes.subarray(0, bytes.length - 60), boundary, 512)).rejects.toThrow(ValidationError);
    await expect(read(bytes, 'another-boundary', 512)).rejects.toThrow(ValidationError);
    const run = streamMultipart(pieces(bytes, 512), boundary, async () => 'x', 50);
    await expect(run).rejects.toThrow(ValidationError);
  });

  it('reads the rest of the body when the file is refused, then passes the refusal on', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(content)]), 'f.bin');
    const { bytes, boundary } = await encoded(form);
    let delivered = 0;
    async function* counted() {
      for await (const p of pieces(bytes, 1000)) {
        delivered += p.length;
        yield p;
      }
    }
    const refusal = new Error('not this kind of file');
    await expect(
      streamMultipart(counted(), boundary, async () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(delivered).toBe(bytes.length);
  });

  it('finds the boundary in a content type, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeNull();
    expect(multipartBoundary('multipart/form-data')).toBeNull();
  });
});
