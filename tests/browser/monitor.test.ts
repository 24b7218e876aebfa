// The monitor in Chromium with JavaScript off, on a narrow window: a member records an event (adding a
// row first), a colleague verifies it, an admin publishes it, and anyone reads the public page, which
// shows no name, contact or exact point. The Arabic country page is right to left.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { VICTIM, WITNESS_CONTACT } from '../../src/features/monitor/fixtures.ts';
import { addMember, newOrg, type Person } from '../helpers/accounts.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

describe.skipIf(!chromiumAvailable())('the monitor in a browser without JavaScript', () => {
  const s = useBrowserAndApp();

  async function submit(page: Page, button: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  async function signedIn(browser: Browser, person: Person, next: string): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: s.app.origin,
      viewport: { width: 390, height: 900 },
    });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`/en/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await submit(page, 'Sign in');
    return page;
  }

  it('record, verify by a colleague, publish, and read the public page', async () => {
    const orgId = await newOrg(s.app.env, 'Observatorio Prueba');
    const [author, colleague, admin] = [
      await addMember(s.app.env, orgId, 'member'),
      await addMember(s.app.env, orgId, 'member'),
      await addMember(s.app.env, orgId, 'admin'),
    ];
    const page = await signedIn(s.browser, author, `/en/orgs/${orgId}/monitor/events/new`);
    await page.getByLabel('Title').fill(`Detention of ${VICTIM}`);
    await page.getByLabel('What happened').fill(`${VICTIM} was detained after the vigil in Hrodna.`);
    await page.getByLabel('Date (or start date)').fill('2026-03');
    await page.getByLabel('Country').selectOption('BY');
    await page.getByLabel('Region, town or place').fill('Hrodna');
    await page.getByLabel('Latitude').fill('53.6779');
    await page.getByLabel('Longitude').fill('23.8295');
    await page.locator('select[name="act.0.type"]').selectOption('detention-of-protesters');
    await page.locator('input[name="party.0.name"]').fill(VICTIM);
    // Adding a row posts the form back: everything typed so far stays.
    await submit(page, 'Add a person or group');
    expect(await page.getByLabel('Title').inputValue()).toBe(`Detention of ${VICTIM}`);
    expect(await page.locator('input[name="party.3.name"]').count()).toBe(1);
    await page.locator('select[name="party.1.role"]').selectOption('source');
    await page.locator('input[name="party.1.name"]').fill('Witness');
    await page.locator('input[name="party.1.contact"]').fill(WITNESS_CONTACT);
    await submit(page, 'Save event');
    expect(await page.locator('.notice').textContent()).toContain('The event is recorded');
    const eventPath = new URL(page.url()).pathname;
    // The author cannot mark it verified: the choice is disabled, and the page says why.
    expect(await page.locator('input[name="state"][value="verified"]').isDisabled()).toBe(true);

    const second = await signedIn(s.browser, colleague, eventPath);
    await second.check('input[name="state"][value="verified"]');
    await submit(second, 'Save verification');
    expect(await second.locator('.badge.verification-verified').count()).toBe(1);

    const third = await signedIn(s.browser, admin, eventPath);
    await third.check('input[name="state"][value="public"]');
    for (const f of ['title', 'description', 'region', 'acts', 'verification'])
      await third.check(`input[name="fields"][value="${f}"]`);
    await submit(third, 'Save who can see it');
    const publicHref = await third.getByRole('link', { name: 'See the public page' }).getAttribute('href');

    const visitor = await s.browser.newContext({
      javaScriptEnabled: false,
      baseURL: s.app.origin,
      viewport: { width: 390, height: 900 },
    });
    const anyone = await visitor.newPage();
    await anyone.goto(publicHref!);
    const text = (await anyone.content()) + (await (await anyone.goto('/ar/monitor/countries/BY'))!.text());
    for (const secret of [VICTIM, WITNESS_CONTACT, '53.6779', '23.8295']) expect(text).not.toContain(secret);
    expect(text).toContain('was detained after the vigil in Hrodna');
    expect(await anyone.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await anyone.locator('svg[role="img"]').count()).toBe(1);
    // Nothing wider than the window.
    expect(await anyone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await anyone.screenshot({ path: 'test-results/monitor-country-ar.png', fullPage: true }).catch(() => undefined);
  }, 120_000);
});
