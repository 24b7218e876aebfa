import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { databaseText } from '../../../../tests/helpers/db-text.ts';
import type { Actor, OrgRole } from '../../../platform/access.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { sampleEvent, VICTIM, WITNESS_CONTACT } from '../fixtures.ts';
import { editEvent, publishEvent, recordEvents } from '../service.ts';
import { createNetwork, inviteToNetwork, joinNetwork, networkEvents, orgNetworks } from './service.ts';

let env: TestEnv;
const orgs: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
beforeAll(async () => {
  env = await testEnv({ seed: false });
  orgs.a = await newOrg(env, 'Alpha Watch');
  orgs.b = await newOrg(env, 'Beta Rights');
  orgs.c = await newOrg(env, 'Gamma Outside');
});
afterAll(() => env.close());

const admin = (org: string, role: OrgRole = 'admin'): Actor => ({
  kind: 'user',
  userId: `u-${org}`,
  sessionId: 's',
  platformRole: null,
  mfa: true,
  memberships: new Map([[org, { role, requireMfa: false }]]),
});
const as = <T>(org: keyof typeof orgs, fn: (orgId: string, actor: Actor) => Promise<T>) =>
  withOrgKey(env, orgs[org], () => fn(orgs[org], admin(orgs[org])));

describe('networks of organisations', () => {
  it('share chosen events, reduced as for the public and attributed to the organisation, with members only', async () => {
    const created = await as('a', (o, who) => createNetwork(env.ctx, who, o, 'Central Asia Network'));
    if (!created.ok) throw new Error('not created');
    const net = created.value.id;
    const code = await as('a', (o, who) => inviteToNetwork(env.ctx, who, o, net));
    expect((await as('b', (o, who) => joinNetwork(env.ctx, who, o, code.toLowerCase()))).ok).toBe(true);
    // A join code works once.
    expect((await as('c', (o, who) => joinNetwork(env.ctx, who, o, code))).ok).toBe(false);
    expect((await as('b', (o, who) => orgNetworks(env.ctx, who, o))).map((n) => n.name)).toEqual([
      'Central Asia Network',
    ]);
    expect(await as('c', (o, who) => orgNetworks(env.ctx, who, o))).toEqual([]);

    const [e] = await as('a', (o, who) => recordEvents(env.ctx, who, o, [sampleEvent()]));
    const seen = () => as('b', (o, who) => networkEvents(env.ctx, who, o, net)).then((r) => r.events);
    expect(await seen()).toEqual([]);
    await as('a', (o, who) =>
      publishEvent(env.ctx, who, o, e!.id, { state: 'network', fields: ['title', 'description', 'acts'] }),
    );
    const shared = await seen();
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ from: 'Alpha Watch', country: 'BY', region: null });
    for (const s of [VICTIM, WITNESS_CONTACT, '53.6779']) expect(JSON.stringify(shared)).not.toContain(s);
    // An edit reaches the network's copy.
    await as('a', (o, who) =>
      editEvent(env.ctx, who, o, e!.id, { ...sampleEvent(), title: 'Detention after the vigil, updated' }),
    );
    expect((await seen())[0]!.title).toBe('Detention after the vigil, updated');
    // Outsiders: not found, even holding their own keys.
    await expect(as('c', (o, who) => networkEvents(env.ctx, who, o, net))).rejects.toThrow(NotFoundError);
    // On disk: no plain name of the network, its members or the event.
    const text = JSON.stringify(await databaseText(env));
    for (const s of ['Central Asia Network', 'Detention after the vigil, updated', 'Alpha Watch'])
      expect(text).not.toContain(s);
    // Taken back: gone from the network.
    await as('a', (o, who) => publishEvent(env.ctx, who, o, e!.id, { state: 'private', fields: [] }));
    expect(await seen()).toEqual([]);
  });
});
