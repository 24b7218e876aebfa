// The second baseline of the import benchmark: PostgreSQL's COPY of the rows an import actually stores
// (sealed documents and their search terms), not of the CSV they came from. The stored rows are copied
// out to files first (untimed), then copied into fresh tables made `like` the originals with all their
// constraints and indexes (primary keys, unique keys, the GIN index on the terms), in one transaction
// as the import writes them, commit included. Both of COPY's formats are timed, each into its own fresh
// tables: binary skips parsing the tsvectors, and was the faster by a third. No importer that stores
// these rows can beat the faster one by much.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/** The stored tables, in the order the import writes them. */
export const STORED_TABLES = ['monitor_events', 'monitor_fts'] as const;

export type CopyFormat = 'text' | 'binary';

export interface StoredCopy {
  /** The faster format's time, in ms. */
  ms: number;
  format: CopyFormat;
  times: Record<CopyFormat, number>;
  /** Bytes of the stored rows in COPY's text format. */
  bytes: number;
}

async function copyIn(client: pg.Client, schema: string, dir: string, format: CopyFormat, tables: readonly string[]) {
  let bytes = 0;
  const files = new Map<string, string>();
  for (const table of tables) {
    const file = path.join(dir, `${table}.${format}`);
    await pipeline(
      client.query(copyTo(`copy ${schema}.${table} to stdout (format ${format})`)),
      fs.createWriteStream(file),
    );
    bytes += fs.statSync(file).size;
    files.set(table, file);
    await client.query(`create table ${schema}.${format}_${table} (like ${schema}.${table} including all)`);
  }
  const started = performance.now();
  await client.query('begin');
  for (const [table, file] of files)
    await pipeline(
      fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      client.query(copyFrom(`copy ${schema}.${format}_${table} from stdin (format ${format})`)),
    );
  await client.query('commit');
  const ms = performance.now() - started;
  for (const file of files.values()) fs.rmSync(file);
  return { ms, bytes };
}

/** COPY of the stored rows of `tables` into fresh tables of the same structure, in both formats. */
export async function storedRowsCopyTime(
  databaseUrl: string,
  schema: string,
  dir: string,
  tables: readonly string[] = STORED_TABLES,
): Promise<StoredCopy> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const text = await copyIn(client, schema, dir, 'text', tables);
    const binary = await copyIn(client, schema, dir, 'binary', tables);
    const format = binary.ms < text.ms ? 'binary' : 'text';
    return { ms: Math.min(text.ms, binary.ms), format, times: { text: text.ms, binary: binary.ms }, bytes: text.bytes };
  } finally {
    await client.end();
  }
}
