// What makes a committed write survive a crash, as the database connection reports it (not as we asked
// for it): the server logs this once on start, and tests/durability.test.ts checks it in every process.
import { sql } from 'kysely';
import type { Db } from './client.ts';
import { dialectOf } from './dialect.ts';

export type DurabilitySettings =
  | { dialect: 'sqlite'; journalMode: string; synchronous: number }
  | { dialect: 'postgres'; synchronousCommit: string; fsync: string };

export async function durabilitySettings(db: Db): Promise<DurabilitySettings> {
  if (dialectOf(db) === 'postgres') {
    const commit = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db);
    const fsync = await sql<{ fsync: string }>`show fsync`.execute(db);
    return { dialect: 'postgres', synchronousCommit: commit.rows[0]!.synchronous_commit, fsync: fsync.rows[0]!.fsync };
  }
  const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
  const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
  return {
    dialect: 'sqlite',
    journalMode: journal.rows[0]!.journal_mode,
    synchronous: Number(synchronous.rows[0]!.synchronous),
  };
}
