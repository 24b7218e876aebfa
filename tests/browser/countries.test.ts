// A country page and a comparison as a phone without JavaScript shows them, in Arabic: nothing wider
// than the 375 px window (tables scroll in their own region), the charts drawn left to right, the
// comparison chosen with the plain form, the forecast's reasons opened without script, and axe finds
// nothing serious.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { VDEM_DIR, vdemSubset } from '../../src/features/countries/fixtures.ts';
import { DEFAULT_PARAMS } from '../../src/features/countries/forecast/model.ts';
import { importVdem, makeForecasts } from '../../src/features/countries/service.ts';
import { cliOperator } from '../../src/platform/access.ts';
import { checkPage } from './axe.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

describe.skipIf(!chromiumAvailable() || !VDEM_DIR)('country pages in a browser', () => {
  const s = useBrowserAndApp({ seed: true });
  beforeAll(async () => {
    const dir = vdemSubset(['BLR', 'GEO', 'UKR', 'ARM']);
    expect((await importVdem(s.app.env.ctx, cliOperator, dir)).ok).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
    const params = { ...DEFAULT_PARAMS, trees: 5 };
    expect((await makeForecasts(s.app.env.ctx, cliOperator, { params })).ok).toBe(true);
  }, 60_000);

  const phone = () =>
    s.browser.newContext({ javaScriptEnabled: false, baseURL: s.app.origin, viewport: { width: 375, height: 800 } });

  it('a country page in Arabic fits a 375 px window and passes axe', async () => {
    const context = await phone();
    const page = await context.newPage();
    expect((await page.goto('/ar/countries/BY'))?.status()).toBe(200);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const svg = await page.locator('#space-associational-t').evaluate((t) => t.closest('svg')!.getBoundingClientRect());
    expect(svg.width).toBeGreaterThan(300);
    expect(svg.right).toBeLessThanOrEqual(375);
    // The figures open without script.
    await page.locator('details summary').first().click();
    await expect.poll(() => page.locator('details[open] table').first().isVisible()).toBe(true);
    // The forecast's reasons open without script too, and the page still fits.
    await page.locator('#forecast ~ details.forecast-reasons summary').first().click();
    await expect.poll(() => page.locator('details.forecast-reasons[open] li').first().isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
    await checkPage(s.browser, s.app.origin, '/ar/countries/BY', async (p) => void (await p.goto('/ar/countries/BY')));
  }, 60_000);

  it('the comparison is chosen with its form, without JavaScript', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto('/ar/countries/compare');
    await page.selectOption('#compare-c0', 'BY');
    await page.selectOption('#compare-c1', 'GE');
    await page.locator('form.compare-form button[type=submit]').click();
    await page.waitForURL(/c=BY&c=GE/);
    expect(await page.locator('svg[role=img]').count()).toBe(6);
    expect(await page.locator('a[href$="/countries/GE#forecast"]').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
    const compare = '/ar/countries/compare?c=BY&c=GE';
    await checkPage(s.browser, s.app.origin, compare, async (p) => void (await p.goto(compare)));
  }, 60_000);

  it('the list is reached from the navigation and leads to a country, in Arabic on a phone', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto('/ar');
    await page.locator('nav a[href="/ar/countries"]').click();
    await page.waitForURL(/\/ar\/countries$/);
    expect(await page.locator('h1').textContent()).toBe('البلدان');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: 'test-results/countries-list-ar-375.png', fullPage: true });
    await page.locator('th a[href="/ar/countries/GE"]').click();
    await page.waitForURL(/\/ar\/countries\/GE$/);
    expect(await page.locator('svg[role=img]').count()).toBe(6);
    await context.close();
    await checkPage(s.browser, s.app.origin, '/ar/countries', async (p) => void (await p.goto('/ar/countries')));
  }, 60_000);
});
