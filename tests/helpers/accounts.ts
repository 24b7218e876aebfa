// Organisations and people for tests, made through the real flows: an operator's invitation, accepted
// with a password, then a sign-in through the login form. An organisation's key lives only in a request's
// scope; the tests keep a copy of each new organisation's secret here, so code that acts as the operator
// (with no member's session) can be run holding it: `withOrgKey`.
import { acceptAsNewUser } from '../../src/features/accounts/invitations/service.ts';
import { inviteMember, invitePlatformUser } from '../../src/features/accounts/invitations/service.ts';
import { createOrganisation, findOrg } from '../../src/features/accounts/orgs/service.ts';
import { unlockKeyPair } from '../../src/features/accounts/keys.ts';
import { readMember } from '../../src/features/accounts/orgs/members.ts';
import { findUserById } from '../../src/features/accounts/queries.ts';
import { startSession } from '../../src/features/accounts/sessions.ts';
import { orgAuditEntries } from '../../src/platform/audit.ts';
import { emptyKeys } from '../../src/platform/keyring.ts';
import type { KeyPair } from '../../src/platform/member-keys.ts';
import { anonymous, cliOperator, type Actor, type OrgRole, type PlatformRole } from '../../src/platform/access.ts';
import { CANARY_PASSWORD, postForm, type TestEnv } from './context.ts';

/** Every helper-made account's password: also a privacy canary (see context.ts). */
export const PASSWORD = CANARY_PASSWORD;

export interface Person {
  email: string;
  password: string;
  userId?: string;
}

let counter = 0;
export function uniqueEmail(label: string): string {
  return `${label}.${Date.now().toString(36)}${(counter++).toString(36)}@example.org`;
}

async function accept(env: TestEnv, token: string, name: string): Promise<void> {
  const result = await env.ctx.keyring.hold(emptyKeys(), () =>
    acceptAsNewUser(env.ctx, anonymous, token, { name, password: PASSWORD, password_confirm: PASSWORD }),
  );
  if (!result.ok) throw new Error(`accepting failed: ${JSON.stringify(result.problems)}`);
}

/** Test-only copies of organisation secrets (a real server never keeps one outside a request). */
const secrets = new Map<string, Buffer>();

/** Runs `fn` holding the organisation's key, as a member's request would. */
export async function withOrgKey<T>(env: TestEnv, orgId: string, fn: () => Promise<T>): Promise<T> {
  const secret = secrets.get(orgId);
  if (!secret) throw new Error(`no test copy of the key of ${orgId}`);
  const org = await findOrg(env.ctx.db, orgId);
  return env.ctx.keyring.hold(emptyKeys(), () => {
    env.ctx.keyring.admit(orgId, secret, org?.keySalt ?? null);
    return fn();
  });
}

export async function newOrg(env: TestEnv, name = 'Defensores del Agua'): Promise<string> {
  return env.ctx.keyring.hold(emptyKeys(), async () => {
    const created = await createOrganisation(env.ctx, cliOperator, { name });
    if (!created.ok) throw new Error('org create failed');
    secrets.set(created.value.id, Buffer.from(env.ctx.keyring.held()!.orgs.get(created.value.id)!.secret));
    return created.value.id;
  });
}

export async function addMember(
  env: TestEnv,
  orgId: string,
  role: OrgRole,
  email = uniqueEmail(role),
): Promise<Person> {
  const invited = await withOrgKey(env, orgId, () => inviteMember(env.ctx, cliOperator, orgId, { email, role }));
  if (!invited.ok) throw new Error(`invite failed: ${JSON.stringify(invited.problems)}`);
  await accept(env, invited.value.token, `Test ${role}`);
  return { email, password: PASSWORD };
}

export async function addPlatformUser(env: TestEnv, role: PlatformRole, email = uniqueEmail(role)): Promise<Person> {
  const invited = await invitePlatformUser(env.ctx, cliOperator, email, role);
  await accept(env, invited.token, `Test ${role}`);
  return { email, password: PASSWORD };
}

/** The Cookie header value of a response's Set-Cookie for one cookie name, or undefined. */
export function cookieFrom(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [key, value] = pair!.split('=');
    if (key === name && value) return `${key}=${value}`;
  }
  return undefined;
}

export const SESSION = '__Host-amparo_session';

/** Signs in through the form and returns the session cookie ("name=value"). */
export async function signInAs(env: TestEnv, person: Person): Promise<string> {
  const res = await postForm(env, '/en/login', { email: person.email, password: person.password });
  const cookie = cookieFrom(res, SESSION);
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed with ${res.status}`);
  return cookie;
}

const pairs = new Map<string, KeyPair>();

/**
 * A full session for a helper-made account (its password is PASSWORD), as signing in would make it,
 * keys included; the key pair is unlocked once per account and kept for the test file.
 */
export async function sessionTokenFor(env: TestEnv, userId: string): Promise<string> {
  let pair = pairs.get(userId);
  if (!pair) {
    const user = await findUserById(env.ctx.db, userId);
    if (!user) throw new Error(`no user ${userId}`);
    pair = await unlockKeyPair(env.ctx, user, PASSWORD);
    pairs.set(userId, pair);
  }
  const copy = { publicKey: pair.publicKey, privateKey: Buffer.from(pair.privateKey) };
  return (await startSession(env.ctx, userId, 'full', copy)).token;
}

/** A member's row as stored under the organisation's key. */
export async function memberOf(env: TestEnv, orgId: string, userId: string) {
  return withOrgKey(env, orgId, () => readMember(env.ctx, orgId, userId));
}

/** The organisation's audit entries, opened with its key (they are sealed on disk). */
export async function orgAudit(env: TestEnv, orgId: string) {
  return withOrgKey(env, orgId, () => orgAuditEntries(env.ctx.db, env.ctx.keyring.held()!.orgs.get(orgId)!.dataKey));
}

/** The account id of a helper-made person, found by their address as the sign-in form would. */
export async function userIdOf(env: TestEnv, person: Person): Promise<string> {
  const row = await env.ctx.db
    .selectFrom('users')
    .select('id')
    .where('email_lookup', '=', env.ctx.lookup.email(person.email))
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A signed-in member of one organisation, as a service sees them (for service tests that need no account). */
export function memberActor(orgId: string, role: OrgRole, userId = `${role}-actor`): Actor {
  return {
    kind: 'user',
    userId,
    sessionId: `s-${userId}`,
    platformRole: null,
    mfa: true,
    memberships: new Map([[orgId, { role, requireMfa: false }]]),
  };
}
