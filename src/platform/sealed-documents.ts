// Sealed documents: what would endanger people when read together (an organisation's answers, its plan)
// is stored as one sealed JSON value per row, never as a row per item: a copied disk shows which
// documents exist, not what is in them. Each value is padded to a multiple of PAD_BYTES before sealing,
// so its length does not count the items either. A row carries a random revision token that every save
// replaces (a counter would tell how often it was saved); writers change a document by compare-and-swap
// on it and retry. Where a document lives (table, column, row) is its owner's: a `sealAt` address.
import { ConflictError } from './errors.ts';
import { newId } from './ids.ts';
import type { SealAddress, Sealer } from './sealer.ts';

export const PAD_BYTES = 16 * 1024;
const ATTEMPTS = 8;

/** A fresh compare-and-swap token. */
export const newRevision = (): string => newId(16);

/** JSON, then spaces up to the next multiple of `pad` bytes (JSON.parse ignores trailing spaces). */
export function padded(value: unknown, pad = PAD_BYTES): string {
  const json = JSON.stringify(value);
  const size = Buffer.byteLength(json, 'utf8');
  return json + ' '.repeat(Math.ceil((size + 1) / pad) * pad - size);
}

export async function sealDocument(sealer: Sealer, at: SealAddress, value: unknown): Promise<string> {
  return sealer.seal(at, padded(value));
}

export async function openDocument<T>(sealer: Sealer, at: SealAddress, sealed: string): Promise<T> {
  return JSON.parse(await sealer.open(at, sealed)) as T;
}

/**
 * Runs a read-modify-write until its compare-and-swap lands: `attempt` returns `undefined` when
 * someone else changed the document first (it is then read again), or the result.
 */
export async function withRetries<T>(attempt: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const result = await attempt();
    if (result !== undefined) return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (i + 1)));
  }
  throw new ConflictError('too many people changed this at once; try again');
}
