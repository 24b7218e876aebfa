import { ForbiddenError } from './errors.ts';

/** Who is acting. The accounts feature adds signed-in users; the CLI acts as the operator. */
export type Actor = { kind: 'anonymous' } | { kind: 'operator'; label: string };

export const anonymous: Actor = { kind: 'anonymous' };
export const cliOperator: Actor = { kind: 'operator', label: 'cli' };

export type Action = 'directory:read' | 'directory:write' | 'suggestion:create' | 'suggestion:moderate' | 'triage:use';

const policy: Record<Action, (actor: Actor) => boolean> = {
  'directory:read': () => true,
  'suggestion:create': () => true,
  'triage:use': () => true,
  'directory:write': (actor) => actor.kind === 'operator',
  'suggestion:moderate': (actor) => actor.kind === 'operator',
};

/** How an actor is named in the audit log: an id, never a person's details. */
export function actorId(actor: Actor): string {
  return actor.kind === 'operator' ? `operator:${actor.label}` : 'anonymous';
}

/** The one access check every service method opens with. */
export function requireAccess(actor: Actor, action: Action): void {
  if (!policy[action](actor)) throw new ForbiddenError(`${actor.kind} may not ${action}`);
}
