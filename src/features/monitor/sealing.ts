// Where the monitor's sealed documents live and how they are found: rows are named by keyed tags under
// the organisation's key (no organisation id on disk), documents are padded to a multiple of PAD bytes
// before sealing so their length says little about what they hold.
import type { AppContext } from '../../context.ts';
import { padded } from '../../platform/sealed-documents.ts';
import { sealAt, type SealAddress } from '../../platform/sealer.ts';
import type { MonitorEvent } from './model.ts';
import type { SealedRow } from './queries.ts';
import { TermHasher } from './terms.ts';

const PAD = 1024;

export const eventAt = (orgId: string, id: string) => sealAt.org(orgId, 'monitor_events', 'doc', id);
export const versionAt = (orgId: string, id: string) => sealAt.org(orgId, 'monitor_versions', 'doc', id);

export function orgTags(ctx: AppContext, orgId: string) {
  return {
    events: ctx.keyring.tag(orgId, 'monitor:events'),
    versionsOf: (eventId: string) => ctx.keyring.tag(orgId, `monitor:versions:${eventId}`),
  };
}

/** The organisation's term maker (terms.ts), keyed from its data key; wipe it when done. */
export function termHasher(ctx: AppContext, orgId: string): TermHasher {
  return new TermHasher(Buffer.from(ctx.keyring.tag(orgId, 'monitor:terms'), 'base64url'));
}

export async function sealEvent(ctx: AppContext, at: SealAddress, value: unknown): Promise<string> {
  return ctx.sealer.seal(at, padded(value, PAD));
}

export async function openEvent<T = MonitorEvent>(
  ctx: AppContext,
  orgId: string,
  row: SealedRow,
  at: SealAddress = eventAt(orgId, row.id),
): Promise<T> {
  return JSON.parse(await ctx.sealer.open(at, row.doc)) as T;
}
