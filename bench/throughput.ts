// Throughput on loopback: GET /en/support served by Amparo versus nginx serving the very same HTML
// bytes as a static file. One load generator (autocannon, in a child process) with identical
// settings for both; Amparo runs as `amparo serve` in its own process, nginx as a child with one worker.
// Only 2xx answers count: a run with any other answer, error or timeout fails the benchmark. Every
// process started here ends with it (bench/lib.ts), also on an error or a signal.
import type { ChildProcess, ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../src/config/config.ts';
import { freePort, onPath, rawGet, removeDir, sleep, spawnGroup, stopGroup, tempDir, type Figure } from './lib.ts';

export const TARGET_RATIO = 0.5;
const PAGE = '/en/support';
/** Identical for both servers. */
export const LOAD = { connections: 10, durationS: 10, pipelining: 1, warmupS: 3 };
/** Measured runs per server, in the order A N N A, so drift affects both alike. */
const ORDER = ['amparo', 'nginx', 'nginx', 'amparo'] as const;

interface LoadResult {
  /** 2xx answers per second. */
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
}

const autocannonCli = path.join(
  path.dirname(createRequire(import.meta.url).resolve('autocannon/package.json')),
  'autocannon.js',
);

/** Runs autocannon as a child process (so it never shares an event loop with the server under test). */
function load(port: number, durationS: number): Promise<LoadResult> {
  const args = [
    autocannonCli,
    '--json',
    '--no-progress',
    '-c',
    String(LOAD.connections),
    '-p',
    String(LOAD.pipelining),
    '-d',
    String(durationS),
    '-t',
    '5',
    `http://127.0.0.1:${port}${PAGE}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawnGroup(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
    }) as ChildProcessWithoutNullStreams;
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      if (out.length < 1e6) out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 1e5) err += d;
    });
    const killer = setTimeout(() => void stopGroup(child, 'SIGKILL'), (durationS + 30) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      const line = out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop();
      if (code !== 0 || !line) return reject(new Error(`autocannon exited ${code}: ${err.slice(0, 500)}`));
      const r = JSON.parse(line);
      const seconds = Number(r.duration) || durationS;
      resolve({
        rps: Number(r['2xx'] ?? 0) / seconds,
        total: r.requests.total,
        non2xx: r.non2xx ?? 0,
        errors: r.errors ?? 0,
        timeouts: r.timeouts ?? 0,
        p50: r.latency.p50,
        p99: r.latency.p99,
      });
    });
  });
}

function nginxConfig(dir: string, port: number): string {
  const p = (name: string) => path.join(dir, name);
  return `
daemon off;
master_process on;
worker_processes 1;
${process.getuid?.() === 0 ? 'user root;' : ''}
pid ${p('nginx.pid')};
error_log ${p('error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${p('tmp-body')};
  proxy_temp_path ${p('tmp-proxy')};
  fastcgi_temp_path ${p('tmp-fastcgi')};
  uwsgi_temp_path ${p('tmp-uwsgi')};
  scgi_temp_path ${p('tmp-scgi')};
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  # Node's server keeps a connection open for any number of requests; nginx would close one every
  # 1000 requests by default. Same behaviour for both.
  keepalive_requests 1000000;
  server_tokens off;
  types { }
  default_type "text/html; charset=utf-8";
  server {
    listen 127.0.0.1:${port};
    root ${p('www')};
    location = ${PAGE} { }
    location / { return 404; }
  }
}
`;
}

async function startNginx(nginxPath: string, dir: string, port: number): Promise<ChildProcess> {
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(dir, port));
  // Its own process group, so master and worker can be killed together if this process is interrupted.
  const child = spawnGroup(nginxPath, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    if (err.length < 1e4) err += d;
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (e) => reject(new Error(`nginx could not start: ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`nginx exited ${code}: ${err}${readLog(dir)}`)));
  });
  exited.catch(() => {});
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const ok = await Promise.race([
      rawGet(port, PAGE, {}, 500).then(
        (r) => r.status === 200,
        () => false,
      ),
      exited,
    ]);
    if (ok) return child;
    await sleep(20);
  }
  await stopGroup(child, 'SIGQUIT', 3000);
  throw new Error(`nginx did not answer within 5 s: ${err}${readLog(dir)}`);
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'error.log'), 'utf8').slice(-1000);
  } catch {
    return '';
  }
}

/** User + system CPU time, in ms, of every live process in a process group (Linux /proc; NaN elsewhere). */
function groupCpuMs(pgid: number): number {
  const TICK_MS = 10; // USER_HZ is 100 on Linux
  let total = 0;
  try {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 of the line: the process group
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS; // fields 14 and 15: utime, stime
    }
  } catch {
    return Number.NaN;
  }
  return total;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export async function throughput(): Promise<Figure[]> {
  // Checked before anything starts: without nginx there is nothing to compare with.
  const nginxPath = onPath('nginx');
  if (!nginxPath)
    throw new Error(
      'nginx not found on PATH: install it with `apt-get install -y nginx` (or put its directory, e.g. /usr/sbin, on PATH)',
    );
  const amparoDir = tempDir('rps-amparo');
  const nginxDir = tempDir('rps-nginx');
  let amparo: ChildProcess | undefined;
  let nginx: ChildProcess | undefined;
  try {
    // Amparo runs as in production: `amparo serve` in its own process, logging every request at info
    // level (to /dev/null here), so the figure includes the cost of its request log.
    const amparoPort = await freePort();
    amparo = spawnGroup(process.execPath, [path.join(projectRoot, 'bin/amparo.js'), 'serve'], {
      env: {
        PATH: process.env.PATH ?? '',
        AMPARO_PORT: String(amparoPort),
        AMPARO_DATA_DIR: amparoDir,
        AMPARO_LOG_LEVEL: 'info',
      },
      stdio: 'ignore',
    });
    let amparoGone: string | undefined;
    amparo.once('error', (e) => (amparoGone = `could not start: ${e.message}`));
    amparo.once('exit', (code, signal) => (amparoGone = `exited ${code ?? signal}`));
    for (let i = 0; i < 300; i++) {
      if (amparoGone) throw new Error(`amparo serve ${amparoGone}`);
      if ((await rawGet(amparoPort, PAGE).catch(() => undefined))?.status === 200) break;
      await sleep(50);
    }

    // The exact bytes Amparo sends to a client that does not ask for compression (autocannon does not).
    const page = await rawGet(amparoPort, PAGE);
    if (page.status !== 200 || page.headers['content-encoding'])
      throw new Error(`unexpected Amparo response ${page.status} ${page.headers['content-encoding']}`);
    fs.mkdirSync(path.join(nginxDir, 'www', 'en'), { recursive: true });
    fs.writeFileSync(path.join(nginxDir, 'www', PAGE), page.body);

    const nginxPort = await freePort();
    nginx = await startNginx(nginxPath, nginxDir, nginxPort);
    const copy = await rawGet(nginxPort, PAGE);
    if (sha(copy.body) !== sha(page.body)) throw new Error('nginx does not serve the same bytes as Amparo');

    const ports = { amparo: amparoPort, nginx: nginxPort };
    // Warm-up (JIT, caches, TCP) for both, not counted.
    for (const name of ['amparo', 'nginx'] as const) await load(ports[name], LOAD.warmupS);
    const runs: Record<'amparo' | 'nginx', LoadResult[]> = { amparo: [], nginx: [] };
    const groupsOf = { amparo: amparo.pid!, nginx: nginx.pid! };
    const cpu = { amparo: 0, nginx: 0 };
    for (const name of ORDER) {
      const before = groupCpuMs(groupsOf[name]);
      runs[name].push(await load(ports[name], LOAD.durationS));
      cpu[name] += groupCpuMs(groupsOf[name]) - before;
    }

    const summary = (name: 'amparo' | 'nginx') => {
      const rs = runs[name];
      const rps = rs.reduce((s, r) => s + r.rps, 0) / rs.length;
      const bad = rs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0);
      const note = `runs ${rs.map((r) => r.rps.toFixed(0)).join(', ')} rps; latency p50 ${rs.map((r) => r.p50).join('/')} ms, p99 ${rs.map((r) => r.p99).join('/')} ms${bad ? `; ${bad} non-2xx/errors/timeouts` : ''}`;
      return { rps, note, bad };
    };
    const a = summary('amparo');
    const n = summary('nginx');
    // A fast error page is not throughput: any answer but 2xx, error or timeout fails the benchmark.
    for (const [name, result] of [
      ['amparo', a],
      ['nginx', n],
    ] as const) {
      if (result.bad > 0)
        throw new Error(`${name} gave ${result.bad} non-2xx answers, errors or timeouts under load (${result.note})`);
    }
    // CPU time per answer moves less than requests/s when other work shares the cores.
    const cpuPer1000 = (name: 'amparo' | 'nginx') => (1000 * cpu[name]) / runs[name].reduce((s, r) => s + r.total, 0);
    const settings = `${LOAD.connections} connections, ${LOAD.durationS} s x ${runs.amparo.length}, pipelining ${LOAD.pipelining}, ${page.body.length} B page`;
    return [
      {
        label: `throughput GET ${PAGE} ratio amparo/nginx`,
        value: a.rps / n.rps,
        unit: '',
        digits: 2,
        target: { op: '>=', value: TARGET_RATIO },
        note: settings,
      },
      { label: `throughput GET ${PAGE} amparo`, value: a.rps, unit: 'req/s', digits: 0, detail: true, note: a.note },
      {
        label: `throughput GET ${PAGE} nginx (same bytes, static file, 1 worker)`,
        value: n.rps,
        unit: 'req/s',
        digits: 0,
        detail: true,
        note: n.note,
      },
      ...(Number.isFinite(cpu.amparo) && cpu.amparo > 0
        ? [
            {
              label: `CPU per 1000 answers, amparo / nginx (nginx/amparo ${(cpuPer1000('nginx') / cpuPer1000('amparo')).toFixed(2)})`,
              value: cpuPer1000('amparo'),
              unit: 'ms',
              digits: 0,
              detail: true,
              note: `nginx ${cpuPer1000('nginx').toFixed(0)} ms; user + system time of each server's processes during the measured runs`,
            },
          ]
        : []),
    ];
  } finally {
    if (nginx) await stopGroup(nginx, 'SIGQUIT', 3000); // graceful: the master stops its worker
    if (amparo) await stopGroup(amparo, 'SIGTERM');
    removeDir(nginxDir);
    removeDir(amparoDir);
  }
}
