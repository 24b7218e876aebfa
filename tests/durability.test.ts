// Kill the server (SIGKILL, no chance to flush) while it accepts suggestions concurrently; after a
// restart, every suggestion that got a success response must be there. Every process that opens the
// database (the killed server, the restarted one, a fresh reader) must report the durable settings:
// SQLite in WAL mode with synchronous=FULL (2), or PostgreSQL with synchronous_commit and fsync on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durabilitySettings } from '../src/db/durability.ts';
import { testEnv, type TestEnv } from './helpers/context.ts';
import { DURABLE, readBack, startServer, stopServer } from './helpers/server-process.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: false });
});
afterAll(() => env.close());

describe('durability', () => {
  // Three processes start and one is killed mid-write; under a loaded CI runner that can take well over 30 s.
  it('keeps every acknowledged suggestion across a SIGKILL', { timeout: 120_000 }, async () => {
    expect(await durabilitySettings(env.ctx.db)).toEqual(DURABLE); // this test's own connection
    const server = await startServer(env, { AMPARO_SUGGESTIONS_PER_HOUR: '1000000' });
    const { origin } = server;
    expect(server.settings).toEqual(DURABLE); // the server about to be killed
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
    await stopServer(server, 'SIGKILL');
    stop = true;
    await Promise.all(workers);

    expect(acknowledged.size).toBeGreaterThanOrEqual(150);
    expect(attempts).toBeGreaterThan(acknowledged.size); // some requests were in flight when it died

    // Restart the server on the same data (it recovers the WAL), stop it, then read back in a fresh process.
    const again = await startServer(env);
    expect(again.settings).toEqual(DURABLE);
    await stopServer(again, 'SIGTERM');
    const stored = await readBack(env);
    expect(stored.settings).toEqual(DURABLE);
    const names = new Map(stored.suggestions.map((s) => [s.id, s.name]));
    const lost = [...acknowledged].filter(([ref, name]) => names.get(ref) !== name);
    expect(lost).toEqual([]);
  });
});
