// Automated accessibility checks with axe-core on the public pages, including a form with errors
// and a right-to-left page. Only "serious" and "critical" findings fail the test; every finding is
// printed so it can be fixed.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { offlineEdition } from '../../src/features/offline/service.ts';
import { allPaths } from '../../src/features/triage/graph.ts';
import { loadFlows } from '../../src/features/triage/service.ts';
import { cliOperator } from '../../src/platform/access.ts';
import { checkPage } from './axe.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';
import { findUserByLookup } from '../../src/features/accounts/queries.ts';
import { inviteMember } from '../../src/features/accounts/invitations/service.ts';
import { submitSuggestion } from '../../src/features/suggestions/service.ts';
import { anonymous } from '../../src/platform/access.ts';
import { addMember, addPlatformUser, newOrg, sessionTokenFor, withOrgKey } from '../helpers/accounts.ts';
import { generatePlan } from '../../src/features/assessments/plan/service.ts';
import {
  closeAssessment,
  loadLibrary,
  saveDomain,
  startAssessment,
} from '../../src/features/assessments/assessment/service.ts';

describe.skipIf(!chromiumAvailable())('accessibility (axe-core)', () => {
  const s = useBrowserAndApp();

  const check = (label: string, open: (page: Page) => Promise<void>, sessionToken?: string) =>
    checkPage(s.browser, s.app.origin, label, open, sessionToken);

  const visit = (path: string) => async (page: Page) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
  };

  it('/en/support', () => check('/en/support', visit('/en/support')));

  it('/en/support/access-now-helpline', () =>
    check('/en/support/access-now-helpline', visit('/en/support/access-now-helpline')));

  it('/en/support/suggest', () => check('/en/support/suggest', visit('/en/support/suggest')));

  it('/en/support/suggest with errors (422)', () =>
    check('/en/support/suggest after an empty submit', async (page) => {
      await page.goto('/en/support/suggest');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Send suggestion' }).click(),
      ]);
      const serverProblems = s.app.env.logs.filter((line) => /"level":(40|50|60)/.test(line)).join('\n');
      expect(response.status(), serverProblems).toBe(422);
      await page.waitForLoadState('load');
      expect(await page.locator('#error-summary').isVisible()).toBe(true);
    }));

  it('/ar/support (right to left)', () => check('/ar/support', visit('/ar/support')));

  it('/en/help (a triage question)', () => check('/en/help', visit('/en/help')));

  it('a triage outcome with referrals', async () => {
    const outcome = allPaths(loadFlows(s.app.env.ctx).flows)
      .find((p) => p[1]?.startsWith('digital-attack/'))!
      .at(-1)!;
    await check(outcome, visit(`/en/help/${outcome}?who=cso&lang=es&urgency=now&country=none`));
  });

  it('a triage outcome with the OGP explanation, and one with the way to the risk assessment (right to left)', async () => {
    await check('law-vote-close', visit('/en/help/restrictive-law/law-vote-close?country=GE&who=cso'));
    await check('prep-risk', visit('/ar/help/prepare/prep-risk?who=cso'));
  });

  it('the offline edition, opened from disk', async () => {
    const file = path.join(s.app.env.dataDir, 'amparo-en.html');
    fs.writeFileSync(file, await offlineEdition(s.app.env.ctx, cliOperator, 'en'));
    await check('offline edition', async (page) => {
      await page.goto(`file://${file}`);
    });
  });

  describe('accounts and curation pages', () => {
    const session = async (email: string) => {
      const user = await findUserByLookup(s.app.env.ctx.db, s.app.env.ctx.lookup.email(email));
      return sessionTokenFor(s.app.env, user!.id);
    };

    it('/en/login, and with errors (422)', async () => {
      await check('/en/login', visit('/en/login'));
      await check('/en/login after a wrong password', async (page) => {
        await page.goto('/en/login');
        await page.getByLabel('Email address').fill('someone@example.org');
        await page.getByLabel('Password', { exact: true }).fill('not it');
        await Promise.all([
          page.waitForNavigation(),
          page.getByRole('button', { name: 'Sign in', exact: true }).click(),
        ]);
        expect(await page.locator('#error-summary').isVisible()).toBe(true);
      });
    });

    it('an invitation, the organisation page (owner) and the account page', async () => {
      const orgId = await newOrg(s.app.env, 'Organización de prueba');
      const invited = await withOrgKey(s.app.env, orgId, () =>
        inviteMember(s.app.env.ctx, cliOperator, orgId, {
          email: 'a11y.invitee@example.org',
          role: 'member',
        }),
      );
      if (!invited.ok) throw new Error('invite');
      await check('invitation', visit(new URL(invited.value.link).pathname));
      const owner = await addMember(s.app.env, orgId, 'owner');
      const token = await session(owner.email);
      await check('organisation page', visit(`/en/orgs/${orgId}`), token);
      await check('account page', visit('/en/account'), token);
      await check('/ar/account/two-factor (right to left)', visit('/ar/account/two-factor'), token);
      await check('/en/dashboard', visit('/en/dashboard'), token);
      await check('/ar/recover (right to left)', visit('/ar/recover'), token);
      // Signed in through the form: the browser's own cookie then goes with the POST.
      await check('the recovery key, shown once', async (page) => {
        await page.goto(`/en/login?next=${encodeURIComponent(`/en/orgs/${orgId}`)}`);
        await page.getByLabel('Email address').fill(owner.email);
        await page.getByLabel('Password', { exact: true }).fill(owner.password);
        await Promise.all([
          page.waitForNavigation(),
          page.getByRole('button', { name: 'Sign in', exact: true }).click(),
        ]);
        await Promise.all([
          page.waitForNavigation(),
          page.getByRole('button', { name: 'Make a new recovery key' }).click(),
        ]);
        expect(await page.locator('.recovery-key-text code').textContent()).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
      });
    });

    it("the curator's queue and record editor", async () => {
      await submitSuggestion(s.app.env.ctx, anonymous, {
        kind: 'new',
        name: 'A new fund',
        website: 'https://fund.example.org',
        details: 'Emergency grants for defenders at risk in the region.',
      });
      const curator = await addPlatformUser(s.app.env, 'curator');
      const token = await session(curator.email);
      await check('/en/curate', visit('/en/curate'), token);
      await check('/en/curate/directory/access-now-helpline', visit('/en/curate/directory/access-now-helpline'), token);
    });
  });

  it('assessment pages: a question page, the result, the plan and a comparison', async () => {
    const orgId = await newOrg(s.app.env, 'Organización evaluada');
    const owner = await addMember(s.app.env, orgId, 'owner');
    const user = await findUserByLookup(s.app.env.ctx.db, s.app.env.ctx.lookup.email(owner.email));
    const token = await sessionTokenFor(s.app.env, user!.id);
    const first = (await withOrgKey(s.app.env, orgId, () => startAssessment(s.app.env.ctx, cliOperator, orgId, {}))).id;
    const threat = (await loadLibrary(s.app.env.ctx)).instrument.domains.find((d) => d.id === 'funding')!.threats[0]!
      .id;
    await withOrgKey(s.app.env, orgId, () =>
      saveDomain(s.app.env.ctx, cliOperator, orgId, first, 'funding', {
        [`${threat}.likelihood`]: '5',
        [`${threat}.impact`]: '5',
      }),
    );
    await withOrgKey(s.app.env, orgId, () => closeAssessment(s.app.env.ctx, cliOperator, orgId, first));
    await withOrgKey(s.app.env, orgId, () => generatePlan(s.app.env.ctx, cliOperator, orgId, first));
    const second = (
      await withOrgKey(s.app.env, orgId, () => startAssessment(s.app.env.ctx, cliOperator, orgId, { from: 'last' }))
    ).id;
    await withOrgKey(s.app.env, orgId, () => closeAssessment(s.app.env.ctx, cliOperator, orgId, second));
    const base = `/en/orgs/${orgId}`;
    await check('a question page', visit(`${base}/assessments/${second}/domains/funding`), token);
    await check('the result page', visit(`${base}/assessments/${first}`), token);
    await check('the action plan', visit(`${base}/plan`), token);
    await check('the comparison', visit(`${base}/assessments/compare?a=${first}&b=${second}`), token);
    await check('the assessments list with the trend chart', visit(`${base}/assessments`), token);
    await check(
      '/ar question page (right to left)',
      visit(`/ar/orgs/${orgId}/assessments/${second}/domains/funding`),
      token,
    );
    const third = (await withOrgKey(s.app.env, orgId, () => startAssessment(s.app.env.ctx, cliOperator, orgId, {}))).id;
    // Signed in through the form: the browser's own cookie then goes with the POST of the close form.
    await check('asked before closing with areas not assessed', async (page) => {
      await page.goto(`/en/login?next=${encodeURIComponent(`${base}/assessments/${third}`)}`);
      await page.getByLabel('Email address').fill(owner.email);
      await page.getByLabel('Password', { exact: true }).fill(owner.password);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Close the assessment' }).click()]);
      expect(await page.locator('h1').textContent(), page.url()).toBe('Close with areas not assessed?');
    });
  }, 90_000); // four pages of the heaviest forms, each checked by axe: 23 s alone, more beside the rest of the suite
});
