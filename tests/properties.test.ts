// Property tests with fast-check. (1) Mass assignment: ids, organisation ids, roles and owners added to
// any form are never stored or obeyed. (2) Whatever arrives as a body, the answer is never a 5xx and
// never a stack trace.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByLookup } from '../src/features/accounts/queries.ts';
import { allMembers } from '../src/features/accounts/orgs/members.ts';
import {
  addMember,
  addPlatformUser,
  newOrg,
  SESSION,
  sessionTokenFor,
  uniqueEmail,
  withOrgKey,
} from './helpers/accounts.ts';
import { testEnv, type TestEnv } from './helpers/context.ts';
import { databaseText } from './helpers/db-text.ts';

let env: TestEnv;
let orgA: string;
let orgB: string;
const ids: Record<'owner' | 'member' | 'curator' | 'outsider' | 'target', string> = {
  owner: '',
  member: '',
  curator: '',
  outsider: '',
  target: '',
};

async function userId(email: string) {
  return (await findUserByLookup(env.ctx.db, env.ctx.lookup.email(email)))!.id;
}

beforeAll(async () => {
  env = await testEnv();
  orgA = await newOrg(env, 'Alpha');
  orgB = await newOrg(env, 'Beta');
  ids.owner = await userId((await addMember(env, orgA, 'owner')).email);
  ids.member = await userId((await addMember(env, orgA, 'member')).email);
  ids.target = await userId((await addMember(env, orgA, 'viewer')).email);
  ids.outsider = await userId((await addMember(env, orgB, 'owner')).email);
  ids.curator = await userId((await addPlatformUser(env, 'curator')).email);
}, 60_000);
afterAll(() => env.close());

/** Every POST form, the person allowed to send it, and a body it accepts. */
function forms(): { url: string; as: keyof typeof ids | null; body: Record<string, string> }[] {
  const pw = 'long enough passphrase 77';
  return [
    {
      url: '/en/support/suggest',
      as: null,
      body: {
        kind: 'new',
        name: 'A fund',
        website: 'https://fund.example.org',
        details: 'A fund for groups under pressure, twenty words.',
        regions: 'global',
      },
    },
    { url: '/en/login', as: null, body: { email: 'nobody@example.org', password: 'x' } },
    { url: '/en/password/forgot', as: null, body: { email: 'nobody@example.org' } },
    { url: '/en/account/password', as: 'member', body: { current: 'wrong', password: pw, password_confirm: pw } },
    { url: '/en/account/two-factor', as: 'member', body: { code: '123456' } },
    { url: `/en/orgs/${orgA}/invitations`, as: 'owner', body: { email: uniqueEmail('p'), role: 'member' } },
    { url: `/en/orgs/${orgA}/members/${ids.target}/role`, as: 'owner', body: { role: 'viewer' } },
    { url: `/en/orgs/${orgA}/settings`, as: 'owner', body: {} },
    { url: '/en/curate/suggestions/zzzzzzzzzzzz/reject', as: 'curator', body: { reason: 'duplicate' } },
    { url: '/en/curate/directory/access-now-helpline', as: 'curator', body: { yaml: 'name: x' } },
    { url: '/en/signup', as: null, body: { email: uniqueEmail('s') } },
  ];
}

const CANARY = 'massassigncanary';
const extraField = fc.constantFrom(
  'id',
  'orgId',
  'org_id',
  'role',
  'ownerId',
  'owner_id',
  'userId',
  'user_id',
  'platform_role',
  'platformRole',
  'status',
  'invited_by',
  'disabled_at',
);

async function send(
  url: string,
  as: keyof typeof ids | null,
  body: Record<string, string>,
  init: { type?: string; raw?: BodyInit } = {},
) {
  const headers: Record<string, string> = {
    origin: 'http://localhost',
    'content-type': init.type ?? 'application/x-www-form-urlencoded',
  };
  if (as) headers.cookie = `${SESSION}=${await sessionTokenFor(env, ids[as])}`;
  return env.app.request(url, { method: 'POST', headers, body: init.raw ?? new URLSearchParams(body) });
}

async function authority() {
  const memberships = [];
  for (const orgId of [orgA, orgB])
    for (const m of await withOrgKey(env, orgId, () => allMembers(env.ctx, env.ctx.db, orgId)))
      if (m.userId !== ids.target) memberships.push({ orgId, ...m });
  const roles = await env.ctx.db
    .selectFrom('users')
    .select(['id', 'platform_role', 'disabled_at'])
    .orderBy('id')
    .execute();
  const orgs = await env.ctx.db.selectFrom('organisations').select(['id']).orderBy('id').execute();
  return JSON.stringify({ memberships, roles, orgs: orgs.length });
}

describe('mass assignment', () => {
  it('extra ids, organisation ids, roles and owners on any form are never stored or obeyed', async () => {
    const before = await authority();
    // Every form once with every extra field, then random mixes.
    const all = {
      id: CANARY,
      orgId: orgB,
      org_id: orgB,
      role: 'owner',
      ownerId: ids.outsider,
      owner_id: ids.outsider,
      userId: ids.outsider,
      user_id: ids.outsider,
      platform_role: 'operator',
      platformRole: 'operator',
      status: 'approved',
      invited_by: CANARY,
      disabled_at: CANARY,
    };
    for (const form of forms())
      expect((await send(form.url, form.as, { ...all, ...form.body })).status, form.url).toBeLessThan(500);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: forms().length - 1 }),
        fc.uniqueArray(extraField, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('canary', 'orgB', 'outsider', 'owner'),
        async (i, fields, kind) => {
          const form = forms()[i]!;
          const value = { canary: CANARY, orgB: orgB, outsider: ids.outsider, owner: 'owner' }[kind];
          const body = {
            ...Object.fromEntries(
              fields.map((f) => [
                f,
                f === 'role' || f === 'platform_role' || f === 'platformRole'
                  ? kind === 'owner'
                    ? 'owner'
                    : 'operator'
                  : value,
              ]),
            ),
            ...form.body,
          };
          const res = await send(form.url, form.as, body);
          expect(res.status, form.url).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    // Open sign-up is off, so no organisation appeared; nobody gained a role or a membership.
    expect(await authority()).toBe(before);
    // Invitations sent through the form go to the organisation in the URL, with the role the form chose.
    const sent = await env.ctx.db
      .selectFrom('invitations')
      .select(['org_tag', 'role'])
      .where('org_tag', 'is not', null)
      .execute();
    expect(sent.length).toBeGreaterThan(0);
    const tagA = await withOrgKey(env, orgA, async () => env.ctx.keyring.tag(orgA, 'invitations'));
    for (const inv of sent) expect(inv).toEqual({ org_tag: tagA, role: 'member' });
    for (const [table, text] of Object.entries(await databaseText(env))) expect(text, table).not.toContain(CANARY);
  }, 120_000);
});

describe('hostile bodies', () => {
  const bodies = fc.oneof(
    fc.constant({ type: 'application/x-www-form-urlencoded', raw: '' }),
    fc.string({ maxLength: 300 }).map((s) => ({ type: 'application/x-www-form-urlencoded', raw: s })),
    fc
      .uint8Array({ maxLength: 400 })
      .map((b) => ({ type: 'application/x-www-form-urlencoded', raw: Buffer.from(b) as unknown as BodyInit })), // invalid UTF-8
    fc.json().map((j) => ({ type: 'application/json', raw: j })),
    fc.string({ maxLength: 200 }).map((s) => ({ type: 'multipart/form-data; boundary=xyz', raw: `--xyz\r\n${s}` })),
    fc
      .constantFrom('text/plain', 'application/xml', 'image/png', '', 'multipart/form-data')
      .map((type) => ({ type, raw: 'a=b&c=d' })),
    fc
      .integer({ min: 65 * 1024, max: 200 * 1024 })
      .map((n) => ({ type: 'application/x-www-form-urlencoded', raw: `details=${'x'.repeat(n)}` })),
  );

  it('never answer 5xx and never show a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: forms().length - 1 }), bodies, async (i, body) => {
        const form = forms()[i]!;
        const res = await send(form.url, form.as, {}, body);
        expect(res.status, `${form.url} ${body.type}`).toBeLessThan(500);
        const text = await res.text();
        expect(text).not.toMatch(/\bat .+\.(ts|tsx|js):\d+/);
        expect(text).not.toContain('node_modules');
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
