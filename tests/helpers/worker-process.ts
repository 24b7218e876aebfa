// A test's child process run the way the project runs TypeScript (`node --import tsx`): it says "ready"
// on stdout once it is set up, waits for "go" on stdin, and ends with its result on stdout. Starting
// several and saying "go" to all at once makes them race over one database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config/config.ts';

export interface WorkerProcess {
  /** Resolves once the child said "ready" (or exited early: `output` then says why). */
  ready: Promise<unknown>;
  go(): void;
  /** What it printed, once it has exited with status 0; otherwise an error quoting its stderr. */
  output(): Promise<string>;
}

/** `script` is relative to the project root; `env` is the child's whole environment. */
export function startWorker(script: string, args: string[], env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, script), ...args], {
    cwd: projectRoot,
    env,
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve();
    }),
  );
  return {
    ready: Promise.race([ready, exited]),
    go: () => child.stdin.end('go\n'),
    async output() {
      const code = await exited;
      if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}: ${err}`);
      return out;
    },
  };
}
