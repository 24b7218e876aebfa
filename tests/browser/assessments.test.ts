// A short assessment in Chromium with JavaScript off: answer one area, close, see it red with its
// proposed actions, mark an action done, open the print view.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/features/assessments/assessment/service.ts';
import { addMember, newOrg } from '../helpers/accounts.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

describe.skipIf(!chromiumAvailable())('an assessment in a browser without JavaScript', () => {
  const s = useBrowserAndApp();

  async function submit(page: Page, button: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  it('answer one area, close, see the red area and its actions, mark one done, print', async () => {
    const orgId = await newOrg(s.app.env, 'Colectivo Prueba');
    const owner = await addMember(s.app.env, orgId, 'owner');
    const funding = (await loadLibrary(s.app.env.ctx)).instrument.domains.find((d) => d.id === 'funding')!;
    const context = await s.browser.newContext({
      javaScriptEnabled: false,
      baseURL: s.app.origin,
      viewport: { width: 400, height: 900 },
    });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    try {
      await page.goto(`/en/login?next=${encodeURIComponent(`/en/orgs/${orgId}/assessments`)}`);
      await page.getByLabel('Email address').fill(owner.email);
      await page.getByLabel('Password', { exact: true }).fill(owner.password);
      await submit(page, 'Sign in');
      expect(new URL(page.url()).pathname).toBe(`/en/orgs/${orgId}/assessments`);
      await submit(page, 'Start an assessment');

      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Funding and banking' }).click()]);
      for (const q of funding.threats) {
        await page.check(`input[name="${q.id}.likelihood"][value="5"]`);
        await page.check(`input[name="${q.id}.impact"][value="4"]`);
      }
      for (const q of funding.vulnerabilities) await page.check(`input[name="${q.id}"][value="5"]`);
      for (const q of funding.capacities) await page.check(`input[name="${q.id}"][value="1"]`);
      await submit(page, 'Save and continue');
      expect(new URL(page.url()).pathname).toMatch(/\/domains\/digital$/);

      await page.goBack();
      await page.goto(new URL(page.url()).pathname.replace(/\/domains\/funding$/, ''));
      await submit(page, 'Close the assessment');
      // Six areas are left without a score: the page names them and asks before closing.
      expect(await page.locator('h1').textContent()).toBe('Close with areas not assessed?');
      expect(await page.locator('li[data-domain]').count()).toBe(
        (await loadLibrary(s.app.env.ctx)).instrument.domains.length - 1,
      );
      await submit(page, 'Close anyway');
      const fundingRow = page.locator('tr.band-high', { hasText: 'Funding and banking' });
      expect(await fundingRow.count()).toBe(1);
      expect(await fundingRow.locator('.badge').textContent()).toBe('High');
      // threat 5 x 4 / 5 = 4; vulnerability 5; capacity 1 => 20
      expect((await fundingRow.locator('.arithmetic').textContent())!.replace(/\s+/g, ' ')).toBe(
        'risk 20 = threat 4 × vulnerability 5 ÷ capacity 1',
      );

      await submit(page, 'Propose actions from this result');
      expect(new URL(page.url()).pathname).toBe(`/en/orgs/${orgId}/plan`);
      const first = page.locator('article.action').first();
      expect(await first.textContent()).toContain('Proposed because Funding and banking was High');
      await first.getByLabel('Status').selectOption('done');
      await Promise.all([page.waitForNavigation(), first.getByRole('button', { name: 'Save' }).click()]);
      expect(await page.locator('#progress-text').textContent()).toMatch(/^1 of \d+ done$/);
      await page.screenshot({ path: 'test-results/plan-narrow.png', fullPage: true }).catch(() => undefined);

      await page.goto(`/en/orgs/${orgId}/assessments`);
      await Promise.all([page.waitForNavigation(), page.locator('.cards a').first().click()]);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Print view' }).click()]);
      expect(await page.locator('h1').textContent()).toBe('Risk assessment: Colectivo Prueba');
      expect(await page.locator('.print-domain').count()).toBe(7);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header').isVisible()).toBe(false); // print CSS hides the site chrome
    } finally {
      await context.close();
    }
  }, 120_000);
});
