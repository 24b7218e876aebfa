// How Amparo starts and stops as a process: the runtime check before anything native loads, and
// `npm start` leaving nothing behind when npm itself is stopped.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeProblem } from '../bin/check-node.js';
import { projectRoot } from '../src/config/config.ts';

const run = promisify(execFile);
const SYSTEM_NODE = '/usr/bin/node';

/** The machine's own Node.js version (Debian's is 20), if there is one. */
async function systemNodeVersion(): Promise<string | undefined> {
  if (!fs.existsSync(SYSTEM_NODE)) return undefined;
  return (await run(SYSTEM_NODE, ['-p', 'process.versions.node'])).stdout.trim();
}

describe('the runtime check', () => {
  it('accepts 24 and newer (package.json engines), and names the version it refuses', () => {
    const engines = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).engines.node;
    expect(engines).toBe('>=24'); // one story: the check, engines and docs/decisions/0001 agree
    for (const ok of ['24.0.0', '24.21.0', '25.1.0', '30.1.2']) expect(runtimeProblem(ok), ok).toBeUndefined();
    for (const old of ['18.19.1', '20.20.2', '22.12.0', '23.11.0']) {
      const problem = runtimeProblem(old);
      expect(problem, old).toContain(`(this is ${old})`);
      expect(problem).toContain('npm start');
    }
  });

  it('under an older Node.js, the binary says in one line what to run instead, and fails', async () => {
    const version = await systemNodeVersion();
    if (!version || !runtimeProblem(version)) return; // this machine's Node.js is new enough: nothing to refuse
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-old-node-'));
    const result = await run(SYSTEM_NODE, [path.join(projectRoot, 'bin/amparo.js'), 'serve'], {
      env: { PATH: process.env.PATH ?? '', AMPARO_DATA_DIR: dataDir, AMPARO_PORT: '0' },
      timeout: 20_000,
    }).then(
      (r) => ({ code: 0, signal: null as string | null, ...r }),
      (e: { code: number | null; signal: string | null; stdout: string; stderr: string }) => e,
    );
    expect(result.signal).toBeNull(); // not killed by a segmentation fault
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`amparo: ${runtimeProblem(version)}`);
    expect(result.stdout).toBe('');
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every process below `root`, read from /proc (Linux). */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parents)
      if (parent === pid) {
        found.push(child);
        walk(child);
      }
  };
  walk(root);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, ms: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(process.platform !== 'linux')('npm start', () => {
  const started: number[] = [];
  afterEach(() => {
    // Only what this test started, by pid, if the test failed half-way.
    for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  async function startWithNpm(): Promise<{
    npm: ChildProcess;
    port: number;
    children: number[];
    output: () => string;
  }> {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-npm-start-'));
    let output = '';
    const npm = spawn('npm', ['start'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        AMPARO_PORT: String(port),
        AMPARO_DATA_DIR: dataDir,
        AMPARO_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    npm.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    started.push(npm.pid!);
    await until(`the server on port ${port} (output: ${output})`, 45_000, async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/en`)).status === 200 ? true : undefined;
      } catch {
        return undefined;
      }
    });
    const children = descendants(npm.pid!);
    started.push(...children);
    return { npm, port, children, output: () => output };
  }

  async function expectAllGone(children: number[], port: number) {
    expect(children.length).toBeGreaterThan(0);
    await until(`processes ${children.join(', ')} to end`, 8_000, () =>
      children.every((pid) => !alive(pid)) ? true : undefined,
    );
    await expect(fetch(`http://127.0.0.1:${port}/en`)).rejects.toThrow();
  }

  it('ends the server when npm gets SIGTERM', async () => {
    const { npm, port, children } = await startWithNpm();
    npm.kill('SIGTERM');
    await expectAllGone(children, port);
  }, 90_000);

  it('ends the server when npm itself is killed outright', async () => {
    const { npm, port, children } = await startWithNpm();
    npm.kill('SIGKILL');
    await expectAllGone(children, port);
  }, 90_000);
});
