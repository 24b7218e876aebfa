// Kill the server (SIGKILL, no chance to flush) while it accepts suggestions concurrently; after a
// restart, every suggestion that got a success response must be there.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/config/config.ts';
import { cliOperator } from '../src/platform/access.ts';
import { listSuggestions } from '../src/features/suggestions/service.ts';
import { testEnv, type TestEnv } from './helpers/context.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: false });
});
afterAll(() => env.close());

function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/amparo.js'), 'serve'], {
    env: { PATH: process.env.PATH ?? '', ...env.childEnv, AMPARO_LOG_LEVEL: 'info', AMPARO_PORT: '0', AMPARO_SUGGESTIONS_PER_HOUR: '1000000' },
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
        resolve({ child, origin: match[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${buffer}`)));
  });
}

describe('durability', () => {
  it('keeps every acknowledged suggestion across a SIGKILL', async () => {
    const { child, origin } = await startServer();
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
            body: new URLSearchParams({ kind: 'new', name, website: 'https://durable.example.org', details: `Suggestion number ${i} from worker ${w}.` }),
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

    // Restart the server on the same data, then read back through the service.
    const again = await startServer();
    again.child.kill('SIGTERM');
    const stored = new Map((await listSuggestions(env.ctx, cliOperator, 'all', 100_000)).map((s) => [s.id, s.payload.name]));
    const lost = [...acknowledged].filter(([ref, name]) => stored.get(ref) !== name);
    expect(lost).toEqual([]);
  });
});
