import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { SHIPPED_MECHANISMS, shippedCheckedOn, shippedWithKind } from '../../../tests/helpers/shipped.ts';
import { formatDate } from '../../platform/i18n/index.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const get = (url: string, headers: Record<string, string> = {}) => env.app.request(url, { headers });

describe('locale routing', () => {
  it('redirects / by Accept-Language', async () => {
    const res = await get('/', { 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/ru');
    expect(res.headers.get('vary')).toMatch(/accept-language/i);
  });

  it.each(['en', 'es', 'fr', 'ar', 'ru'])('serves /%s/support in its language and direction', async (locale) => {
    const res = await get(`/${locale}/support`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
  });

  it('serves the start page and redirects a trailing slash to the canonical address', async () => {
    const home = await get('/ar');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('href="/ar/support/access-now-helpline"'); // the 24/7 services
    for (const [from, to] of [
      ['/en/', '/en'],
      ['/es/support/', '/es/support'],
      ['/fr/support/civicert/', '/fr/support/civicert'],
    ]) {
      const res = await get(from!);
      expect(res.status, from).toBe(301);
      expect(new URL(res.headers.get('location')!, 'http://x').pathname).toBe(to);
    }
  });

  it('links every language to the same page with the same filters', async () => {
    const html = await (await get('/en/support?kind=training&q=digital')).text();
    expect(html).toContain('href="/ar/support?kind=training&amp;q=digital"');
    expect(html).toContain('href="/ru/support?kind=training&amp;q=digital"');
  });

  it('shows the quick exit on every page, pointing to the configured neutral address', async () => {
    for (const url of ['/en', '/es/support', '/ar/support/access-now-helpline', '/fr/support/suggest', '/en/nowhere']) {
      const html = await (await get(url)).text();
      expect(html, url).toMatch(
        /<a class="exit" id="quick-exit" href="https:\/\/www\.wikipedia\.org\/" rel="noreferrer"/,
      );
    }
  });
});

describe('/support', () => {
  it('lists the whole directory with facet counts', async () => {
    const html = await (await get('/en/support')).text();
    expect(html).toContain(`${SHIPPED_MECHANISMS} results`);
    expect(html).toContain(
      `value="digital-security-helpline"/><span>Digital security helpline <span class="count">(${shippedWithKind('digital-security-helpline')})`,
    );
  });

  it('filters: a 24/7 digital security helpline serving Spanish speakers', async () => {
    const html = await (await get('/en/support?kind=digital-security-helpline&alwaysOn=1&lang=es')).text();
    expect(html).toContain('1 result');
    expect(html).toContain('href="/en/support/access-now-helpline"');
    expect(html).toMatch(/name="alwaysOn" value="1" checked=""/);
  });

  it('searches across name, operator and summary, ignoring accents and case', async () => {
    const byOperator = await (await get('/en/support?q=ACCESS%20NOW')).text();
    expect(byOperator).toContain('href="/en/support/access-now-helpline"');
    const accented = await (await get('/en/support?q=%C3%A9mergency')).text();
    expect(accented).toContain('href="/en/support/lifeline-fund"');
  });

  it('explains an empty result and links to the state without each filter', async () => {
    const html = await (await get('/en/support?kind=banking-guide&alwaysOn=1')).text();
    expect(html).toContain('No support found');
    expect(html).toContain('id="empty"');
    expect(html).toContain('href="/en/support?alwaysOn=1"'); // drop the kind
    expect(html).toContain('href="/en/support?kind=banking-guide"'); // drop 24/7
  });

  it('quotes the search text once when it suggests dropping it, even if the person typed quotes', async () => {
    for (const [q, shown] of [
      ['qqzzxx', 'qqzzxx'],
      ['"qqzzxx"', 'qqzzxx'],
      ['“qqzzxx”', 'qqzzxx'],
    ]) {
      const html = await (await get(`/en/support?kind=banking-guide&q=${encodeURIComponent(q!)}`)).text();
      expect(html, q).toContain('id="empty"');
      expect(html, q).toContain(`Remove “${shown}” to see`);
      expect(html, q).not.toMatch(/““|””|“&quot;|&quot;”/);
    }
    const es = await (await get('/es/support?kind=banking-guide&q=qqzzxx')).text();
    expect(es).toContain('Quita «qqzzxx» para ver');
  });

  it('leaves out a filter value it does not know, says so, and still shows results', async () => {
    const res = await get('/en/support?kind=%3Cscript%3E&kind=shelter&lang=english&alwaysOn=maybe');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('Some filters in this link were not recognised');
    expect(html).toContain('1 result'); // kind=shelter kept
    expect(html).toMatch(/value="shelter" checked=""/);
  });

  it('escapes the search text it echoes back', async () => {
    const html = await (await get('/en/support?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E')).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });
});

describe('/support/:id', () => {
  it('shows the record, how to reach it, when it was verified and similar support', async () => {
    const html = await (await get('/en/support/access-now-helpline')).text();
    expect(html).toContain('<h1 lang="en" dir="ltr">Digital Security Helpline</h1>');
    expect(html).toContain('href="https://www.accessnow.org/help/"');
    expect(html).toContain(`Facts last checked on ${formatDate('en', shippedCheckedOn('access-now-helpline'))}`);
    expect(html).toContain('Similar support');
    expect(html).toMatch(/href="\/en\/support\/(civicert|ddp-incident-response-fund|amnesty-security-lab)"/);
  });

  it("formats dates and language names in the reader's language", async () => {
    const html = await (await get('/es/support/access-now-helpline')).text();
    expect(html).toContain(formatDate('es', shippedCheckedOn('access-now-helpline'))); // e.g. "24 de noviembre de 2026"
    expect(html).toContain('filipino'); // ICU's Spanish name for tl
  });

  it('gives a friendly 404 for an unknown or malformed id, in the page language', async () => {
    for (const id of ['no-such-thing', '..%2F..%2Fetc%2Fpasswd', 'UPPER']) {
      const res = await get(`/fr/support/${id}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('lang="fr"');
      expect(html).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    }
  });
});

describe('every response', () => {
  it('carries strict security headers', async () => {
    const res = await get('/en/support');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  });

  it('loads nothing from another host and has no inline script or style', async () => {
    for (const url of ['/en', '/en/support', '/ar/support/civicert', '/en/support/suggest']) {
      const html = await (await get(url)).text();
      const loaded = [...html.matchAll(/<(?:link|script|img|iframe|source)\b[^>]*\b(?:href|src)="([^"]+)"/g)].map(
        (m) => m[1]!,
      );
      for (const src of loaded) expect(src, `${url} loads ${src}`).toMatch(/^\/(?!\/)/);
      // Scripts only from our own files (the CSP forbids inline ones): every <script> has a src and no body.
      for (const tag of html.match(/<script\b[^>]*>[^<]*<\/script>/g) ?? [])
        expect(tag).toMatch(/^<script src="\/assets\/[^"]+" defer=""><\/script>$/);
      expect(html).not.toMatch(/\sstyle="/);
    }
  });

  it('serves the fingerprinted stylesheet with long caching, gzip when asked', async () => {
    const html = await (await get('/en/support')).text();
    const href = html.match(/href="(\/assets\/app\.[0-9a-f]{10}\.css)"/)![1]!;
    const res = await get(href, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await get('/assets/app.0000000000.css')).status).toBe(404);
  });
});
