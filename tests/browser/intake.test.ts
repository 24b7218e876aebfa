// The public report form in a real browser with JavaScript off: a plain form, the receipt code shown
// once on the page after it (a reload no longer shows it), and adding to the report with that code.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveIntakeSettings, submitReport } from '../../src/features/monitor/intake/service.ts';
import { anonymous, cliOperator } from '../../src/platform/access.ts';
import { addMember, newOrg, sessionTokenFor, userIdOf, withOrgKey } from '../helpers/accounts.ts';
import { checkPage } from './axe.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

const CODE = /[0-9A-HJKMNP-TV-Z]{5}(?:-[0-9A-HJKMNP-TV-Z]{5}){3}/;

describe.skipIf(!chromiumAvailable())('public report form in a browser', () => {
  const s = useBrowserAndApp({ seed: false });

  /** A new organisation with its form on; the form's path. */
  async function openForm(): Promise<{ orgId: string; form: string }> {
    const env = s.app.env;
    const orgId = await newOrg(env, 'Browser Intake Org');
    const saved = await withOrgKey(env, orgId, () =>
      saveIntakeSettings(env.ctx, cliOperator, orgId, { enabled: 'on', intro: 'We read every report.' }),
    );
    if (!saved.ok) throw new Error('settings refused');
    return { orgId, form: `/en/report/${saved.value.intakeId}` };
  }

  it('sends a report, shows its receipt once, and adds to it with the receipt', async () => {
    const { form } = await openForm();

    const context = await s.browser.newContext({ javaScriptEnabled: false, baseURL: s.app.origin });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    try {
      expect((await page.goto(form))?.status()).toBe(200);
      await page.getByLabel('What happened?').fill('The police closed the community radio station in Gyumri.');
      await page.getByLabel('Country (optional)').selectOption('AM');
      await page.getByLabel('Who did it? (optional)').selectOption('police');
      await Promise.all([page.waitForURL(/\/thanks$/), page.getByRole('button', { name: 'Send the report' }).click()]);
      const code = CODE.exec(await page.locator('main').innerText())?.[0];
      expect(code).toBeDefined();

      await page.reload();
      expect(await page.locator('main').innerText()).not.toMatch(CODE);

      await page.getByRole('link', { name: /Add to it with your receipt code/ }).click();
      await page.getByLabel('Receipt code').fill('AAAAA-AAAAA-AAAAA-AAAAA');
      await page.getByLabel('What do you want to add?').fill('Two journalists were questioned afterwards.');
      await page.getByRole('button', { name: 'Add to the report' }).click();
      expect(await page.locator('.error-summary').innerText()).toContain('does not match a report');
      expect(await page.getByLabel('What do you want to add?').inputValue()).toBe(
        'Two journalists were questioned afterwards.',
      );
      await page.getByLabel('Receipt code').fill(code!);
      await Promise.all([
        page.waitForURL(/\/thanks\?added$/),
        page.getByRole('button', { name: 'Add to the report' }).click(),
      ]);
      expect(await page.locator('h1').innerText()).toBe('Thank you: your addition was received');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no serious accessibility problems on the public pages and the queue, left to right and right to left', async () => {
    const { orgId, form } = await openForm();
    const env = s.app.env;
    await submitReport(
      env.ctx,
      anonymous,
      form.split('/').pop()!,
      { what: 'A raid on the office.', contact: 'x' },
      'en',
    );
    const member = await addMember(env, orgId, 'member');
    const token = await sessionTokenFor(env, await userIdOf(env, member));
    const check = (label: string, open: (page: Page) => Promise<void>, session?: string) =>
      checkPage(s.browser, s.app.origin, label, open, session);
    const visit = (path: string) => async (page: Page) => expect((await page.goto(path))?.status()).toBe(200);
    await check('the form', visit(form));
    await check('the form in Arabic, with errors', async (page) => {
      await page.goto(form.replace('/en/', '/ar/'));
      await page.locator('button[type=submit]').first().click();
      expect(await page.locator('.error-summary').count()).toBe(1);
    });
    await check('adding to a report', visit(`${form}/add`));
    await check('the thank-you page', visit(`${form}/thanks`));
    await check('the queue', visit(`/en/orgs/${orgId}/monitor/intake`), token);
    await check('the queue in Arabic', visit(`/ar/orgs/${orgId}/monitor/intake`), token);
  }, 90_000);
});
