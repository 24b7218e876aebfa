// `npm run bench [-- name ...]`: runs the benchmarks, prints one line per figure with its target and
// PASS or MISS, and writes the same lines to bench/out/latest.txt. A report, not a test: it exits 0
// even on a MISS (or a benchmark that failed, which is printed as FAILED).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldStart } from './cold-start.ts';
import { formatFigure, passes, type Figure } from './lib.ts';
import { pageWeight } from './page-weight.ts';
import { searchBench } from './search.ts';
import { throughput } from './throughput.ts';

const BENCHMARKS: { name: string; run: () => Promise<Figure[]> }[] = [
  { name: 'page-weight', run: pageWeight },
  { name: 'search', run: searchBench },
  { name: 'throughput', run: throughput },
  { name: 'cold-start', run: coldStart },
  { name: 'referrals', run: async () => (await import('./referrals.ts')).referralBench() },
  { name: 'erase', run: async () => (await import('./erase.ts')).eraseBench() },
  { name: 'monitor', run: async () => (await import('./monitor.ts')).monitorBench() },
  { name: 'monitor-import', run: async () => (await import('./monitor-import.ts')).monitorImportBench() },
  { name: 'cases', run: async () => (await import('./cases.ts')).casesBench() },
  { name: 'forecast', run: async () => (await import('./forecast.ts')).forecastBench() },
];

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

async function main(): Promise<void> {
  // Options with a value (`--rows 1000`, read by the benchmark itself) are not benchmark names.
  const args = process.argv.slice(2);
  const wanted = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const selected = wanted.length > 0 ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;
  const cpus = os.cpus();
  const lines: string[] = [
    `# Amparo benchmarks, ${new Date().toISOString()}`,
    `# node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load average ${loadAverage()} at start`,
  ];
  for (const line of lines) console.log(line);
  let misses = 0;
  for (const bench of selected) {
    const t0 = performance.now();
    let figures: Figure[];
    try {
      figures = await bench.run();
    } catch (error) {
      const line = `${bench.name}: FAILED (${error instanceof Error ? error.message : String(error)})`;
      console.log(line);
      lines.push(line);
      misses++;
      continue;
    }
    for (const figure of figures) {
      const line = formatFigure(figure);
      if (passes(figure) === false) misses++;
      console.log(line);
      lines.push(line);
    }
    console.error(`  [${bench.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s]`);
  }
  lines.push(`# load average ${loadAverage()} at the end (other work on the machine skews every figure)`);
  console.log(lines.at(-1));
  const summary = misses === 0 ? '# all targets met' : `# ${misses} line(s) above show MISS or FAILED`;
  console.log(summary);
  lines.push(summary);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'latest.txt'), `${lines.join('\n')}\n`);
}

await main();
// Exit even if a library left a timer or socket behind; a MISS is still exit code 0.
process.exit(process.exitCode ?? 0);
