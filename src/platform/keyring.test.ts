import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, withOrgKey } from '../../tests/helpers/accounts.ts';
import { testEnv, type TestEnv } from '../../tests/helpers/context.ts';
import { dataKeyOf, emptyKeys, KeyUnavailableError, newOrgSecret } from './keyring.ts';
import { sealAt } from './sealer.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: false });
});
afterAll(() => env.close());

const at = (orgId: string) => sealAt.org(orgId, 'org_documents', 'doc', 'r1');

describe('organisation keys held per request', () => {
  it('seal each organisation under its own key, which opens only inside a request holding it', async () => {
    const a = await newOrg(env, 'Org A');
    const b = await newOrg(env, 'Org B');
    const sealed = await withOrgKey(env, a, () => env.ctx.sealer.seal(at(a), 'the witness lives on Calle 5'));
    expect(await withOrgKey(env, a, () => env.ctx.sealer.open(at(a), sealed))).toBe('the witness lives on Calle 5');
    // Another organisation's key, and no key at all, open nothing.
    const moved = sealed;
    await expect(withOrgKey(env, b, () => env.ctx.sealer.open(at(b), moved))).rejects.toThrow(/unable to authenticate/);
    await expect(env.ctx.sealer.open(at(a), sealed)).rejects.toThrow(KeyUnavailableError);
    await expect(env.ctx.keyring.hold(emptyKeys(), () => env.ctx.sealer.open(at(a), sealed))).rejects.toThrow(
      KeyUnavailableError,
    );
  });

  it('a request’s keys are overwritten and let go when it ends, even when it fails', async () => {
    const org = await newOrg(env, 'Org C');
    let seen: Buffer | undefined;
    expect(env.ctx.keyring.liveKeyCount()).toBe(0);
    await expect(
      withOrgKey(env, org, async () => {
        seen = env.ctx.keyring.held()!.orgs.get(org)!.dataKey;
        expect(seen.equals(Buffer.alloc(32))).toBe(false);
        expect(env.ctx.keyring.liveKeyCount()).toBe(1);
        throw new Error('the request failed');
      }),
    ).rejects.toThrow('the request failed');
    expect(seen!.equals(Buffer.alloc(32))).toBe(true); // zeroed in place
    expect(env.ctx.keyring.liveKeyCount()).toBe(0);
    expect(env.ctx.keyring.held()).toBeUndefined();
  });

  it('the data key needs both the secret and the salt in the organisation row', () => {
    const { secret, salt } = newOrgSecret();
    const key = dataKeyOf(secret, salt);
    expect(key.equals(dataKeyOf(secret, salt))).toBe(true);
    expect(key.equals(dataKeyOf(secret, randomBytes(32).toString('base64url')))).toBe(false);
    expect(key.equals(secret)).toBe(false);
    expect(dataKeyOf(secret, null).equals(secret)).toBe(true); // organisations from before 0007
  });

  it('tags hide which rows belong to which organisation, and differ by label', async () => {
    const a = await newOrg(env, 'Org D');
    const b = await newOrg(env, 'Org E');
    const tagA = await withOrgKey(env, a, async () => env.ctx.keyring.tag(a, 'members'));
    const tagB = await withOrgKey(env, b, async () => env.ctx.keyring.tag(b, 'members'));
    expect(tagA).not.toBe(tagB);
    expect(tagA).not.toContain(a);
    expect(await withOrgKey(env, a, async () => env.ctx.keyring.tag(a, 'audit'))).not.toBe(tagA);
    expect(await withOrgKey(env, a, async () => env.ctx.keyring.tag(a, 'members'))).toBe(tagA);
  });
});
