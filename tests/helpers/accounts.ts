// Organisations and people for tests, made through the real flows: an operator's invitation, accepted
// with a password, then a sign-in through the login form.
import { acceptAsNewUser } from '../../src/features/accounts/invitations/service.ts';
import { inviteMember, invitePlatformUser } from '../../src/features/accounts/invitations/service.ts';
import { createOrganisation } from '../../src/features/accounts/orgs/service.ts';
import { anonymous, cliOperator, type OrgRole, type PlatformRole } from '../../src/platform/access.ts';
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
  const result = await acceptAsNewUser(env.ctx, anonymous, token, {
    name,
    password: PASSWORD,
    password_confirm: PASSWORD,
  });
  if (!result.ok) throw new Error(`accepting failed: ${JSON.stringify(result.problems)}`);
}

export async function newOrg(env: TestEnv, name = 'Defensores del Agua'): Promise<string> {
  const created = await createOrganisation(env.ctx, cliOperator, { name });
  if (!created.ok) throw new Error('org create failed');
  return created.value.id;
}

export async function addMember(
  env: TestEnv,
  orgId: string,
  role: OrgRole,
  email = uniqueEmail(role),
): Promise<Person> {
  const invited = await inviteMember(env.ctx, cliOperator, orgId, { email, role });
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
