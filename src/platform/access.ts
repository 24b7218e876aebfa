// Who may do what. Every service method opens with one requireAccess call; this file is the whole policy.
import { ForbiddenError, NotFoundError, UnauthenticatedError } from './errors.ts';

export const ORG_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export type PlatformRole = 'operator' | 'curator';

export interface Membership {
  role: OrgRole;
  /** The organisation requires two-factor sign-in of its members. */
  requireMfa: boolean;
}

/**
 * What a session opened with the duress passphrase shows (docs/decisions/0016): the organisation the
 * member chose, as an empty, newly created workspace, or none. Such a session holds no keys.
 */
export interface DecoyView {
  org: { id: string; name: string; role: OrgRole } | null;
}

export type Actor =
  | { kind: 'anonymous' }
  /** The command line, run by whoever runs the server. */
  | { kind: 'operator'; label: string }
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      platformRole: PlatformRole | null;
      /** Signed in with a second factor (or has it enrolled). */
      mfa: boolean;
      memberships: ReadonlyMap<string, Membership>;
      /** Present only in a duress sign-in's session: its pages show an empty decoy, never real data. */
      decoy?: DecoyView;
    };

export const anonymous: Actor = { kind: 'anonymous' };
export const cliOperator: Actor = { kind: 'operator', label: 'cli' };

type PublicAction =
  | 'directory:read'
  | 'suggestion:create'
  | 'triage:use'
  | 'session:start'
  | 'monitor:public'
  | 'monitor:report'
  | 'cases:request'
  | 'countries:read'
  | 'legislation:read';
type PlatformAction = 'countries:import' | 'directory:write' | 'suggestion:moderate' | 'org:create' | 'user:admin';
export type OrgAction = 'org:read' | 'org:write' | 'org:manage' | 'org:own';
export type Action = PublicAction | PlatformAction | OrgAction | 'account:self';

/** What an organisation's action is about. */
export interface OrgResource {
  orgId: string;
}

const PUBLIC = new Set<Action>([
  'directory:read',
  'suggestion:create',
  'triage:use',
  'session:start',
  'monitor:public',
  'monitor:report',
  'cases:request',
  'countries:read',
  'legislation:read',
]);
const RANK: Record<OrgRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
const NEEDS: Record<OrgAction, OrgRole> = {
  'org:read': 'viewer',
  'org:write': 'member',
  'org:manage': 'admin',
  'org:own': 'owner',
};
const PLATFORM: Record<PlatformAction, readonly PlatformRole[]> = {
  'countries:import': ['operator'],
  'directory:write': ['curator', 'operator'],
  'suggestion:moderate': ['curator', 'operator'],
  'org:create': ['operator'],
  'user:admin': ['operator'],
};

const isOrgAction = (a: Action): a is OrgAction => a in NEEDS;
const isPlatformAction = (a: Action): a is PlatformAction => a in PLATFORM;

/** How an actor is named in the audit log: an id, never a person's details. */
export function actorId(actor: Actor): string {
  if (actor.kind === 'operator') return `operator:${actor.label}`;
  return actor.kind === 'user' ? `user:${actor.userId}` : 'anonymous';
}

/**
 * The one access check. Another organisation's objects answer NotFound, exactly like missing ones, so
 * guessing ids tells nothing. Organisation data is never readable through a platform role: an
 * operator runs the server, not its tenants.
 */
export function requireAccess(actor: Actor, action: Action, resource?: OrgResource): void {
  if (PUBLIC.has(action)) return;
  if (actor.kind === 'operator') return;
  if (actor.kind === 'anonymous') throw new UnauthenticatedError(`sign in to ${action}`);
  if (action === 'account:self') return;
  if (isPlatformAction(action)) {
    if (actor.platformRole && PLATFORM[action].includes(actor.platformRole)) return;
    throw new ForbiddenError(`${action} needs a platform role`);
  }
  if (isOrgAction(action)) {
    const membership = resource && actor.memberships.get(resource.orgId);
    if (!membership) throw new NotFoundError('no such organisation');
    if (membership.requireMfa && !actor.mfa) throw new MfaRequiredError('the organisation requires two-factor sign-in');
    if (RANK[membership.role] < RANK[NEEDS[action]]) throw new ForbiddenError(`${action} needs ${NEEDS[action]}`);
    return;
  }
  throw new ForbiddenError(`unknown action ${String(action)}`);
}

/**
 * The action that granting, changing, disabling or taking away these roles needs. Admins manage members
 * and viewers; only owners grant or remove the admin and owner roles, so an admin never creates someone
 * they could not remove again.
 */
export function roleAction(...roles: OrgRole[]): OrgAction {
  return roles.some((role) => RANK[role] >= RANK.admin) ? 'org:own' : 'org:manage';
}

/** For views that show or hide a control: the same policy as requireAccess, as a yes or no. */
export function allows(actor: Actor, action: Action, resource?: OrgResource): boolean {
  try {
    requireAccess(actor, action, resource);
    return true;
  } catch {
    return false;
  }
}

/** True in a duress sign-in's session: services answer with an empty workspace. */
export function isDecoy(actor: Actor): boolean {
  return actor.kind === 'user' && actor.decoy !== undefined;
}

/** The actor's role in an organisation, if a member. */
export function roleIn(actor: Actor, orgId: string): OrgRole | undefined {
  return actor.kind === 'user' ? actor.memberships.get(orgId)?.role : undefined;
}

export class MfaRequiredError extends ForbiddenError {
  override name = 'MfaRequiredError';
  override readonly messageKey: string = 'error.mfaRequired';
}
