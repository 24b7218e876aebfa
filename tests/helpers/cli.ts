// The amparo binary, run as a person would run it (a child process on the project's Node), against a
// test's own database: `env.childEnv` names it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config/config.ts';
import type { TestEnv } from './context.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runAmparo(
  env: Pick<TestEnv, 'childEnv'>,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<CliResult> {
  return promisify(execFile)(process.execPath, [path.join(projectRoot, 'bin/amparo.js'), ...args], {
    env: { ...env.childEnv, ...extraEnv },
    maxBuffer: 10 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}
