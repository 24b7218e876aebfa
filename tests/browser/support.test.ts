// The directory and the suggestion form in a real browser, with JavaScript switched off: the
// pages must work as plain HTML forms and links.
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listDirectory } from '../../src/features/directory/service.ts';
import { anonymous } from '../../src/platform/access.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

describe.skipIf(!chromiumAvailable())('support directory in a browser', () => {
  const s = useBrowserAndApp();

  /** A fresh browser context (no cookies) with JavaScript switched off. */
  async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await s.browser.newContext({ javaScriptEnabled: false, baseURL: s.app.origin, ...options });
    context.setDefaultTimeout(10_000);
    return context;
  }

  /** The server's warnings and errors, to explain an unexpected status. */
  const serverProblems = () => s.app.env.logs.filter((line) => /"level":(40|50|60)/.test(line)).join('\n');

  it('filters by kind, availability and language with a plain GET form, then opens a record', async () => {
    const context = await newContext();
    const page = await context.newPage();
    try {
      const first = await page.goto('/en/support');
      expect(first?.status()).toBe(200);

      // Filter groups start closed (a phone reaches the results sooner); a person opens them first.
      await page.locator('summary', { hasText: /^Type of support$/ }).click();
      await page.getByRole('checkbox', { name: 'Digital security helpline' }).check();
      await page.locator('summary', { hasText: /^Availability$/ }).click();
      await page.getByRole('checkbox', { name: 'Open 24/7 only' }).check();
      // The language group is a closed <details>; a person opens it first (no JS needed).
      await page.locator('summary', { hasText: /^Language$/ }).click();
      await page.getByRole('checkbox', { name: 'Spanish' }).check();
      await Promise.all([
        page.waitForURL(/\/en\/support\?/),
        page.getByRole('button', { name: 'Apply filters' }).click(),
      ]);

      const url = new URL(page.url());
      expect(url.pathname).toBe('/en/support');
      expect(url.searchParams.getAll('kind')).toContain('digital-security-helpline');
      expect(url.searchParams.get('alwaysOn')).toBe('1');
      expect(url.searchParams.getAll('lang')).toContain('es');

      // The chosen filters are still ticked on the result page.
      await expect.poll(() => page.getByRole('checkbox', { name: 'Digital security helpline' }).isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: 'Open 24/7 only' }).isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: 'Spanish' }).isChecked()).toBe(true);

      const results = page.locator('ul.results');
      const link = results.getByRole('link', { name: 'Digital Security Helpline', exact: true });
      expect(await link.count()).toBe(1);
      expect(
        await page
          .locator('ul.results > li.card', {
            has: page.getByRole('link', { name: 'Digital Security Helpline', exact: true }),
          })
          .innerText(),
      ).toContain('Access Now');

      await Promise.all([page.waitForURL('**/en/support/access-now-helpline'), link.click()]);
      expect(await page.locator('h1').innerText()).toBe('Digital Security Helpline');
      expect(await page.locator('main').innerText()).toContain('Day and night, every day');
      const website = page.getByRole('link', { name: 'https://www.accessnow.org/help/', exact: true }).first();
      expect(await website.getAttribute('href')).toBe('https://www.accessnow.org/help/');
      expect(await website.getAttribute('rel')).toContain('noreferrer');
    } finally {
      await context.close();
    }
  });

  it('re-renders the suggestion form with 422, kept values and field errors, then accepts it', async () => {
    const context = await newContext();
    const page = await context.newPage();
    try {
      await page.goto('/en/support/suggest');
      await page.getByLabel('Name of the resource').fill('Safe Harbour Helpline');
      await page.getByLabel('Website (optional for corrections)').fill('https://safe-harbour.example.org/');

      const isPost = (r: { request(): { method(): string }; url(): string }) =>
        r.request().method() === 'POST' && new URL(r.url()).pathname === '/en/support/suggest';
      const [rejected] = await Promise.all([
        page.waitForResponse(isPost),
        page.getByRole('button', { name: 'Send suggestion' }).click(),
      ]);
      expect(rejected.status(), serverProblems()).toBe(422);
      await page.waitForLoadState('domcontentloaded');

      const summary = page.locator('#error-summary');
      expect(await summary.isVisible()).toBe(true);
      expect(await summary.getAttribute('role')).toBe('alert');
      const summaryText = await summary.innerText();
      expect(summaryText).toContain('Please correct 1 problem below.');
      expect(summaryText).toContain('Please write at least 20 characters.');
      expect(
        await summary.getByRole('link', { name: 'Please write at least 20 characters.' }).getAttribute('href'),
      ).toBe('#details');

      const detailsError = page.locator('#details-error');
      expect(await detailsError.isVisible()).toBe(true);
      expect(await detailsError.innerText()).toBe('Please write at least 20 characters.');
      const details = page.getByLabel('What does it offer and to whom, or what should change?');
      expect(await details.getAttribute('aria-invalid')).toBe('true');
      expect(await details.getAttribute('aria-describedby')).toContain('details-error');

      expect(await page.getByLabel('Name of the resource').inputValue()).toBe('Safe Harbour Helpline');
      expect(await page.getByLabel('Website (optional for corrections)').inputValue()).toBe(
        'https://safe-harbour.example.org/',
      );

      await details.fill('A phone line for journalists under pressure, open on weekdays.');
      const [accepted] = await Promise.all([
        page.waitForResponse(isPost),
        page.getByRole('button', { name: 'Send suggestion' }).click(),
      ]);
      expect(accepted.status(), serverProblems()).toBe(303);
      await page.waitForURL('**/en/support/suggest/thanks?ref=*');
      const ref = new URL(page.url()).searchParams.get('ref');
      expect(ref).toMatch(/^[a-z2-9]{12}$/);
      expect(await page.locator('h1').innerText()).toBe('Thank you');
      expect(await page.locator('main').innerText()).toContain(`Its reference is ${ref}.`);
    } finally {
      await context.close();
    }
  });

  it('switches language, mirrors the page for Arabic and keeps the filters in the URL', async () => {
    const context = await newContext();
    const page = await context.newPage();
    try {
      await page.goto('/en/support');
      await Promise.all([page.waitForURL('**/ar/support'), page.getByRole('link', { name: 'العربية' }).click()]);
      expect(new URL(page.url()).pathname).toBe('/ar/support');
      const html = page.locator('html');
      expect(await html.getAttribute('dir')).toBe('rtl');
      expect(await html.getAttribute('lang')).toBe('ar');

      await page.goto('/en/support?kind=training');
      expect(await html.getAttribute('dir')).toBe('ltr');
      await Promise.all([
        page.waitForURL('**/ru/support?kind=training'),
        page.getByRole('link', { name: 'Русский' }).click(),
      ]);
      const url = new URL(page.url());
      expect(url.pathname + url.search).toBe('/ru/support?kind=training');
      expect(await html.getAttribute('lang')).toBe('ru');
      expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('fits a narrow phone screen without horizontal scrolling, in Arabic and English', async () => {
    // JavaScript on only so the test can measure the page; the page itself runs none.
    const context = await newContext({ javaScriptEnabled: true, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    try {
      for (const [path, file] of [
        ['/ar/support', '/tmp/amparo-ar-narrow.png'],
        ['/en/support', '/tmp/amparo-en.png'],
      ] as const) {
        await page.goto(path);
        await page.screenshot({ path: file, fullPage: true });
        const size = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(size.scrollWidth, `${path} overflows horizontally`).toBeLessThanOrEqual(size.innerWidth);
      }
    } finally {
      await context.close();
    }
  });

  // Two page loads per record (115 in issue 12): its time grows with the directory, hence its own timeout.
  it('every record page reflows at 320 CSS pixels without horizontal scrolling (WCAG 1.4.10)', async () => {
    const context = await newContext({ javaScriptEnabled: true, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    try {
      const ids = (await listDirectory(s.app.env.ctx, anonymous)).map((m) => m.id);
      expect(ids.length).toBeGreaterThan(0);
      const overflowing: string[] = [];
      for (const locale of ['en', 'ar']) {
        for (const id of ids) {
          await page.goto(`/${locale}/support/${id}`);
          const found = await page.evaluate(() => {
            const width = window.innerWidth;
            const wide = Array.from(document.querySelectorAll('main *'))
              .filter((el) => {
                const box = el.getBoundingClientRect();
                return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
              })
              .map((el) => el.outerHTML.slice(0, 120));
            return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 2) };
          });
          if (found.scrollWidth > found.width)
            overflowing.push(
              `/${locale}/support/${id}: scrollWidth ${found.scrollWidth} > ${found.width}; ${found.wide.join(' | ')}`,
            );
        }
      }
      expect(overflowing, overflowing.join('\n')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('loads nothing from any host but its own', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    try {
      await page.goto('/en/support', { waitUntil: 'networkidle' });
      await page.goto('/en/support/access-now-helpline', { waitUntil: 'networkidle' });
      expect(requested.length).toBeGreaterThanOrEqual(3); // two documents and at least the stylesheet
      expect(requested.some((u) => new URL(u).pathname.startsWith('/assets/app.'))).toBe(true);
      const foreign = requested.filter((u) => new URL(u).origin !== s.app.origin);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
