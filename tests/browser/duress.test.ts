// The duress passphrase in Chromium with JavaScript switched off (docs/decisions/0016): a member sets one,
// signs out, signs in with it and sees the empty decoy; signing in with the real password then shows the
// access-lost state, until an owner restores access. axe-core checks the safety page and the decoy.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled } from '../../src/platform/background.ts';
import { addMember, newOrg, SESSION, type Person } from '../helpers/accounts.ts';
import { expectAccessible } from './axe.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

const DURESS = 'willow ferry seventeen';

describe.skipIf(!chromiumAvailable())('the duress passphrase in a browser without JavaScript', () => {
  const s = useBrowserAndApp({ seed: false });

  async function submit(page: Page, button: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto('/en/login');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await submit(page, 'Sign in');
  }

  const newPage = async (javaScriptEnabled = false): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await s.browser.newContext({
      javaScriptEnabled,
      bypassCSP: javaScriptEnabled,
      baseURL: s.app.origin,
    });
    context.setDefaultTimeout(10_000);
    return { context, page: await context.newPage() };
  };

  /** axe runs with JavaScript on, in a context that carries the same session cookie. */
  async function checkA11y(from: BrowserContext, path: string) {
    const token = (await from.cookies()).find((c) => c.name === SESSION)!.value;
    const { context, page } = await newPage(true);
    try {
      await context.setExtraHTTPHeaders({ cookie: `${SESSION}=${token}` });
      expect((await page.goto(path))?.status()).toBe(200);
      await expectAccessible(page, path);
    } finally {
      await context.close();
    }
  }

  it('set it, use it, see the decoy; the real password then shows access lost until an owner restores it', async () => {
    const env = s.app.env;
    const orgId = await newOrg(env, 'Defensoras del Valle');
    const owner: Person = await addMember(env, orgId, 'owner');
    const member: Person = await addMember(env, orgId, 'member');
    const { context, page } = await newPage();
    try {
      await signIn(page, member.email, member.password);
      await page.goto('/en/account/safety');
      await checkA11y(context, '/en/account/safety');
      await page.getByLabel('Current password').first().fill(member.password);
      await page.locator('input#password').fill(DURESS);
      await page.getByLabel('The duress passphrase again').fill(DURESS);
      await page.getByLabel(/Destroy my access/).check();
      await page.getByLabel('Organisation to show, empty').selectOption({ label: 'Defensoras del Valle' });
      await submit(page, 'Save the duress passphrase');
      expect(await page.textContent('[role=status]')).toContain('The duress passphrase is saved.');
      await submit(page, 'Sign out');

      await signIn(page, member.email, DURESS);
      expect(new URL(page.url()).pathname).toBe('/en/dashboard');
      expect(await page.textContent('main')).toContain('Defensoras del Valle');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Defensoras del Valle' }).click()]);
      const members = await page.locator('tbody tr').count();
      expect(members).toBe(1); // only the member: the owner is not shown
      expect(await page.textContent('main')).not.toContain(owner.email);
      await checkA11y(context, `/en/orgs/${orgId}`);
      await checkA11y(context, '/en/account/safety');
      await submit(page, 'Sign out');
      await settled(env.ctx); // the chosen actions run after the answer

      await signIn(page, member.email, member.password);
      expect(await page.textContent('main')).toContain('Your access needs restoring');

      const ownerSide = await newPage();
      try {
        await signIn(ownerSide.page, owner.email, owner.password);
        await ownerSide.page.goto(`/en/orgs/${orgId}`);
        await submit(ownerSide.page, 'Restore access');
        expect(await ownerSide.page.textContent('[role=status]')).toBeTruthy();
      } finally {
        await ownerSide.context.close();
      }
      await page.goto('/en/dashboard');
      expect(await page.textContent('main')).not.toContain('Your access needs restoring');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Defensoras del Valle' }).click()]);
      expect(await page.textContent('main')).toContain(owner.email);
    } finally {
      await context.close();
    }
  }, 60_000);
});
