// Accepting an invitation through to signing out, in Chromium with JavaScript switched off: set a
// password, enrol TOTP from the text key, sign in again with a code, see the dashboard, sign out.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inviteMember } from '../../src/features/accounts/invitations/service.ts';
import { newOrg, withOrgKey } from '../helpers/accounts.ts';
import { currentStep, totpAt } from '../../src/features/accounts/totp.ts';
import { cliOperator } from '../../src/platform/access.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

const PASSWORD = 'seven lanterns over the river';

describe.skipIf(!chromiumAvailable())('accounts in a browser without JavaScript', () => {
  const s = useBrowserAndApp({ seed: false });

  async function submit(page: Page, button: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  /** A code for a step the server has not seen yet (each step is accepted once). */
  let lastStep = 0;
  async function freshCode(secret: string): Promise<string> {
    let step = currentStep(new Date());
    while (step <= lastStep) {
      await new Promise((r) => setTimeout(r, 1000));
      step = currentStep(new Date());
    }
    lastStep = step;
    return totpAt(secret, step);
  }

  it('invitation -> password -> TOTP -> sign in with a code -> dashboard -> sign out', async () => {
    const orgId = await newOrg(s.app.env, 'Red de Defensoras');
    const invited = await withOrgKey(s.app.env, orgId, () =>
      inviteMember(s.app.env.ctx, cliOperator, orgId, { email: 'lucia@example.org', role: 'admin' }),
    );
    if (!invited.ok) throw new Error('invite');

    const context = await s.browser.newContext({ javaScriptEnabled: false, baseURL: s.app.origin });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    try {
      await page.goto(new URL(invited.value.link).pathname);
      await expect(page.locator('h1').textContent()).resolves.toBe('Join Amparo');
      expect(await page.textContent('main')).toContain('Red de Defensoras');
      await page.getByLabel('Your name').fill('Lucía');
      await page.getByLabel('New password', { exact: true }).fill('password1');
      await page.getByLabel('Type the new password again').fill('password1');
      await submit(page, 'Create my account');
      expect(await page.textContent('#error-summary')).toContain('most used'); // a common password is refused
      expect(await page.getByLabel('Your name').inputValue()).toBe('Lucía'); // nothing else is lost
      await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Type the new password again').fill(PASSWORD);
      await submit(page, 'Create my account');

      // Signed in, and asked to set up two-factor: the QR code is an inline SVG, the key is text.
      expect(new URL(page.url()).pathname).toBe('/en/account/two-factor');
      expect(await page.locator('.qr svg').count()).toBe(1);
      const secret = (await page.locator('#totp-secret').textContent())!.replace(/\s/g, '');
      await page.getByLabel('Code', { exact: true }).fill(await freshCode(secret));
      await submit(page, 'Turn on');
      const codes = await page.locator('.codes code').allTextContents();
      expect(codes).toHaveLength(10);
      await page.screenshot({ path: 'test-results/recovery-codes.png', fullPage: true }).catch(() => undefined);

      // Sign out: the session ends, the browser is told to forget the site.
      await submit(page, 'Sign out');
      expect(new URL(page.url()).pathname).toBe('/en/login');
      expect((await context.cookies()).find((c) => c.name === '__Host-amparo_session')).toBeUndefined();

      // Sign in again: password, then a code from the app.
      await page.goto('/en/orgs/' + orgId);
      expect(new URL(page.url()).pathname).toBe('/en/login'); // sent to sign in first
      await page.getByLabel('Email address').fill('lucia@example.org');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await submit(page, 'Sign in');
      expect(new URL(page.url()).pathname).toBe('/en/login/code');
      await page.getByLabel('Code', { exact: true }).fill(await freshCode(secret));
      await submit(page, 'Continue');
      expect(new URL(page.url()).pathname).toBe(`/en/orgs/${orgId}`); // back where they were going
      expect(await page.locator('h1').textContent()).toBe('Red de Defensoras');
      const cookie = (await context.cookies()).find((c) => c.name === '__Host-amparo_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
      // The trusted-device cookie (decision 0009) is kept by the browser across restarts...
      const device = (await context.cookies()).find((c) => c.name === '__Host-amparo_device')!;
      expect(device).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
      expect(device.expires).toBeGreaterThan(Date.now() / 1000 + 86400);

      await page.goto('/en/dashboard');
      expect(await page.textContent('main')).toContain('Red de Defensoras');
      await submit(page, 'Sign out');
      await page.goto('/en/dashboard');
      expect(new URL(page.url()).pathname).toBe('/en/login');
      // ...but not past signing out, which clears the site's cookies.
      expect((await context.cookies()).find((c) => c.name === '__Host-amparo_device')).toBeUndefined();
    } finally {
      await context.close();
    }
  }, 120_000);
});
