// The server's own origin comes from configuration, never from the request's Host header: redirects
// point there, the CSRF check compares against it, and HSTS is sent only when that origin is https.
// Signed-in answers are private, but the fingerprinted static assets stay cacheable for everyone.
import { serve, type ServerType } from '@hono/node-server';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPlatformUser, signInAs } from '../../../tests/helpers/accounts.ts';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { buildConfig, ownOrigins, publicOrigin } from '../../config/config.ts';
import { assetUrl } from '../../ui/assets.ts';

/** A raw HTTP request, so the Host header is exactly what an attacker sends. */
function rawRequest(
  port: number,
  options: { method?: string; path: string; headers: Record<string, string>; body?: string },
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const HOSTILE = 'evil.example:8080';

describe('the public origin comes from configuration', () => {
  let env: TestEnv;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    // No AMPARO_PUBLIC_URL: the origin is http://AMPARO_HOST:AMPARO_PORT.
    env = await testEnv({ config: { host: '127.0.0.1', port: 8123, publicUrl: undefined } });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: env.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await env.close();
  });

  it("is http://host:port without AMPARO_PUBLIC_URL, and that URL's origin with it", () => {
    expect(publicOrigin(buildConfig({}, { host: '127.0.0.1', port: 8123, publicUrl: undefined }))).toBe(
      'http://127.0.0.1:8123',
    );
    expect(publicOrigin(buildConfig({}, { host: '::1', port: 80, publicUrl: undefined }))).toBe('http://[::1]'); // as a browser sends it: no default port
    expect(publicOrigin(buildConfig({}, { publicUrl: 'https://amparo.example.org/' }))).toBe(
      'https://amparo.example.org',
    );
  });

  it('redirects to the configured origin, whatever the Host header says', async () => {
    const res = await rawRequest(port, { path: '/en/support/', headers: { host: HOSTILE } });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('http://127.0.0.1:8123/en/support');
    for (const path of ['/', '/en/account', '/en/curate']) {
      const other = await rawRequest(port, { path, headers: { host: HOSTILE, 'accept-language': 'es' } });
      expect(other.status, path).toBeGreaterThanOrEqual(300);
      expect(other.headers.location ?? '', path).not.toContain('evil.example');
    }
  });

  it('refuses a post whose Origin matches the hostile Host header, and accepts the configured origin', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams({
      kind: 'new',
      name: 'Host Test Fund',
      website: 'https://host.example.org',
      details: 'Checks which origin the CSRF test trusts.',
    }).toString();
    const hostile = await rawRequest(port, {
      method: 'POST',
      path: '/en/support/suggest',
      headers: { ...form, host: HOSTILE, origin: `http://${HOSTILE}` },
      body,
    });
    expect(hostile.status).toBe(403);
    const ours = await rawRequest(port, {
      method: 'POST',
      path: '/en/support/suggest',
      headers: { ...form, host: HOSTILE, origin: 'http://127.0.0.1:8123' },
      body,
    });
    expect(ours.status).toBe(303);
  });

  it('on a loopback address, also accepts the same port as localhost or [::1] (what a person types), and nothing else', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = (name: string) =>
      new URLSearchParams({
        kind: 'new',
        name,
        website: 'https://host.example.org',
        details: 'Checks which origin the CSRF test trusts.',
      }).toString();
    for (const origin of ['http://localhost:8123', 'http://[::1]:8123']) {
      const res = await rawRequest(port, {
        method: 'POST',
        path: '/en/support/suggest',
        headers: { ...form, host: 'localhost:8123', origin },
        body: body(`Alias ${origin}`),
      });
      expect(res.status, origin).toBe(303);
    }
    for (const origin of [
      'http://localhost:8124',
      'https://localhost:8123',
      'http://127.0.0.2:8123',
      'http://localhost.evil.example:8123',
    ]) {
      const res = await rawRequest(port, {
        method: 'POST',
        path: '/en/support/suggest',
        headers: { ...form, host: 'localhost:8123', origin },
        body: body('Refused'),
      });
      expect(res.status, origin).toBe(403);
    }
    expect(ownOrigins(buildConfig({}, { host: '0.0.0.0', port: 8123, publicUrl: undefined }))).toEqual([
      'http://0.0.0.0:8123',
    ]);
    expect(
      ownOrigins(buildConfig({}, { host: '127.0.0.1', port: 8123, publicUrl: 'https://amparo.example.org' })),
    ).toEqual(['https://amparo.example.org']);
  });

  it('never sends HSTS over plain http', async () => {
    for (const path of ['/en', '/en', '/en/support', assetUrl['app.css']!]) {
      const res = await env.app.request(path); // the second /en is a page cache hit
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });
});

describe('an https public origin', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv({ config: { publicUrl: 'https://amparo.example.org' } });
  });
  afterAll(() => env.close());

  it('sends HSTS on rendered pages and on page cache hits', async () => {
    for (const path of ['/en/support', '/en/support']) {
      const res = await env.app.request(`https://amparo.example.org${path}`);
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    }
  });
});

describe('signed-in answers', () => {
  let env: TestEnv;
  let cookie: string;
  beforeAll(async () => {
    env = await testEnv({ seed: false });
    cookie = await signInAs(env, await addPlatformUser(env, 'curator'));
  });
  afterAll(() => env.close());

  it('are no-store, while the fingerprinted assets keep their long immutable caching', async () => {
    const page = await env.app.request('/en/dashboard', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const assets = Object.values(assetUrl);
    expect(assets.length).toBeGreaterThanOrEqual(3); // the stylesheet, the icon and the client scripts
    for (const url of assets) {
      const res = await env.app.request(url, { headers: { cookie } });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe('public, max-age=31536000, immutable');
    }
  });
});
