// "Get help now" in a real browser with JavaScript off: plain links all the way to the advice.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

describe.skipIf(!chromiumAvailable())('triage in a browser, JavaScript off', () => {
  const s = useBrowserAndApp();

  it('account taken over -> organisation -> Spanish ranks a 24/7 digital security helpline first, with reasons', async () => {
    const context = await s.browser.newContext({ javaScriptEnabled: false, baseURL: s.app.origin });
    const page = await context.newPage();
    await page.goto('/en');
    await page.getByRole('link', { name: 'Get help now' }).first().click();
    await page.getByRole('link', { name: /digital attack/i }).click();
    await page
      .getByRole('link', { name: /account/i })
      .first()
      .click();
    await page.getByRole('link', { name: 'An organisation' }).click();
    // In the main content: the header's language switcher has an "Español" link too.
    await page.locator('main').getByRole('link', { name: 'Español' }).click();
    // Urgency may be asked too; the answer does not change who comes first here.
    const urgent = page.getByRole('link', { name: 'It is happening now, or within hours' });
    if (await urgent.count()) await urgent.click();
    expect(page.url()).toMatch(/who=cso/);
    expect(page.url()).toMatch(/lang=es/);
    await expect.poll(() => page.locator('h2#now').count()).toBe(1);
    const first = page.locator('ol.referrals > li').first();
    expect(await first.locator('h3').innerText()).toBe('Digital Security Helpline');
    const why = await first.locator('.why').innerText();
    expect(why).toContain('Digital security helpline');
    expect(why).toContain('speaks Spanish');
    expect(why).toContain('open 24/7');
    expect(why).toContain('replies within 2 hours');
    // The card gives the helpline's email, as its record does.
    expect(await first.locator('a[href^="mailto:"]').innerText()).toBe('help@accessnow.org');
    // The Back link (a plain link, JavaScript off) returns to the previous question without its answer.
    const outcome = page.url();
    await page.getByRole('link', { name: 'Back to the previous question' }).click();
    expect(page.url()).not.toMatch(/lang=es/);
    expect(page.url()).toMatch(/who=cso/);
    await page.locator('main').getByRole('link', { name: 'Español' }).click();
    if (await urgent.count()) await urgent.click();
    expect(page.url()).toBe(outcome);
    // The quick exit is still there, and the back button returns to the previous question.
    expect(await page.locator('#quick-exit').isVisible()).toBe(true);
    await page.goBack();
    expect(page.url()).toContain('/en/help/');
    await context.close();
  });
});
