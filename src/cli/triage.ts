import path from 'node:path';
import type { Command } from 'commander';
import { readMechanismFiles } from '../features/directory/service.ts';
import { checkGraph, readFlowFiles } from '../features/triage/service.ts';
import { formatDataProblem } from '../platform/data-files.ts';
import { loadConfig } from './shared.ts';

export function registerTriage(program: Command): void {
  const triage = program.command('triage').description('the "get help now" flows');

  triage
    .command('validate [dir]')
    .description('check the flow files (default: the shipped data/triage) and the graph they form')
    .action((dir?: string) => {
      const seedDir = loadConfig().seedDir;
      const target = dir ?? path.join(seedDir, 'triage');
      const { set, problems } = readFlowFiles(target);
      const { records } = readMechanismFiles(path.join(seedDir, 'support'));
      if (problems.length === 0) problems.push(...checkGraph(set, records));
      for (const p of problems) process.stderr.write(`${formatDataProblem(p)}\n`);
      const nodes = [...set.flows.values()].reduce((n, f) => n + Object.keys(f.nodes).length, 0);
      process.stdout.write(`${set.flows.size} flows, ${nodes} nodes, ${problems.length} problem(s) in ${target}\n`);
      if (problems.length > 0) process.exitCode = 1;
    });
}
