// Cold start: from spawning `npm start` to the first 200 answer of GET /en/support, with a fresh data
// directory each time (so it includes creating the database, migrating and loading the shipped data).
import { projectRoot } from '../src/config/config.ts';
import {
  cleanEnv,
  freePort,
  median,
  rawGet,
  removeDir,
  sleep,
  spawnGroup,
  stopGroup,
  tempDir,
  type Figure,
} from './lib.ts';

export const TARGET_S = 3;
const RUNS = 3;
const POLL_MS = 20;
const GIVE_UP_MS = 30_000;
const PAGE = '/en/support';

async function once(): Promise<number> {
  const dataDir = tempDir('cold');
  const port = await freePort();
  // Not the caller's DATABASE_URL or AMPARO_* settings: a fresh SQLite data directory, every time.
  const env = cleanEnv({ AMPARO_PORT: String(port), AMPARO_DATA_DIR: dataDir });
  let output = '';
  const started = performance.now();
  const child = spawnGroup('npm', ['start'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (d: Buffer) => {
    if (output.length < 20_000) output += d;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: string | undefined;
  child.once('exit', (code, sig) => (exited = `exited ${code ?? sig}`));
  child.once('error', (e) => (exited = `failed to spawn: ${e.message}`));
  try {
    while (performance.now() - started < GIVE_UP_MS) {
      if (exited) throw new Error(`npm start ${exited} before answering: ${output.slice(-1500)}`);
      const ok = await rawGet(port, PAGE, {}, 1000).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      await sleep(POLL_MS);
    }
    throw new Error(`no 200 from ${PAGE} within ${GIVE_UP_MS / 1000} s: ${output.slice(-1500)}`);
  } finally {
    await stopGroup(child, 'SIGTERM'); // npm, sh and node together; SIGKILL after 5 s
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
