import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg } from '../../tests/helpers/accounts.ts';
import { testEnv, type TestEnv } from '../../tests/helpers/context.ts';
import { createKeyring } from './keyring.ts';
import { createSealer, sealAt } from './sealer.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: false });
});
afterAll(() => env.close());

describe('per-organisation data keys', () => {
  it('seal each organisation under its own key, stored only wrapped', async () => {
    const a = await newOrg(env, 'Org A');
    const b = await newOrg(env, 'Org B');
    const at = (orgId: string) => sealAt.org(orgId, 'org_documents', 'doc', 'r1');
    const sealed = await env.ctx.sealer.seal(at(a), 'the witness lives on Calle 5');
    expect(await env.ctx.sealer.open(at(a), sealed)).toBe('the witness lives on Calle 5');
    await expect(env.ctx.sealer.open(at(b), sealed)).rejects.toThrow(/unable to authenticate data/); // another organisation's key

    const keyA = await env.ctx.keyring.keys({ kind: 'org', orgId: a });
    const keyB = await env.ctx.keyring.keys({ kind: 'org', orgId: b });
    expect(keyA.equals(keyB)).toBe(false);
    const rows = await env.ctx.db.selectFrom('org_keys').select(['org_id', 'wrapped']).execute();
    const stored = rows.map((r) => r.wrapped).join('\n');
    for (const key of [keyA, keyB]) {
      expect(stored).not.toContain(key.toString('base64url'));
      expect(stored).not.toContain(key.toString('hex'));
      expect(stored).not.toContain(key.toString('base64'));
    }

    // A fresh process with the same server key unwraps the same key; another server key cannot.
    const fresh = createSealer(createKeyring(env.ctx.db, env.ctx.serverKey).keys);
    expect(await fresh.open(at(a), sealed)).toBe('the witness lives on Calle 5');
    const stranger = createSealer(createKeyring(env.ctx.db, randomBytes(32)).keys);
    await expect(stranger.open(at(a), sealed)).rejects.toThrow(/unable to authenticate data/); // cannot unwrap the data key
  });

  it("destroying the wrapped key makes the organisation's data unreadable (crypto-erase)", async () => {
    const c = await newOrg(env, 'Org C');
    const at = sealAt.org(c, 'org_documents', 'doc', 'r9');
    const sealed = await env.ctx.sealer.seal(at, 'names of the detained');
    await env.ctx.db.deleteFrom('org_keys').where('org_id', '=', c).execute();
    const afterErase = createSealer(createKeyring(env.ctx.db, env.ctx.serverKey).keys);
    await expect(afterErase.open(at, sealed)).rejects.toThrow(/no data key/);
  });
});
