import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, usingPostgres, type TestEnv } from '../../tests/helpers/context.ts';
import { migrateToLatest } from './migrate.ts';

describe.skipIf(!usingPostgres)('starting on PostgreSQL while another session drops schemas', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv({ seed: false });
  });
  afterAll(() => env.close());

  it('the migrator still finds its tables, and sees only the schema in use', async () => {
    const admin = new pg.Client({ connectionString: env.ctx.config.databaseUrl });
    await admin.connect();
    let stop = false;
    const churn = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `churn_${process.pid}_${i}`;
        await admin.query(`create schema ${name}; create table ${name}.a (id int); create table ${name}.b (id int)`);
        await admin.query(`drop schema ${name} cascade`);
      }
    })();
    const failures: string[] = [];
    let starts = 0;
    try {
      for (const until = performance.now() + 3000; performance.now() < until; starts++)
        await migrateToLatest(env.ctx.db, env.ctx.config.dbSchema).catch((e: unknown) => failures.push(String(e)));
    } finally {
      stop = true;
      await churn;
      await admin.end();
    }
    expect(starts).toBeGreaterThan(20);
    expect(failures).toEqual([]);
    const tables = await env.ctx.db.introspection.getTables({ withInternalKyselyTables: true });
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([env.ctx.config.dbSchema]));
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['kysely_migration', 'users']));
    expect((await env.ctx.db.introspection.getTables()).map((t) => t.name)).not.toContain('kysely_migration');
  });
});
