// The legislation tracker as a phone without JavaScript shows it, in Arabic: the list filtered with its
// plain form, an entry page, both no wider than the 375 px window, and axe finds nothing serious.
import { describe, expect, it } from 'vitest';
import { checkPage } from './axe.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

describe.skipIf(!chromiumAvailable())('legislation pages in a browser', () => {
  const s = useBrowserAndApp();

  const phone = () =>
    s.browser.newContext({ javaScriptEnabled: false, baseURL: s.app.origin, viewport: { width: 375, height: 800 } });

  it('the list is filtered with its form and fits a 375 px window, right to left', async () => {
    const context = await phone();
    const page = await context.newPage();
    expect((await page.goto('/ar/legislation'))?.status()).toBe(200);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.selectOption('select[name=country]', 'HU');
    await page.locator('form.filters button[type=submit]').click();
    await page.waitForURL(/country=HU/);
    expect(await page.locator('ul.legislation > li').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
    await checkPage(s.browser, s.app.origin, '/ar/legislation', async (p) => void (await p.goto('/ar/legislation')));
  }, 60_000);

  it('an entry page fits a 375 px window and passes axe', async () => {
    const url = '/ar/legislation/hu-foreign-funded-ngo-law-2017';
    const context = await phone();
    const page = await context.newPage();
    expect((await page.goto(url))?.status()).toBe(200);
    expect(await page.locator('ol.timeline > li').count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
    await checkPage(s.browser, s.app.origin, url, async (p) => void (await p.goto(url)));
  }, 60_000);
});
