import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { cliOperator } from '../../platform/access.ts';
import { listSuggestions } from './service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ config: { suggestionsPerHour: 5 } });
});
afterAll(() => env.close());

const good = {
  kind: 'new',
  name: 'Fondo Urgente Andino',
  website: 'https://fondo.example.org/',
  details: 'Emergency grants for human rights defenders in the Andes.',
  contact: 'reporter@example.org',
};

describe('GET /{locale}/support/suggest', () => {
  it('shows the form with a CSRF token, a hidden honeypot and every record to correct', async () => {
    const res = await env.app.request('/es/support/suggest?kind=correction&mechanism=civicert');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/amparo_csrf=[^;]+;.*HttpOnly.*SameSite=Strict/i);
    expect(html).toMatch(/<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{32}"/);
    expect(html).toContain('<div class="honey" aria-hidden="true">');
    expect(html).toMatch(/<option value="civicert" selected="">CiviCERT<\/option>/);
    expect(html).toMatch(/value="correction" checked=""/);
  });
});

describe('POST /{locale}/support/suggest', () => {
  it('re-renders with 422, a message per field and every value kept', async () => {
    const res = await postForm(env, '/en/support/suggest', {
      ...good,
      website: 'http://not-https.example',
      details: 'short',
      kinds: ['shelter', 'relocation'],
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Please correct 2 problems below.');
    expect(html).toContain('Enter a web address that starts with https://');
    expect(html).toContain('Please write at least 20 characters.');
    expect(html).toContain('value="Fondo Urgente Andino"');
    expect(html).toContain('value="http://not-https.example"');
    expect(html).toContain('>short</textarea>');
    expect(html).toContain('value="reporter@example.org"');
    expect(html).toMatch(/value="shelter" checked=""/);
    expect(html).toMatch(/value="relocation" checked=""/);
    expect(html).toMatch(/id="details"[^>]*aria-invalid="true"/);
  });

  it('shows field messages in the page language', async () => {
    const html = await (await postForm(env, '/ru/support/suggest', { kind: 'new' })).text();
    expect(html).toContain('lang="ru"');
    expect(html).not.toContain('Please fill this in.');
  });

  it('rejects a correction to a record that does not exist', async () => {
    const res = await postForm(env, '/en/support/suggest', {
      kind: 'correction',
      mechanism: 'made-up',
      details: 'The phone number changed last month.',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Please choose a record from the list.');
  });

  it('queues a valid suggestion (303 to thanks) and never puts it in the directory', async () => {
    const res = await postForm(env, '/en/support/suggest', {
      ...good,
      id: 'evil',
      status: 'approved',
      createdAt: '1999-01-01',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/en\/support\/suggest\/thanks\?ref=[a-z2-9]{12}$/);
    const ref = location.split('ref=')[1]!;
    const thanks = await (await env.app.request(location)).text();
    expect(thanks).toContain(ref);

    const queued = await listSuggestions(env.ctx, cliOperator, 'all');
    const mine = queued.find((s) => s.id === ref)!;
    expect(mine).toMatchObject({ status: 'pending', kind: 'new', payload: { name: good.name, contact: good.contact } });
    expect(queued.some((s) => s.id === 'evil')).toBe(false);
    expect(mine.createdAt.getFullYear()).toBeGreaterThan(2000);
    const directory = await (await env.app.request('/api/v1/support?q=Andino')).json();
    expect(directory).toMatchObject({ total: 0 });
  });

  it('stores what the person wrote sealed, not in plain text', async () => {
    const rows = await env.ctx.db.selectFrom('suggestions').select(['payload']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.payload).toMatch(/^v1\./);
      expect(row.payload).not.toContain('reporter@example.org');
      expect(row.payload).not.toContain('Andino');
    }
  });

  it('pretends success to a bot that fills the honeypot, and stores nothing', async () => {
    const before = (await listSuggestions(env.ctx, cliOperator, 'all')).length;
    const res = await postForm(env, '/en/support/suggest', { ...good, homepage: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/support/suggest/thanks');
    expect((await listSuggestions(env.ctx, cliOperator, 'all')).length).toBe(before);
  });

  it('refuses a cross-site post, and a post with no origin and no token', async () => {
    const cross = await postForm(env, '/en/support/suggest', good, { origin: 'https://attacker.example' });
    expect(cross.status).toBe(403);
    expect(await cross.text()).toContain('did not come from this site');
    const site = await env.app.request('/en/support/suggest', {
      method: 'POST',
      body: new URLSearchParams(good),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
    });
    expect(site.status).toBe(403);
    const bare = await env.app.request('/en/support/suggest', {
      method: 'POST',
      body: new URLSearchParams(good),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bare.status).toBe(403);
  });

  it('judges "Origin: null" (sent under Referrer-Policy: no-referrer) by Sec-Fetch-Site', async () => {
    const sameSite = await postForm(
      env,
      '/en/support/suggest',
      { kind: 'new' },
      { origin: 'null', 'sec-fetch-site': 'same-origin' },
    );
    expect(sameSite.status).toBe(422);
    const crossSite = await postForm(
      env,
      '/en/support/suggest',
      { kind: 'new' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    const neither = await postForm(env, '/en/support/suggest', { kind: 'new' }, { origin: 'null' });
    expect(neither.status).toBe(403);
  });

  it('accepts a post with no Origin when the double-submit token matches', async () => {
    const body = new URLSearchParams({ ...good, _csrf: 'A'.repeat(32) });
    const res = await env.app.request('/en/support/suggest', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `amparo_csrf=${'A'.repeat(32)}` },
    });
    expect(res.status).toBe(303);
  });

  it('limits suggestions globally (never by IP) and keeps the text when it does', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await postForm(
        env,
        '/en/support/suggest',
        { ...good, name: `Flood ${i}` },
        { 'x-forwarded-for': `10.0.0.${i}` },
      );
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await last!.text();
    expect(html).toContain('Many suggestions have arrived in a short time');
    expect(html).toMatch(/value="Flood \d"/);
  });

  it('answers an oversized body with 413, not a crash', async () => {
    const res = await postForm(env, '/en/support/suggest', { ...good, details: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
  });
});
