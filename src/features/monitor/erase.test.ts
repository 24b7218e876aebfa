import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, withOrgKey } from '../../../tests/helpers/accounts.ts';
import { testEnv, usingPostgres, type TestEnv } from '../../../tests/helpers/context.ts';
import { cliOperator } from '../../platform/access.ts';
import { eraseOrganisation } from '../accounts/erase/service.ts';
import { sampleEvent } from './fixtures.ts';
import { createNetwork } from './networks/service.ts';
import { editEvent, publishEvent, recordEvents } from './service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: false });
});
afterAll(() => env.close());

const TABLES = [
  'monitor_events',
  'monitor_versions',
  'monitor_public',
  'monitor_network_grants',
  'monitor_fts_keys',
] as const;
const counts = async () => {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    if (t === 'monitor_fts_keys' && usingPostgres) continue;
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(env.ctx.db);
    out[t] = Number(rows[0]!.n);
  }
  return out;
};

describe('erasing an organisation', () => {
  it('removes its monitor rows, its public copies and its network grants, and leaves another organisation’s', async () => {
    const [gone, kept] = [await newOrg(env, 'Erased Watch'), await newOrg(env, 'Kept Watch')];
    const before = await counts();
    for (const org of [gone, kept])
      await withOrgKey(env, org, async () => {
        const [e] = await recordEvents(env.ctx, cliOperator, org, [sampleEvent(), sampleEvent()]);
        await editEvent(env.ctx, cliOperator, org, e!.id, { ...sampleEvent(), title: 'Edited' });
        await publishEvent(env.ctx, cliOperator, org, e!.id, { state: 'public', fields: ['title'] });
        await createNetwork(env.ctx, cliOperator, org, `${org} network`);
      });
    const full = await counts();
    const erased = await withOrgKey(env, gone, () => eraseOrganisation(env.ctx, cliOperator, gone, {}));
    expect(erased.ok).toBe(true);
    const after = await counts();
    // What one organisation added is gone; the other's is all there.
    for (const t of Object.keys(after)) expect(after[t], t).toBe(before[t]! + (full[t]! - before[t]!) / 2);
    expect(after.monitor_events).toBeGreaterThan(0);
  });
});
