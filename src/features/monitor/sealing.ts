// Where the monitor's sealed documents live and how they are found: rows are named by keyed tags under
// the organisation's key (no organisation id on disk), documents are padded to a multiple of PAD bytes
// before sealing so their length says little about what they hold.
import type { AppContext } from '../../context.ts';
import { padded } from '../../platform/sealed-documents.ts';
import { sealAt, type SealAddress } from '../../platform/sealer.ts';
import type { MonitorEvent } from './model.ts';
import type { NewEventRow, SealedRow } from './queries.ts';
import { eventTerms, TermHasher } from './terms.ts';

const PAD = 1024;
/** New events are sealed and written this many at a time (one batch written while the next is sealed). */
const BATCH = 500;
/** Sealing gives way to the event loop every this many events, so the batch before goes on being written. */
const YIELD_EVERY = 50;

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

/**
 * New events sealed under the organisation's key with their terms, a batch at a time: the import's own
 * CPU work, which gives way to the event loop every few events, so that on PostgreSQL the batch before,
 * already sent, is written meanwhile (queries.ts insertEvents). The same rows as sealing them all first.
 */
export async function* sealedBatches(
  ctx: AppContext,
  orgId: string,
  h: TermHasher,
  events: readonly MonitorEvent[],
): AsyncGenerator<NewEventRow[]> {
  for (let i = 0; i < events.length; i += BATCH) {
    const batch: NewEventRow[] = [];
    for (const e of events.slice(i, i + BATCH)) {
      if (batch.length % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      batch.push({ id: e.id, doc: await sealEvent(ctx, eventAt(orgId, e.id), e), terms: eventTerms(h, e) });
    }
    yield batch;
  }
}

export async function openEvent<T = MonitorEvent>(
  ctx: AppContext,
  orgId: string,
  row: SealedRow,
  at: SealAddress = eventAt(orgId, row.id),
): Promise<T> {
  return JSON.parse(await ctx.sealer.open(at, row.doc)) as T;
}
