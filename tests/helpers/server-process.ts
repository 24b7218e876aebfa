// The real server as a child process (`amparo serve` on port 0) on a test's database, for tests that
// kill it: its origin once it listens, and the durability settings it logged when it opened the database.
// Also the fresh reader (read-back.ts) that reads what survived, in a process of its own.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config/config.ts';
import type { DurabilitySettings } from '../../src/db/durability.ts';
import { usingPostgres, type TestEnv } from './context.ts';

/** What every process that opens the database must report: WAL with synchronous=FULL, or PostgreSQL's commit and fsync on. */
export const DURABLE: DurabilitySettings = usingPostgres
  ? { dialect: 'postgres', synchronousCommit: 'on', fsync: 'on' }
  : { dialect: 'sqlite', journalMode: 'wal', synchronous: 2 };

export interface ServerProcess {
  child: ChildProcess;
  origin: string;
  settings: unknown;
}

export function startServer(
  env: Pick<TestEnv, 'childEnv'>,
  extraEnv: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/amparo.js'), 'serve'], {
    env: { ...env.childEnv, AMPARO_LOG_LEVEL: 'info', AMPARO_PORT: '0', ...extraEnv },
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

/** Ends the server with `signal` and waits for the process to be gone. */
export async function stopServer(server: ServerProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill(signal);
  await exited;
}

export interface ReadBack {
  settings: unknown;
  suggestions: { id: string; name: string }[];
  /** Every case on disk, with the unique keys of its SLA alert jobs. */
  cases: { id: string; alerts: string[] }[];
}

/** Opens the database afresh in its own process, as a restarted server would, and reads what is there. */
export async function readBack(env: Pick<TestEnv, 'childEnv'>): Promise<ReadBack> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'tests/helpers/read-back.ts')],
    { cwd: projectRoot, env: env.childEnv, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as ReadBack;
}
