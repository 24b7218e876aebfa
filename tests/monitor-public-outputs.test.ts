// Every public output of the monitor, generated from the app's own route list: each page, feed and
// report anyone can fetch is requested for a country with a published event whose victim, witness's
// contact and exact point are distinctive, and none of them may appear. A new public monitor route is
// covered without editing this file (and fails it if its parameters are unknown here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEvent, VICTIM, WITNESS_CONTACT } from '../src/features/monitor/fixtures.ts';
import { PUBLIC_FIELDS } from '../src/features/monitor/model.ts';
import { publishEvent, recordEvents } from '../src/features/monitor/service.ts';
import { cliOperator } from '../src/platform/access.ts';
import { newOrg, withOrgKey } from './helpers/accounts.ts';
import { testEnv, type TestEnv } from './helpers/context.ts';

let env: TestEnv;
let publicId: string;
beforeAll(async () => {
  env = await testEnv({ seed: false });
  const orgId = await newOrg(env, 'Public Outputs Org');
  publicId = await withOrgKey(env, orgId, async () => {
    const described = sampleEvent({
      description: `${VICTIM} (contact ${WITNESS_CONTACT}) was held near 53.6779, 23.8295 (53.68, 23.83).`,
      place: { country: 'BY', region: `Near ${VICTIM}'s flat`, point: { lat: 53.6779, lon: 23.8295 } },
    });
    const [e] = await recordEvents(env.ctx, cliOperator, orgId, [described]);
    const published = await publishEvent(env.ctx, cliOperator, orgId, e!.id, {
      state: 'public',
      fields: [...PUBLIC_FIELDS],
    });
    return published.publication.publicId!;
  });
});
afterAll(() => env.close());

const SECRETS = [VICTIM, 'Zhanna', 'Kvyatkovskaya', WITNESS_CONTACT, '53.6779', '23.8295', '53.68', '23.83'];
const L = '/:locale{(?:en|es|fr|ar|ru)}';

function concrete(path: string): string {
  const url = path
    .replace(L, '/en')
    .replace(/:iso\{\[A-Za-z\]\{2\}\\\.atom\}/, 'BY.atom')
    .replace(/:iso\{\[A-Z\]\{2\}\}/, 'BY')
    .replace(/:type\{.*\.atom\}/, 'detention-of-protesters.atom')
    .replace(':id', publicId);
  if (url.includes(':')) throw new Error(`no value for a parameter of ${path}`);
  return url.includes('/report') ? `${url}?country=BY&from=2026-01&to=2026-12` : url;
}

describe('every public output of the monitor', () => {
  it('shows the published event and never a name, contact or exact point', async () => {
    const routes = env.app.routes
      .filter((r) => r.method === 'GET' && r.path.startsWith(`${L}/monitor`))
      .map((r) => r.path);
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const path of new Set(routes))
      for (const locale of ['en', 'ar']) {
        const url = concrete(path).replace('/en/', `/${locale}/`);
        const res = await env.app.request(url);
        expect(res.status, url).toBe(200);
        const body = await res.text();
        for (const s of SECRETS) expect(body, `${url} holds ${s}`).not.toContain(s);
        // The event is there (by its region's redacted text, or its type), so the check is not vacuous.
        if (!url.endsWith('/monitor'))
          expect(body, url).toMatch(/\[…\]|detention|Detention|احتجاز|Задержание|Détention/);
      }
  });
});
