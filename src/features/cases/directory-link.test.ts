// A helpline's directory record links to its request form, and a cached record page follows the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberActor, newOrg, withOrgKey } from '../../../tests/helpers/accounts.ts';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { saveHelplineSettings } from './service.ts';

let env: TestEnv;
let orgId: string;
beforeAll(async () => {
  env = await testEnv();
  orgId = await newOrg(env, 'Access Now Desk');
});
afterAll(() => env.close());

const save = (fields: Record<string, string>) =>
  withOrgKey(env, orgId, () =>
    saveHelplineSettings(
      env.ctx,
      memberActor(orgId, 'owner'),
      orgId,
      { languages: 'en', allHours: 'on', ...fields },
      'en',
    ),
  );
const page = async () => (await env.app.request('/en/support/access-now-helpline')).text();

describe('a helpline named by a directory record', () => {
  it('is linked from the record page while it is on, also when the page was cached before', async () => {
    expect(await page()).not.toContain('/en/helplines/');
    expect(await page()).not.toContain('/en/helplines/'); // now served from the page cache
    const saved = await save({ enabled: 'on', directoryId: 'access-now-helpline' });
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    expect(await page()).toContain(`href="/en/helplines/${saved.value.id}"`);
    await save({ enabled: '', directoryId: 'access-now-helpline' });
    expect(await page()).not.toContain('/en/helplines/');
  });

  it('refuses a record that is not in the directory', async () => {
    const saved = await save({ enabled: 'on', directoryId: 'no-such-record' });
    expect(saved.ok).toBe(false);
  });
});
