// A process with another server key than the one the database was started with is refused at start,
// with one line naming AMPARO_SECRET_KEY: without this, two servers over one PostgreSQL, each with its
// own data directory, would each make a key and write data the other cannot read.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAmparo } from '../../tests/helpers/cli.ts';
import { testEnv, type TestEnv } from '../../tests/helpers/context.ts';
import { ConfigError } from '../config/env.ts';
import { createContext } from '../context.ts';
import { serverKeyCheck } from './server-key.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: false });
});
afterAll(() => env.close());

const amparo = (args: string[], extraEnv: Record<string, string>) => runAmparo(env, args, extraEnv);

describe('the server key check', () => {
  it('stores a check value of the key, never the key', async () => {
    const rows = (
      await sql<{ name: string; value: string }>`select name, value from platform_settings`.execute(env.ctx.db)
    ).rows;
    expect(rows).toEqual([{ name: 'server_key_check', value: serverKeyCheck(env.ctx.serverKey) }]);
    const text = JSON.stringify(rows);
    for (const form of ['base64url', 'base64', 'hex'] as const)
      expect(text).not.toContain(env.ctx.serverKey.toString(form));
  });

  it('lets the same key in again, and refuses another one', async () => {
    const same = await createContext({ ...env.ctx.config, secretKey: env.ctx.serverKey.toString('base64url') });
    await same.db.destroy();
    const other = createContext({ ...env.ctx.config, secretKey: randomBytes(32).toString('base64url') });
    await expect(other).rejects.toThrow(ConfigError);
    await expect(other).rejects.toThrow(/^AMPARO_SECRET_KEY: /);
  });

  it('refuses, in one line naming AMPARO_SECRET_KEY, a process that came with another key', async () => {
    const ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-other-'));
    try {
      // Over PostgreSQL: a second process with its own data directory, which makes its own key file.
      // Over SQLite the database is in the data directory, so the other key comes from the variable.
      const pg = Boolean(env.childEnv.DATABASE_URL);
      const stranger: Record<string, string> = pg
        ? { AMPARO_DATA_DIR: ownDir }
        : { AMPARO_SECRET_KEY: randomBytes(32).toString('base64url') };
      const { code, stderr } = await amparo(['migrate'], stranger);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^amparo: AMPARO_SECRET_KEY: /);
      // With the first process's key, the same command works.
      const shared = await amparo(
        ['migrate'],
        pg ? { AMPARO_DATA_DIR: ownDir, AMPARO_SECRET_KEY: env.ctx.serverKey.toString('base64url') } : {},
      );
      expect(shared).toMatchObject({ code: 0 });
    } finally {
      fs.rmSync(ownDir, { recursive: true, force: true });
    }
  });
});
