// Nothing identifying is logged or stored: send canaries where an IP, a user agent, search words and a
// form body would travel, then look for them in every log line and every text column of the database.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, testEnv, type TestEnv } from './helpers/context.ts';

const CANARY_IP = '203.0.113.77';
const CANARY_UA = 'CanaryAgent/9.9 (canary-ua-7731)';
const CANARY_QUERY = 'canaryquerytoken';
const CANARY_BODY = 'canary-body-secret-5150';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

describe('privacy', () => {
  it('keeps IPs, user agents, searches and bodies out of logs and the database', async () => {
    const headers = { 'x-forwarded-for': CANARY_IP, 'x-real-ip': CANARY_IP, forwarded: `for=${CANARY_IP}`, 'user-agent': CANARY_UA };
    const pages = ['/en', `/en/help/digital-attack/account-taken-over?who=journalist&lang=ru&country=ZW&urgency=now`, `/en/support?q=${CANARY_QUERY}`, '/en/support/civicert', `/en/support/${CANARY_QUERY}`, `/api/v1/support?q=${CANARY_QUERY}`, '/en/support/suggest'];
    for (const url of pages) expect((await env.app.request(url, { headers })).status).toBeLessThan(500);
    const posted = await postForm(env, '/en/support/suggest', { kind: 'new', name: 'Canary Org', website: 'https://canary.example.org', details: `Details that include ${CANARY_BODY} somewhere.`, contact: 'canary@example.org' }, headers);
    expect(posted.status).toBe(303);
    await postForm(env, '/en/support/suggest', { kind: 'new', details: CANARY_BODY }, headers); // a 422

    expect(env.logs.length).toBeGreaterThanOrEqual(pages.length);
    const logText = env.logs.join('\n');
    for (const canary of [CANARY_IP, CANARY_UA, 'canary-ua-7731', CANARY_QUERY, CANARY_BODY, 'canary@example.org', 'ZW', 'journalist']) {
      expect(logText, canary).not.toContain(canary);
    }
    // A triage step is logged by its pattern, never with the person's answers.
    expect(logText).toContain('"route":"/:locale{(?:en|es|fr|ar|ru)}/help/:flow{[a-z0-9-]+}/:node{[a-z0-9-]+}"');
    // Logs name the route pattern, not the path.
    expect(logText).toContain('"route":"/:locale{(?:en|es|fr|ar|ru)}/support/:id"');

    const tables = ['mechanisms', 'suggestions', 'rate_limits', 'audit_log'] as const;
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(env.ctx.db);
      const text = JSON.stringify(rows.rows);
      for (const canary of [CANARY_IP, CANARY_UA, CANARY_QUERY, CANARY_BODY, 'canary@example.org']) {
        expect(text, `${table} holds ${canary}`).not.toContain(canary);
      }
    }
  });
});
