// Who belongs to an organisation, and in which role, changes only with an admin signed in: the lists
// that background jobs mail from (helpline alerts, legislation alerts) are sealed under the server key
// and written while someone holds the organisation's key. Features listen here to renew them at once,
// so a member who is disabled or demoted is no longer mailed, and a new admin is.
import type { Actor } from './access.ts';
import type { Logger } from './logger.ts';

export type MembershipListener = (actor: Actor, orgId: string) => Promise<void>;

export interface MembershipEvents {
  on(listener: MembershipListener): void;
  /** Runs every listener after a committed change; a failure is logged and the others still run. */
  changed(actor: Actor, orgId: string): Promise<void>;
}

export function createMembershipEvents(logger: Logger): MembershipEvents {
  const listeners: MembershipListener[] = [];
  return {
    on: (listener) => void listeners.push(listener),
    async changed(actor, orgId) {
      for (const listener of listeners) {
        try {
          await listener(actor, orgId);
        } catch (error) {
          logger.error(
            { err: error },
            'a list kept for background mail could not be renewed after a membership change',
          );
        }
      }
    },
  };
}
