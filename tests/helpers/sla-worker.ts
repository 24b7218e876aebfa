// A server process as `amparo serve` builds it: the real context (createContext) from the environment,
// with every feature's job kinds and the SMTP mailer, but its clock standing still at argv[2], the test's
// clock. It says "ready", waits for "go" on stdin, runs due jobs until it can claim none, and prints how
// many it claimed.
// Run: node --import tsx tests/helpers/sla-worker.ts <ISO time>
import { once } from 'node:events';
import { buildConfig } from '../../src/config/config.ts';
import { readEnv } from '../../src/config/env.ts';
import { createContext } from '../../src/context.ts';

const at = new Date(process.argv[2]!);
const ctx = await createContext(buildConfig(readEnv()), { clock: { now: () => new Date(at) } });
process.stdout.write('ready\n');
await once(process.stdin, 'data');
let claimed = 0;
for (let n = await ctx.jobs.runDue(); n > 0; n = await ctx.jobs.runDue()) claimed += n;
process.stdout.write(`claimed ${claimed}\n`);
ctx.mailer.close();
await ctx.db.destroy();
