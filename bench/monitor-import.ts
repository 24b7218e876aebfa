// Importing events from CSV (issue 13): 100,000 realistic rows (a seeded generator, the same file every
// run) imported into the monitor on PostgreSQL, all of it as the service does it (read, check against the
// vocabularies, seal each event under the organisation's key, make its keyed search terms, insert in one
// transaction), against PostgreSQL's own COPY of the same file into a plain table of text columns. The
// figure is copy time / import time (target >= 0.3). A second baseline, in the same run: COPY of the rows
// the import stored (stored-copy.ts), which bounds what any importer storing them could reach. In a fresh
// schema, dropped after; `--rows N` for a quick run. Without DATABASE_URL the default local test database
// is used.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { randomBytes } from 'node:crypto';
import { buildConfig } from '../src/config/config.ts';
import { createContext } from '../src/context.ts';
import { createOrganisation } from '../src/features/accounts/orgs/service.ts';
import { importEvents } from '../src/features/monitor/service.ts';
import { cliOperator, type Actor } from '../src/platform/access.ts';
import { emptyKeys } from '../src/platform/keyring.ts';
import { removeDir, tempDir, type Figure } from './lib.ts';
import { storedRowsCopyTime } from './stored-copy.ts';

export const ROWS = 100_000;
export const TARGET_RATIO = 0.3;
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

const COLUMNS = [
  'title',
  'date',
  'country',
  'region',
  'types',
  'perpetrators',
  'victims',
  'description',
  'lat',
  'lon',
  'source_url',
];

/** mulberry32: small, fast, and the same sequence for the same seed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

const PLACES = [
  ['BY', 'Hrodna', 53.68, 23.83],
  ['BY', 'Minsk', 53.9, 27.56],
  ['RU', 'Kazan', 55.79, 49.12],
  ['NI', 'León', 12.43, -86.88],
  ['GE', 'Tbilisi', 41.72, 44.79],
  ['RS', 'Novi Sad', 45.27, 19.83],
  ['KE', 'Nairobi', -1.29, 36.82],
  ['TR', 'İzmir', 38.42, 27.14],
  ['IN', 'Srinagar', 34.08, 74.8],
  ['VE', 'Maracaibo', 10.65, -71.64],
] as const;
const TYPES = [
  'detention-of-protesters',
  'Detention of a journalist',
  'detention-of-hrd',
  'excessive-force',
  'Protest disruption',
  'protest-ban',
  'restrictive-law',
  'censorship',
  'internet-shutdown',
  'online-attack',
];
const PERPETRATORS = ['police', 'military', 'Courts and prosecutors', 'executive', 'regulator', 'unknown'];
const FIRST = ['Anna', 'Ihar', 'María', 'Giorgi', 'Amina', 'Luis', 'Zeynep', 'Oksana', 'Peter', 'Fatima'];
const LAST = ['Kovalenko', 'Rivera', 'Beridze', 'Otieno', 'Yilmaz', 'Petrović', 'Sokolova', 'Herrera'];
const WORDS = (
  'police detained people after a peaceful protest outside the court the organisers said officers used ' +
  'tear gas and batons several journalists were held for hours their phones were searched the ministry ' +
  'denied the account a lawyer was refused access to the detainees the website of the newspaper was ' +
  'blocked without a court order the association received a notice of inspection from the tax office'
).split(' ');

/** The CSV text of `rows` events, written to `file` in chunks. */
export function writeRows(file: string, rows: number, seed = 13): void {
  const r = seeded(seed);
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const fd = fs.openSync(file, 'w');
  try {
    let chunk = `${COLUMNS.join(',')}\n`;
    for (let i = 0; i < rows; i++) {
      const [country, region, lat, lon] = r.pick(PLACES);
      const month = 1 + Math.floor(r.next() * 12);
      const day = 1 + Math.floor(r.next() * 28);
      const date = `${2018 + Math.floor(r.next() * 8)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const words = Array.from({ length: 25 + Math.floor(r.next() * 40) }, () => r.pick(WORDS));
      const victim = `${r.pick(FIRST)} ${r.pick(LAST)}`;
      const types = r.next() < 0.3 ? `${r.pick(TYPES)}|${r.pick(TYPES)}` : r.pick(TYPES);
      const fields = [
        `${words.slice(0, 6).join(' ')} in ${region}`,
        date,
        country,
        region,
        types,
        r.pick(PERPETRATORS),
        victim,
        `${victim}: ${words.join(' ')}, "as witnesses said".`,
        (lat + r.next() / 10).toFixed(4),
        (lon + r.next() / 10).toFixed(4),
        r.next() < 0.5 ? `https://news.example.org/${i}` : '',
      ];
      chunk += `${fields.map(quote).join(',')}\n`;
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}

/** PostgreSQL's COPY of the file into a plain table of text columns, in ms. */
async function copyTime(databaseUrl: string, schema: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = `${schema}.copy_rows`;
    await client.query(`create table ${table} (${COLUMNS.map((c) => `${c} text`).join(', ')})`);
    const started = performance.now();
    await pipeline(
      fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      client.query(copyFrom(`copy ${table} from stdin with (format csv, header true)`)),
    );
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

/** The whole import through the service, in ms, with the count of rows it wrote. */
async function importTime(databaseUrl: string, schema: string, dataDir: string, file: string) {
  const ctx = await createContext(buildConfig({}, { dataDir, databaseUrl, dbSchema: schema, logLevel: 'silent' }));
  try {
    return await ctx.keyring.hold(emptyKeys(), async () => {
      const created = await createOrganisation(ctx, cliOperator, { name: 'Bench Import Monitor' });
      if (!created.ok) throw new Error('could not create the organisation');
      const orgId = created.value.id;
      const actor: Actor = {
        kind: 'user',
        userId: 'bench-importer',
        sessionId: 'bench',
        platformRole: null,
        mfa: true,
        memberships: new Map([[orgId, { role: 'member', requireMfa: false }]]),
      };
      const started = performance.now();
      let checked = 0;
      const report = await importEvents(
        ctx,
        actor,
        orgId,
        fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }),
        { onSave: () => (checked = performance.now()) },
      );
      const ms = performance.now() - started;
      if (report.errors.length > 0) throw new Error(`import refused: ${JSON.stringify(report.errors.slice(0, 3))}`);
      const stored = await ctx.db
        .selectFrom('monitor_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return { ms, checkMs: checked - started, imported: report.imported, stored: Number(stored.n) };
    });
  } finally {
    await ctx.db.destroy();
  }
}

function rowsWanted(): number {
  const i = process.argv.indexOf('--rows');
  const n = i >= 0 ? Number(process.argv[i + 1]) : ROWS;
  if (!Number.isInteger(n) || n < 1) throw new Error('--rows takes a whole number');
  return n;
}

export async function monitorImportBench(): Promise<Figure[]> {
  const rows = rowsWanted();
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_URL;
  const dir = tempDir('monitor-import');
  const file = path.join(dir, 'events.csv');
  const schema = `bench_import_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    writeRows(file, rows);
    const size = fs.statSync(file).size;
    await admin.query(`create schema ${schema}`);
    const copyMs = await copyTime(databaseUrl, schema, file);
    const imported = await importTime(databaseUrl, schema, dir, file);
    if (imported.imported !== rows || imported.stored !== rows)
      throw new Error(`imported ${imported.imported}, stored ${imported.stored}, expected ${rows}`);
    const stored = await storedRowsCopyTime(databaseUrl, schema, dir);
    const n = `${rows.toLocaleString('en')} rows, ${(size / 2 ** 20).toFixed(1)} MiB`;
    return [
      {
        label: 'monitor import (PostgreSQL): COPY time / import time',
        value: copyMs / imported.ms,
        unit: '',
        digits: 3,
        target: { op: '>=', value: TARGET_RATIO },
        note: n,
      },
      { label: 'COPY into a table of text columns', value: copyMs, unit: 'ms', digits: 0, detail: true },
      {
        label: 'import: read, check, seal, terms, insert in one transaction',
        value: imported.ms,
        unit: 'ms',
        digits: 0,
        detail: true,
        note: `${Math.round(rows / (imported.ms / 1000)).toLocaleString('en')} rows/s`,
      },
      {
        label: 'of which reading and checking every row',
        value: imported.checkMs,
        unit: 'ms',
        digits: 0,
        detail: true,
      },
      {
        label: 'of which sealing, terms and the insert (one transaction)',
        value: imported.ms - imported.checkMs,
        unit: 'ms',
        digits: 0,
        detail: true,
      },
      {
        label: 'COPY of the stored rows (sealed documents + search index)',
        value: stored.ms,
        unit: 'ms',
        digits: 0,
        detail: true,
        note: `${(stored.bytes / 2 ** 20).toFixed(1)} MiB into tables with the same keys and indexes; ${stored.format} format, the faster: text ${Math.round(stored.times.text)} ms, binary ${Math.round(stored.times.binary)} ms`,
      },
      {
        label: 'import vs COPY of the stored rows',
        value: stored.ms / imported.ms,
        unit: '',
        digits: 3,
        detail: true,
        note: 'stored-rows COPY time / import time',
      },
      {
        label: 'ceiling: CSV COPY time / stored-rows COPY time',
        value: copyMs / stored.ms,
        unit: '',
        digits: 3,
        detail: true,
        note: 'the best ratio any importer that stores these rows could reach',
      },
    ];
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.end();
    removeDir(dir);
  }
}
