import { sql } from 'kysely';
import pg from 'pg';
import { buildConfig } from '../src/config/config.ts';
import { createContext } from '../src/context.ts';
import { createOrganisation } from '../src/features/accounts/orgs/service.ts';
import { NO_FILTERS, recordEvents, searchEvents } from '../src/features/monitor/service.ts';
import { termHasher } from '../src/features/monitor/sealing.ts';
import { queryTerms } from '../src/features/monitor/terms.ts';
import { cliOperator } from '../src/platform/access.ts';
import { emptyKeys } from '../src/platform/keyring.ts';
import { events, QUERIES } from './monitor.ts';
import { tempDir } from './lib.ts';
const url = 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Client({ connectionString: url }); await admin.connect();
await admin.query('drop schema if exists pgprof cascade; create schema pgprof');
const ctx = await createContext(buildConfig({}, { dataDir: tempDir('pgp-'), databaseUrl: url, dbSchema: 'pgprof', logLevel: 'silent', publicUrl: 'http://localhost' }));
await ctx.keyring.hold(emptyKeys(), async () => {
  const org = await createOrganisation(ctx, cliOperator, { name: 'Bench prof org' }); if (!org.ok) throw 1;
  const orgId = org.value.id;
  const owner = { kind: 'user', userId: 'b', sessionId: 'b', platformRole: null, mfa: true, memberships: new Map([[orgId, { role: 'owner', requireMfa: false }]]) } as any;
  const all = events(Number(process.env.N ?? 100000));
  const t0 = performance.now();
  for (let i = 0; i < all.length; i += 5000) await recordEvents(ctx, owner, orgId, all.slice(i, i + 5000));
  console.log('load', ((performance.now() - t0) / 1000).toFixed(1), 's');
  await sql`analyze`.execute(ctx.db);
  const h = termHasher(ctx, orgId);
  for (const q of QUERIES) {
    const f = { ...NO_FILTERS, ...q };
    const groups = queryTerms(h, f);
    const match = groups.map((g) => `(${g.join(' | ')})`).join(' & ');
    const times: number[] = [];
    for (let r = 0; r < 5; r++) { const t = performance.now(); await searchEvents(ctx, owner, orgId, f, { limit: 20, offset: 0 }); times.push(performance.now() - t); }
    const plan = await admin.query(`explain analyze select key from pgprof.monitor_fts where terms @@ to_tsquery('simple', $1) order by rid desc limit 20`, [match]);
    const cnt = await admin.query(`explain analyze select count(*) from (select rid from pgprof.monitor_fts where terms @@ to_tsquery('simple', $1) limit 1001) m`, [match]);
    const last = (rows: any[]) => rows.map((r) => r['QUERY PLAN']).filter((l: string) => /Execution Time|Scan|Sort/.test(l)).map((l: string) => l.trim().slice(0, 90)).join(' | ');
    console.log(JSON.stringify(q), 'svc ms', times.map((x) => x.toFixed(1)).join(','), '\n  main:', last(plan.rows), '\n  count:', last(cnt.rows));
  }
});
await ctx.db.destroy(); await admin.end();
