import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { cliOperator } from '../../platform/access.ts';
import { LOCALES } from '../../platform/i18n/index.ts';
import { loadFlows } from '../triage/service.ts';
import { offlineEdition } from './service.ts';
import { SHIPPED_MECHANISMS } from '../../../tests/helpers/shipped.ts';

const BUDGET_BYTES = 300 * 1024;
let env: TestEnv;
// A day no shipped record carries as its verification date, and not today: only the clock can put it there.
const clock = new TestClock(new Date('2025-02-07T12:00:00Z'));
beforeAll(async () => {
  env = await testEnv({ clock });
});
afterAll(() => env.close());

describe('offline edition', () => {
  it.each(LOCALES)('%s fits the 300 KB budget', async (locale) => {
    const html = await offlineEdition(env.ctx, cliOperator, locale);
    const bytes = Buffer.byteLength(html);
    console.log(`offline edition ${locale}: ${(bytes / 1024).toFixed(1)} KB (budget 300 KB)`);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('holds every mechanism and every step of every flow, and its build date', async () => {
    const html = await offlineEdition(env.ctx, cliOperator, 'es');
    for (const id of ['access-now-helpline', 'civicert', 'ogp-rapid-response-protocol'])
      expect(html).toContain(`id="m-${id}"`);
    expect(html.match(/<article class="mechanism card"/g)).toHaveLength(SHIPPED_MECHANISMS);
    for (const flow of loadFlows(env.ctx).flows.values()) {
      for (const [id, node] of Object.entries(flow.nodes)) {
        if (node.type !== 'context') expect(html, `${flow.id}/${id}`).toContain(`id="s-${flow.id}-${id}"`);
      }
    }
    expect(html).toContain('7 de febrero de 2025'); // built on (the test clock's day)
  });

  it('allows only its own inline style and script, by hash, and loads nothing', async () => {
    const html = await offlineEdition(env.ctx, cliOperator, 'ar');
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)![1]!.replace(/&#39;/g, "'");
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    const hash = (text: string) => createHash('sha256').update(text).digest('base64');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/);
    expect(html).not.toMatch(/\ssrc=/);
    expect(style).not.toMatch(/url\(|@import/);
    expect(html).toContain('<html lang="ar" dir="rtl">');
  });

  it('is served at /{locale}/offline as a file to save', async () => {
    const res = await env.app.request('/ru/offline');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="amparo-ru.html"');
    expect(await res.text()).toBe(await offlineEdition(env.ctx, cliOperator, 'ru'));
  });
});
