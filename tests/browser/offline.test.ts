// The offline edition opened from disk in Chromium with the network blocked: it must not even try
// to load anything, search and flows must work with JavaScript, and everything must be there without.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDirectory } from '../../src/features/directory/service.ts';
import { offlineEdition } from '../../src/features/offline/service.ts';
import { cliOperator } from '../../src/platform/access.ts';
import { testEnv, type TestEnv } from '../helpers/context.ts';
import { chromiumAvailable, launchBrowser } from './browser.ts';
import { SHIPPED_MECHANISMS } from '../helpers/shipped.ts';

describe.skipIf(!chromiumAvailable())('offline edition in a browser', () => {
  let browser: Browser;
  let env: TestEnv;
  let file: string;
  let url: string;

  beforeAll(async () => {
    env = await testEnv();
    file = path.join(env.dataDir, 'amparo-es.html');
    fs.writeFileSync(file, await offlineEdition(env.ctx, cliOperator, 'es'));
    url = `file://${file}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  /** A context where every request but the file itself is refused and counted. */
  async function offlineContext(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; attempts: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled, offline: true });
    context.setDefaultTimeout(10_000); // a stuck step fails fast and names itself
    const attempts: string[] = [];
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested === url) return route.continue();
      attempts.push(requested);
      return route.abort();
    });
    context.on('request', (request) => {
      if (request.url() !== url && !attempts.includes(request.url())) attempts.push(request.url());
    });
    return { context, attempts };
  }

  it('attempts zero network requests, and finds a mechanism by a word of its summary', async () => {
    const { context, attempts } = await offlineContext(true);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    expect(await page.locator('#directory-tools').isVisible()).toBe(true);
    await page.fill('#q', 'phonebook');
    const visible = page.locator('.mechanism:visible');
    expect(await visible.count()).toBe(1);
    expect(await visible.first().getAttribute('id')).toBe('m-vuka-protestor-phonebook');
    // A Spanish word for a need, through the file's synonyms: every legal aid or legal guide record shows.
    const legal = (await listDirectory(env.ctx, cliOperator))
      .filter((m) => m.kinds.some((k) => k === 'legal-aid' || k === 'legal-guide'))
      .map((m) => `m-${m.id}`);
    expect(legal.length).toBeGreaterThan(0);
    await page.fill('#q', 'mi abogado');
    const shown = await page.locator('.mechanism:visible').evaluateAll((els) => els.map((e) => e.id));
    expect(shown).toEqual(expect.arrayContaining(legal));
    await page.fill('#q', '');
    await page.selectOption('#f-kind', 'digital-security-helpline');
    await page.check('#always-on');
    const all = await listDirectory(env.ctx, cliOperator);
    const lines = all
      .filter((m) => m.alwaysOn && m.kinds.includes('digital-security-helpline'))
      .map((m) => `m-${m.id}`);
    expect(lines.length).toBeGreaterThan(0);
    expect(await page.locator('.mechanism:visible').evaluateAll((els) => els.map((e) => e.id))).toEqual(lines);
    // A region keeps the records that work there and the global ones (marked once, not region by region).
    await page.uncheck('#always-on');
    await page.selectOption('#f-kind', '');
    await page.selectOption('#f-region', 'mena');
    const mena = all.filter((m) => m.regions.some((r) => r === 'mena' || r === 'global')).map((m) => `m-${m.id}`);
    expect(mena.length).toBeLessThan(all.length);
    expect(await page.locator('.mechanism:visible').evaluateAll((els) => els.map((e) => e.id))).toEqual(mena);
    expect(attempts).toEqual([]);
    expect(errors, 'CSP or script errors').toEqual([]);
    await context.close();
  });

  it('walks a flow to an outcome, one step at a time, with the back button', async () => {
    const { context, attempts } = await offlineContext(true);
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.locator('.step:visible').count()).toBe(1);
    for (let i = 0; i < 10; i++) {
      const step = page.locator('.step:visible');
      if ((await step.locator('ol.steps').count()) > 0) break; // an outcome: first aid is listed
      const link = step.locator('a.choice').first();
      const target = (await link.getAttribute('href'))!;
      await link.click();
      // The script shows the next step on hashchange: wait for it before reading the page again.
      await page.locator(target).waitFor({ state: 'visible' });
    }
    const outcome = page.locator('.step:visible');
    expect(await outcome.count()).toBe(1);
    expect(await outcome.locator('ol.steps li').count()).toBeGreaterThan(0);
    expect(await outcome.locator('a[href^="#m-"]').count()).toBeGreaterThan(0);
    // Going back within the file is a same-document (hash) navigation: there is no load event to await.
    await page.goBack({ waitUntil: 'commit' });
    await expect.poll(() => page.locator('.step:visible a.choice').count()).toBeGreaterThan(1);
    expect(attempts).toEqual([]);
    await context.close();
  });

  it('shows the whole directory and every step without JavaScript', async () => {
    const { context, attempts } = await offlineContext(false);
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.locator('.mechanism:visible').count()).toBe(SHIPPED_MECHANISMS);
    expect(await page.locator('.step:visible').count()).toBeGreaterThan(20);
    expect(await page.locator('#directory-tools').isVisible()).toBe(false);
    // The first answer is a working link to another section of the same file.
    const first = page.locator('.step a.choice').first();
    const target = (await first.getAttribute('href'))!;
    expect(target).toMatch(/^#s-/);
    expect(await page.locator(target).count()).toBe(1);
    expect(attempts).toEqual([]);
    await context.close();
  });
});
