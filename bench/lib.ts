// Small helpers shared by the benchmarks: figures and their formatting, percentiles, ports,
// temporary directories, child processes that never outlive the benchmark, and a raw HTTP GET that
// keeps the bytes exactly as they came over the wire.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** One measured number. With a target it prints PASS or MISS; without one it is context. */
export interface Figure {
  label: string;
  value: number;
  unit: string;
  digits?: number;
  target?: { op: '<=' | '>='; value: number };
  /** Printed after the verdict, e.g. the sample count. */
  note?: string;
  /** Detail lines are indented under the figure they explain. */
  detail?: boolean;
}

export function passes(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  return f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value;
}

export function formatFigure(f: Figure): string {
  const digits = f.digits ?? 1;
  const unit = f.unit ? ` ${f.unit}` : '';
  let line = `${f.detail ? '  ' : ''}${f.label}: ${Number.isFinite(f.value) ? f.value.toFixed(digits) : String(f.value)}${unit}`;
  if (f.target) line += `  target ${f.target.op} ${f.target.value}${unit}  ${passes(f) ? 'PASS' : 'MISS'}`;
  if (f.note) line += `  (${f.note})`;
  return line;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

// Everything a benchmark starts is registered here and taken down when this process ends, however it
// ends: normally, on an error (even an uncaught one), or on SIGINT, SIGTERM or SIGHUP. Each child runs
// in its own process group, so `npm start` -> sh -> node, or nginx's master and worker, go together.
const groups = new Set<number>();
const dirs = new Set<string>();
let cleanupInstalled = false;

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** Synchronous, so it also runs from the 'exit' event. */
function cleanUpNow(): void {
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
  groups.clear();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', cleanUpNow);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping every process the benchmarks started\n`);
      cleanUpNow();
      process.exit(code);
    });
  }
}

/**
 * Spawns a child in its own process group, registered for clean-up. The caller must handle its
 * 'error' event (a missing program is an 'error', not an exception).
 */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  installCleanup();
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid) groups.add(child.pid);
  return child;
}

/** Whether any process of the child's group is still alive. */
export function groupAlive(child: ChildProcess): boolean {
  return child.pid !== undefined && signalGroup(child.pid, 0);
}

/** Sends `signal` to the child's whole group, SIGKILL after graceMs; resolves once the group is gone. */
export async function stopGroup(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 5000,
): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(pid, signal);
  const deadline = Date.now() + graceMs;
  while (signalGroup(pid, 0) && Date.now() < deadline) await sleep(20);
  if (signalGroup(pid, 0)) {
    signalGroup(pid, 'SIGKILL');
    const hard = Date.now() + 2000;
    while (signalGroup(pid, 0) && Date.now() < hard) await sleep(20);
  }
  if (!signalGroup(pid, 0)) groups.delete(pid);
}

/** A program's full path if it is on PATH (as spawn would find it), else undefined. */
export function onPath(program: string, pathVariable = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVariable.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, program);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A temporary directory, removed by removeDir or, at the latest, when this process ends. */
export function tempDir(prefix: string): string {
  installCleanup();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `amparo-bench-${prefix}-`));
  dirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/**
 * The environment for an Amparo child: this process's, without DATABASE_URL or any AMPARO_* setting
 * (a benchmark must measure its own fresh SQLite data directory, not whatever the caller points at).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name === 'DATABASE_URL' || name.startsWith('AMPARO_')) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent (still gzip-compressed when content-encoding says so). */
  body: Buffer;
}

/** GET from 127.0.0.1 only, without any decoding, bounded by a timeout. */
export function rawGet(
  port: number,
  urlPath: string,
  headers: Record<string, string> = {},
  timeoutMs = 5000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: urlPath, headers, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${urlPath} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export type DatabaseLabel = 'SQLite' | 'PostgreSQL';
export interface DatabaseSettings {
  dataDir: string;
  databaseUrl?: string;
  dbSchema?: string;
}

/**
 * Runs a benchmark on a fresh SQLite data directory, then in a fresh schema of DATABASE_URL (or the local
 * PostgreSQL server), each removed afterwards; `only` ('sqlite' or 'postgres') runs one of the two.
 */
export async function onEachDatabase(
  name: string,
  only: string | undefined,
  run: (label: DatabaseLabel, settings: DatabaseSettings) => Promise<Figure[]>,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  if (only !== 'postgres') {
    const dir = tempDir(name);
    try {
      figures.push(...(await run('SQLite', { dataDir: dir })));
    } finally {
      removeDir(dir);
    }
  }
  if (only === 'sqlite') return figures;
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dir = tempDir(`${name}-pg`);
  try {
    await admin.query(`create schema ${schema}`);
    figures.push(...(await run('PostgreSQL', { dataDir: dir, databaseUrl: url, dbSchema: schema })));
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
    removeDir(dir);
  }
  return figures;
}
