import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from './helpers/context.ts';
import { mechanismSchema } from '../src/features/directory/schema.ts';
import { importMechanisms } from '../src/features/directory/service.ts';
import { cliOperator } from '../src/platform/access.ts';
import { SHIPPED_MECHANISMS } from './helpers/shipped.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

describe('page cache', () => {
  it('answers a repeat visit with the same page and ETag, and 304 when the browser has it', async () => {
    const first = await env.app.request('/en/support?kind=training');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const second = await env.app.request('/en/support?kind=training');
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe(await first.text());
    const revalidated = await env.app.request('/en/support?kind=training', { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    // Security headers are on cached answers too.
    expect(revalidated.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers a hit with exactly the headers of the miss that stored it', async () => {
    const miss = await env.app.request('/fr/support?theme=banking');
    const hit = await env.app.request('/fr/support?theme=banking');
    expect(Object.fromEntries(hit.headers)).toEqual(Object.fromEntries(miss.headers));
    expect(hit.headers.get('x-frame-options')).toBe('DENY');
  });

  it('logs a hit like any request: one line with the route pattern and status, never the path or query', async () => {
    await env.app.request('/ru/support?q=hitcanary');
    const mark = env.logs.length;
    const hit = await env.app.request('/ru/support?q=hitcanary');
    expect(hit.status).toBe(200);
    const lines = env.logs.slice(mark).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request',
        method: 'GET',
        route: '/:locale{(?:en|es|fr|ar|ru)}/support',
        status: 200,
      }),
    ]);
    expect(env.logs.slice(mark).join('\n')).not.toContain('hitcanary');
  });

  it("never answers a HEAD or a request with a session cookie with another request's page body", async () => {
    const page = await env.app.request('/en/support?kind=legal-aid');
    const head = await env.app.request('/en/support?kind=legal-aid', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(page.headers.get('etag'));
    expect(await head.text()).toBe('');
    const withSession = await env.app.request('/en/support?kind=legal-aid', {
      headers: { cookie: '__Host-amparo_session=not-a-real-one' },
    });
    expect(withSession.headers.get('etag')).toBeNull(); // rendered for this request, not taken from the cache
  });

  it('serves the same page gzipped to a browser that accepts it', async () => {
    const plain = await (await env.app.request('/es/support/civicert')).text();
    const zipped = await env.app.request('/es/support/civicert', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(plain);
  });

  it('keeps pages apart by locale and query', async () => {
    const en = await (await env.app.request('/en/support?q=bank')).text();
    const ru = await (await env.app.request('/ru/support?q=bank')).text();
    const other = await (await env.app.request('/en/support?q=helpline')).text();
    expect(en).toContain('lang="en"');
    expect(ru).toContain('lang="ru"');
    expect(other).not.toBe(en);
  });

  it('drops cached pages when the directory data changes', async () => {
    const before = await env.app.request('/en/support');
    expect(await before.text()).toContain(`${SHIPPED_MECHANISMS} results`);
    await importMechanisms(env.ctx, cliOperator, [
      mechanismSchema.parse({
        id: 'cache-test',
        name: 'Cache Test Fund',
        summary: 'A record added to see the cached list change.',
        kinds: ['emergency-grant'],
        serves: ['cso'],
        regions: ['global'],
        contact: { website: 'https://example.org' },
        verifiedAt: '2026-11-24',
        source: [{ title: 'Test' }],
        version: 1,
      }),
    ]);
    const after = await env.app.request('/en/support', { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain(`${SHIPPED_MECHANISMS + 1} results`);
  });
});
