import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './env.ts';
import { streamingBodyLimit } from './middleware.ts';

class TooLarge extends Error {}

/** A route that counts what it reads, behind a limit of 1000 bytes; a body sent in pieces, without a length. */
function app() {
  let read = 0;
  const a = new Hono<AppEnv>()
    .use(streamingBodyLimit(1000, () => new TooLarge('too large')))
    .post('/', async (c) => {
      for await (const piece of c.req.raw.body!) read += piece.length;
      return c.text(String(read));
    })
    .onError((error, c) =>
      c.text(error instanceof TooLarge ? 'too large' : 'other', error instanceof TooLarge ? 413 : 500),
    );
  return { a, read: () => read };
}

function pieces(total: number, size = 100): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      controller.enqueue(new Uint8Array(Math.min(size, total - sent)));
      sent += size;
    },
  });
}

const post = (a: Hono<AppEnv>, body: BodyInit, headers: Record<string, string> = {}) =>
  a.request('/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('streamingBodyLimit', () => {
  it('passes a body within the limit through, as it arrives', async () => {
    const { a } = app();
    expect(await (await post(a, pieces(1000))).text()).toBe('1000');
  });

  it('stops a body without a length at the first piece past the limit, before reading the rest', async () => {
    const { a, read } = app();
    const res = await post(a, pieces(100_000));
    expect(res.status).toBe(413);
    expect(read()).toBeLessThanOrEqual(1000);
  });

  it('refuses a declared length past the limit without reading anything', async () => {
    const { a, read } = app();
    const res = await post(a, new Uint8Array(1001), { 'content-length': '1001' });
    expect(res.status).toBe(413);
    expect(read()).toBe(0);
  });
});
