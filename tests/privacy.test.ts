// Nothing identifying is logged or stored: send canaries where an IP, a user agent, search words and a
// form body would travel, then look for them in every log line and every text column of the database.
// (Besides these targeted checks, every test file's traffic carries a canary IP and user agent, and
// every helper-made account the canary password; tests/helpers/context.ts searches for them at the end.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteMember } from '../src/features/accounts/invitations/service.ts';
import { cliOperator } from '../src/platform/access.ts';
import { cookieFrom, newOrg, SESSION, withOrgKey } from './helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from './helpers/context.ts';
import { databaseText } from './helpers/db-text.ts';

const CANARY_IP = '203.0.113.77';
const CANARY_UA = 'CanaryAgent/9.9 (canary-ua-7731)';
const CANARY_QUERY = 'canaryquerytoken';
const CANARY_BODY = 'canary-body-secret-5150';
const CANARY_PASSWORD = 'canary passphrase 8812 lighthouse';
const CANARY_EMAIL = 'canary.person.4471@example.org';
const CANARY_NAME = 'Canaria Personname';
const CANARY_ORG = 'Canary Collective 3391';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

describe('privacy', () => {
  it('keeps IPs, user agents, searches and bodies out of logs and the database', async () => {
    const headers = {
      'x-forwarded-for': CANARY_IP,
      'x-real-ip': CANARY_IP,
      forwarded: `for=${CANARY_IP}`,
      'user-agent': CANARY_UA,
    };
    const pages = [
      '/en',
      `/en/help/digital-attack/account-taken-over?who=journalist&lang=ru&country=ZW&urgency=now`,
      `/en/support?q=${CANARY_QUERY}`,
      '/en/support/civicert',
      `/en/support/${CANARY_QUERY}`,
      `/api/v1/support?q=${CANARY_QUERY}`,
      '/en/support/suggest',
    ];
    for (const url of pages) expect((await env.app.request(url, { headers })).status).toBeLessThan(500);
    const posted = await postForm(
      env,
      '/en/support/suggest',
      {
        kind: 'new',
        name: 'Canary Org',
        website: 'https://canary.example.org',
        details: `Details that include ${CANARY_BODY} somewhere.`,
        contact: 'canary@example.org',
      },
      headers,
    );
    expect(posted.status).toBe(303);
    await postForm(env, '/en/support/suggest', { kind: 'new', details: CANARY_BODY }, headers); // a 422

    expect(env.logs.length).toBeGreaterThanOrEqual(pages.length);
    const logText = env.logs.join('\n');
    for (const canary of [
      CANARY_IP,
      CANARY_UA,
      'canary-ua-7731',
      CANARY_QUERY,
      CANARY_BODY,
      'canary@example.org',
      'ZW',
      'journalist',
    ]) {
      expect(logText, canary).not.toContain(canary);
    }
    // A triage step is logged by its pattern, never with the person's answers.
    expect(logText).toContain('"route":"/:locale{(?:en|es|fr|ar|ru)}/help/:flow{[a-z0-9-]+}/:node{[a-z0-9-]+}"');
    // Logs name the route pattern, not the path.
    expect(logText).toContain('"route":"/:locale{(?:en|es|fr|ar|ru)}/support/:id"');

    for (const [table, text] of Object.entries(await databaseText(env))) {
      for (const canary of [CANARY_IP, CANARY_UA, CANARY_QUERY, CANARY_BODY, 'canary@example.org']) {
        expect(text, `${table} holds ${canary}`).not.toContain(canary);
      }
    }
  });

  it('keeps passwords, emails, names and organisation names out of logs and out of the database in plaintext', async () => {
    const headers = { 'x-forwarded-for': CANARY_IP, 'user-agent': CANARY_UA };
    const orgId = await newOrg(env, CANARY_ORG);
    const invited = await withOrgKey(env, orgId, () =>
      inviteMember(env.ctx, cliOperator, orgId, { email: CANARY_EMAIL, role: 'admin' }),
    );
    if (!invited.ok) throw new Error('invite');
    const path = new URL(invited.value.link).pathname;
    expect((await env.app.request(path, { headers })).status).toBe(200);
    await postForm(
      env,
      path,
      { name: CANARY_NAME, password: CANARY_PASSWORD, password_confirm: 'not the same' },
      headers,
    ); // a 422
    const accepted = await postForm(
      env,
      path,
      { name: CANARY_NAME, password: CANARY_PASSWORD, password_confirm: CANARY_PASSWORD },
      headers,
    );
    expect(accepted.status).toBe(303);
    await postForm(env, '/en/login', { email: CANARY_EMAIL, password: `${CANARY_PASSWORD} wrong` }, headers);
    const signedIn = await postForm(env, '/en/login', { email: CANARY_EMAIL, password: CANARY_PASSWORD }, headers);
    const cookie = cookieFrom(signedIn, SESSION)!;
    for (const url of ['/en/dashboard', `/en/orgs/${orgId}`, '/en/account', '/en/account/two-factor']) {
      const res = await env.app.request(url, { headers: { ...headers, cookie } });
      expect(res.status, url).toBe(200);
    }
    expect(await (await env.app.request(`/en/orgs/${orgId}`, { headers: { cookie } })).text()).toContain(CANARY_NAME); // readable to members
    await postForm(env, '/en/password/forgot', { email: CANARY_EMAIL }, headers);
    await postForm(env, '/en/logout', {}, { ...headers, cookie });

    const logText = env.logs.join('\n');
    const everything = [
      CANARY_IP,
      CANARY_UA,
      CANARY_PASSWORD,
      CANARY_EMAIL,
      CANARY_NAME,
      CANARY_ORG,
      cookie.split('=')[1]!,
    ];
    for (const canary of everything) expect(logText, canary).not.toContain(canary);
    for (const [table, text] of Object.entries(await databaseText(env))) {
      for (const canary of everything) expect(text, `${table} holds ${canary}`).not.toContain(canary);
    }
  });
});
