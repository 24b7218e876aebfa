// "Leave this site": a plain link without JavaScript; with it, the page is also replaced in the
// history, so Back does not return to Amparo's page. It stays on screen however far the person has
// scrolled, on a phone, zoomed in and right to left, and the bar holding it never hides the content.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

const EXIT = 'http://exit.test/';

describe.skipIf(!chromiumAvailable())('quick exit', () => {
  const s = useBrowserAndApp({ config: { exitUrl: EXIT } });

  async function leave(javaScriptEnabled: boolean): Promise<string> {
    const context = await s.browser.newContext({ javaScriptEnabled, baseURL: s.app.origin });
    // The neutral site is played by the test, so nothing leaves the machine.
    await context.route(`${EXIT}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Neutral</title>' }),
    );
    const page = await context.newPage();
    await page.goto('/en');
    await page.goto('/en/help');
    await Promise.all([page.waitForURL(EXIT), page.locator('#quick-exit').click()]);
    await page.goBack();
    const back = new URL(page.url()).pathname;
    await context.close();
    return back;
  }

  it('with JavaScript, Back skips the page the person left from', async () => {
    expect(await leave(true)).toBe('/en');
  });

  it('without JavaScript, it is still a working link', async () => {
    expect(await leave(false)).toBe('/en/help');
  });

  /** Where the link is, and whether a tap at its centre reaches it (nothing drawn over it). */
  async function exitOnScreen(page: Page) {
    const viewport = page.viewportSize()!;
    const box = (await page.locator('#quick-exit').boundingBox())!;
    const inView =
      box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
    const hit = await page.evaluate(
      ([x, y]) => Boolean(document.elementFromPoint(x!, y!)?.closest('#quick-exit')),
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    return { inView, hit, box };
  }

  // A phone, a 1280 x 720 window zoomed to 200% (640 x 360 CSS pixels), and that phone zoomed to 200%,
  // narrower than the pages are made for (their content may scroll sideways there, the link may not leave).
  const screens = [
    { width: 320, height: 568, fits: true },
    { width: 640, height: 360, fits: true },
    { width: 160, height: 284, fits: false },
  ];
  for (const javaScriptEnabled of [true, false]) {
    for (const locale of ['en', 'ar']) {
      for (const { fits, ...viewport } of screens) {
        it(`stays in view at the bottom of a long page (${locale}, ${viewport.width} x ${viewport.height}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
          const context = await s.browser.newContext({ javaScriptEnabled, baseURL: s.app.origin, viewport });
          const page = await context.newPage();
          try {
            await page.goto(`/${locale}/support`);
            const height = await page.evaluate(() => document.documentElement.scrollHeight);
            expect(height, 'the page is long enough to scroll').toBeGreaterThan(viewport.height * 3);
            expect(await exitOnScreen(page)).toMatchObject({ inView: true, hit: true });
            await page.keyboard.press('End');
            await expect
              .poll(() =>
                page.evaluate(
                  () => Math.ceil(window.scrollY + window.innerHeight) - document.documentElement.scrollHeight,
                ),
              )
              .toBeGreaterThanOrEqual(0);
            expect(await exitOnScreen(page)).toMatchObject({ inView: true, hit: true });
            const bar = (await page.locator('.site-bar').boundingBox())!;
            expect(bar.width).toBeLessThanOrEqual(viewport.width);
            if (fits) {
              // The page does not scroll sideways, and the bar leaves most of the screen to the page.
              expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
                viewport.width,
              );
              expect(bar.height).toBeLessThan(viewport.height / 4);
            }

            // A jump to a place in the page puts it below the bar, not under it.
            await page.goto(`/${locale}/support#main`);
            const heading = (await page.locator('main h1').boundingBox())!;
            expect(heading.y).toBeGreaterThanOrEqual(bar.y + bar.height);
            expect(await exitOnScreen(page)).toMatchObject({ inView: true, hit: true });
          } finally {
            await context.close();
          }
        });
      }
    }
  }
});
