// Kill the server (SIGKILL, no chance to flush) while it accepts suggestions concurrently; after a
// restart, every suggestion that got a success response must be there. Every process that opens the
// database (the killed server, the restarted one, a fresh reader) must report the durable settings:
// SQLite in WAL mode with synchronous=FULL (2), or PostgreSQL with synchronous_commit and fsync on.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/config/config.ts';
import { durabilitySettings, type DurabilitySettings } from '../src/db/durability.ts';
import { testEnv, usingPostgres, type TestEnv } from './helpers/context.ts';

const DURABLE: DurabilitySettings = usingPostgres
  ? { dialect: 'postgres', synchronousCommit: 'on', fsync: 'on' }
  : { dialect: 'sqlite', journalMode: 'wal', synchronous: 2 };

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: false });
});
afterAll(() => env.close());

function startServer(): Promise<{ child: ChildProcess; origin: string; settings: unknown }> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/amparo.js'), 'serve'], {
    env: { ...env.childEnv, AMPARO_LOG_LEVEL: 'info', AMPARO_PORT: '0', AMPARO_SUGGESTIONS_PER_HOUR: '1000000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${buffer}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(/"url":"(http:\/\/[^"]+)\/"/);
      if (match) {
        clearTimeout(timer);
        const opened = buffer.split('\n').find((line) => line.includes('"database opened"'));
        resolve({
          child,
          origin: match[1]!,
          settings: opened ? (JSON.parse(opened) as { database: unknown }).database : undefined,
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${buffer}`)));
  });
}

describe('durability', () => {
  // Three processes start and one is killed mid-write; under a loaded CI runner that can take well over 30 s.
  it('keeps every acknowledged suggestion across a SIGKILL', { timeout: 120_000 }, async () => {
    expect(await durabilitySettings(env.ctx.db)).toEqual(DURABLE); // this test's own connection
    const { child, origin, settings } = await startServer();
    expect(settings).toEqual(DURABLE); // the server about to be killed
    const acknowledged = new Map<string, string>();
    let stop = false;
    let attempts = 0;

    const worker = async (w: number) => {
      for (let i = 0; !stop && i < 2000; i++) {
        const name = `Durable ${w}-${i}`;
        attempts++;
        try {
          const res = await fetch(`${origin}/en/support/suggest`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
            body: new URLSearchParams({
              kind: 'new',
              name,
              website: 'https://durable.example.org',
              details: `Suggestion number ${i} from worker ${w}.`,
            }),
          });
          const ref = res.status === 303 ? res.headers.get('location')?.split('ref=')[1] : undefined;
          if (ref) acknowledged.set(ref, name);
        } catch {
          return; // the server is gone
        }
      }
    };

    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    const deadline = Date.now() + 15_000;
    while (acknowledged.size < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    stop = true;
    await Promise.all(workers);

    expect(acknowledged.size).toBeGreaterThanOrEqual(150);
    expect(attempts).toBeGreaterThan(acknowledged.size); // some requests were in flight when it died

    // Restart the server on the same data (it recovers the WAL), stop it, then read back in a fresh process.
    const again = await startServer();
    expect(again.settings).toEqual(DURABLE);
    const stopped = new Promise((resolve) => again.child.once('exit', resolve));
    again.child.kill('SIGTERM');
    await stopped;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'tests/helpers/read-back.ts')],
      {
        cwd: projectRoot,
        env: env.childEnv,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const readBack = JSON.parse(stdout) as { settings: unknown; suggestions: { id: string; name: string }[] };
    expect(readBack.settings).toEqual(DURABLE);
    const stored = new Map(readBack.suggestions.map((s) => [s.id, s.name]));
    const lost = [...acknowledged].filter(([ref, name]) => stored.get(ref) !== name);
    expect(lost).toEqual([]);
  });
});
