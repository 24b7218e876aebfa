// "Leave this site": a plain link without JavaScript; with it, the page is also replaced in the
// history, so Back does not return to Amparo's page.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

const EXIT = 'http://exit.test/';

describe.skipIf(!chromiumAvailable())('quick exit', () => {
  const s = useBrowserAndApp({ config: { exitUrl: EXIT } });

  async function leave(javaScriptEnabled: boolean): Promise<string> {
    const context = await s.browser.newContext({ javaScriptEnabled, baseURL: s.app.origin });
    // The neutral site is played by the test, so nothing leaves the machine.
    await context.route(`${EXIT}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Neutral</title>' }));
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
});
