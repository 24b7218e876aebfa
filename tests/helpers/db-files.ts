// The files the test database lives in, to search them for what must be gone: on SQLite the database
// file and its WAL; on PostgreSQL (after a CHECKPOINT) the files of every table and index of the test's
// schema and of their TOAST tables, or null when this process may not read the data directory.
// PostgreSQL's write-ahead log (pg_wal) is not searched: it holds every row ever written until its
// segments are recycled and overwritten, which no application can hurry (docs/decisions/0010).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestEnv } from './context.ts';
import { usingPostgres } from './context.ts';

export async function databaseFiles(env: TestEnv): Promise<string[] | null> {
  if (!usingPostgres)
    return fs
      .readdirSync(env.dataDir)
      .filter((f) => f.startsWith('amparo.db'))
      .map((f) => path.join(env.dataDir, f));
  const db = env.ctx.db;
  await sql`checkpoint`.execute(db);
  const dataDirectory = (await sql<{ data_directory: string }>`show data_directory`.execute(db)).rows[0]!
    .data_directory;
  try {
    fs.accessSync(dataDirectory, fs.constants.R_OK);
  } catch {
    return null;
  }
  const { rows } = await sql<{ path: string }>`
    with mine as (select oid, reltoastrelid from pg_class where relnamespace = current_schema()::regnamespace),
    toast as (select reltoastrelid as oid from mine where reltoastrelid <> 0)
    select pg_relation_filepath(oid) as path from mine
    union select pg_relation_filepath(oid) from toast
    union select pg_relation_filepath(indexrelid) from pg_index where indrelid in (select oid from toast)`.execute(db);
  // Each relation's main file, its further 1 GB segments (.1, .2, ...) and its free space and visibility maps.
  return rows
    .filter((r) => r.path)
    .flatMap((r) => {
      const file = path.join(dataDirectory, r.path);
      const base = path.basename(file);
      return fs
        .readdirSync(path.dirname(file))
        .filter((f) => f === base || f.startsWith(`${base}.`) || f.startsWith(`${base}_`))
        .map((f) => path.join(path.dirname(file), f));
    });
}

// Run in a child process: closing any descriptor of a file drops every POSIX lock this process holds
// on it, so reading the SQLite files here would drop the test's own connection's locks, and the next
// process to open the database (the CLI) would take it for unused and reset its WAL under that connection.
const SEARCH = `
const fs = require('node:fs');
const { files, texts } = JSON.parse(fs.readFileSync(0, 'utf8'));
const found = Object.fromEntries(texts.map((t) => [t, []]));
for (const file of files) {
  let bytes;
  try { bytes = fs.readFileSync(file); } catch { continue; }
  for (const t of texts) if (bytes.indexOf(t) >= 0) found[t].push(file);
}
process.stdout.write(JSON.stringify(found));`;

/** For each text, the files (of those given) whose bytes contain it; a file gone since it was listed holds nothing. */
export function filesHolding(files: string[], texts: string[]): Record<string, string[]> {
  const out = execFileSync(process.execPath, ['-e', SEARCH], {
    input: JSON.stringify({ files, texts }),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString('utf8')) as Record<string, string[]>;
}
