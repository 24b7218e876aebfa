// Cold start: from spawning `npm start` to the first 200 answer of GET /en/support, with a fresh data
// directory each time (so it includes creating the database, migrating and loading the shipped data).
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../src/config/config.ts';
import { freePort, median, rawGet, removeDir, sleep, tempDir, type Figure } from './lib.ts';

export const TARGET_S = 3;
const RUNS = 3;
const POLL_MS = 20;
const GIVE_UP_MS = 30_000;
const PAGE = '/en/support';

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole process group (npm, sh, node), SIGKILL after 5 s; waits until it is gone. */
async function killGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 5000;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(20);
  if (groupAlive(pid)) {
    signal('SIGKILL');
    const hard = Date.now() + 2000;
    while (groupAlive(pid) && Date.now() < hard) await sleep(20);
  }
}

async function once(): Promise<number> {
  const dataDir = tempDir('cold');
  const port = await freePort();
  const env = { ...process.env, AMPARO_PORT: String(port), AMPARO_DATA_DIR: dataDir };
  let output = '';
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (d: Buffer) => { if (output.length < 20_000) output += d; };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // If the benchmark itself is interrupted, the detached group would outlive it: take it down first.
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    removeDir(dataDir);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let exited: string | undefined;
  child.once('exit', (code, sig) => (exited = `exited ${code ?? sig}`));
  child.once('error', (e) => (exited = `failed to spawn: ${e.message}`));
  try {
    while (performance.now() - started < GIVE_UP_MS) {
      if (exited) throw new Error(`npm start ${exited} before answering: ${output.slice(-1500)}`);
      const ok = await rawGet(port, PAGE, {}, 1000).then((r) => r.status === 200, () => false);
      if (ok) return (performance.now() - started) / 1000;
      await sleep(POLL_MS);
    }
    throw new Error(`no 200 from ${PAGE} within ${GIVE_UP_MS / 1000} s: ${output.slice(-1500)}`);
  } finally {
    await killGroup(child);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    removeDir(dataDir);
  }
}

export async function coldStart(): Promise<Figure[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  return [
    {
      label: `cold start npm start -> first 200 of GET ${PAGE} (median of ${RUNS})`,
      value: median(times),
      unit: 's',
      digits: 2,
      target: { op: '<=', value: TARGET_S },
      note: `runs ${times.map((t) => t.toFixed(2)).join(', ')} s; fresh data dir each`,
    },
  ];
}
