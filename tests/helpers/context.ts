// A fresh, real database per test file: a temporary SQLite file, or a new schema on the
// PostgreSQL server named by DATABASE_URL. The shipped directory data is loaded into it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { createApp } from '../../src/app.ts';
import { buildConfig, type Config } from '../../src/config/config.ts';
import { createContext, type AppContext, type Clock } from '../../src/context.ts';
import { loadCuratedData } from '../../src/main.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { databaseText } from './db-text.ts';

export interface TestEnv {
  ctx: AppContext;
  app: ReturnType<typeof createApp>;
  /** Every log line written during the test, as JSON text. */
  logs: string[];
  dataDir: string;
  /** Environment for a child process (the CLI, a server) that should use this same database: nothing else of the parent's but PATH. */
  childEnv: Record<string, string>;
  close(): Promise<void>;
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);

/**
 * Every request a test makes through `env.app.request` carries these, unless the test sets its own; when
 * the test file ends, every log line and every table is searched for them (and for the password the
 * account helpers use), and a find fails the file. So the whole suite's traffic checks that no IP
 * address, user agent or password is ever logged or stored.
 */
export const CANARY_IP = '198.51.100.73';
export const CANARY_UA = 'SuiteCanaryAgent/3.1 (canary-ua-5099)';
export const CANARY_PASSWORD = 'quiet harbour lantern 42';

function withCanaries(app: ReturnType<typeof createApp>): ReturnType<typeof createApp> {
  const original = app.request.bind(app);
  app.request = ((input: Parameters<typeof original>[0], init?: RequestInit, ...rest: unknown[]) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', CANARY_IP);
    if (!headers.has('user-agent')) headers.set('user-agent', CANARY_UA);
    return (original as (...args: unknown[]) => ReturnType<typeof original>)(input, { ...init, headers }, ...rest);
  }) as typeof app.request;
  return app;
}

async function assertNoCanaries(env: Pick<TestEnv, 'ctx' | 'logs'>): Promise<void> {
  const found: string[] = [];
  const logText = env.logs.join('\n');
  const tables = await databaseText(env as TestEnv);
  for (const canary of [CANARY_IP, CANARY_UA, CANARY_PASSWORD]) {
    if (logText.includes(canary)) found.push(`the log holds ${canary}`);
    for (const [table, text] of Object.entries(tables))
      if (text.includes(canary)) found.push(`table ${table} holds ${canary}`);
  }
  if (found.length > 0) throw new Error(`privacy canaries found: ${found.join('; ')}`);
}

export class TestClock implements Clock {
  constructor(public current = new Date('2026-11-24T10:00:00Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export async function testEnv(
  options: { config?: Partial<Config>; clock?: Clock; seed?: boolean } = {},
): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-test-'));
  let dbSchema: string | undefined;
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    dbSchema = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`create schema ${dbSchema}`);
    await client.end();
  }
  // app.request('/path') asks for http://localhost/path, so that is this app's public origin unless a test says otherwise.
  const config = buildConfig(
    {},
    { dataDir, databaseUrl, dbSchema, logLevel: 'info', publicUrl: 'http://localhost', ...options.config },
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const ctx = await createContext(config, {
    logger: createLogger('info', sink),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  if (options.seed !== false) await loadCuratedData(ctx);
  return {
    ctx,
    app: withCanaries(createApp(ctx)),
    logs,
    dataDir,
    childEnv: {
      PATH: process.env.PATH ?? '',
      AMPARO_DATA_DIR: dataDir,
      AMPARO_LOG_LEVEL: 'warn',
      ...(databaseUrl && dbSchema ? { DATABASE_URL: databaseUrl, AMPARO_DB_SCHEMA: dbSchema } : {}),
    },
    async close() {
      await assertNoCanaries({ ctx, logs });
      await ctx.db.destroy();
      if (databaseUrl && dbSchema) {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`drop schema ${dbSchema} cascade`);
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Submits a form the way a same-origin browser does. */
export function postForm(
  env: TestEnv,
  url: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return env.app.request(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
  });
}
