// Run as its own process (node --import tsx tests/helpers/read-back.ts) with a server's environment:
// opens the database afresh, as a restarted server would, and prints its durability settings, every
// suggestion (id and name) and every helpline case (id and the keys of its SLA alert jobs) as one JSON
// line. The durability tests read what survived a SIGKILL here, not through a connection that stayed
// open in the test process.
import { readEnv } from '../../src/config/env.ts';
import { buildConfig } from '../../src/config/config.ts';
import { createContext } from '../../src/context.ts';
import { durabilitySettings } from '../../src/db/durability.ts';
import { SLA_JOB } from '../../src/features/cases/service.ts';
import { listSuggestions } from '../../src/features/suggestions/service.ts';
import { cliOperator } from '../../src/platform/access.ts';

const ctx = await createContext(buildConfig(readEnv(), { logLevel: 'warn' }));
try {
  const settings = await durabilitySettings(ctx.db);
  const suggestions = (await listSuggestions(ctx, cliOperator, 'all', 1_000_000)).map((s) => ({
    id: s.id,
    name: s.payload.name,
  }));
  const alerts = await ctx.db.selectFrom('jobs').select('unique_key').where('kind', '=', SLA_JOB).execute();
  const caseRows = await ctx.db.selectFrom('cases').select('id').execute();
  const cases = caseRows.map(({ id }) => ({
    id,
    alerts: alerts.map((a) => a.unique_key ?? '').filter((key) => key.startsWith(`case:${id}:`)),
  }));
  process.stdout.write(JSON.stringify({ settings, suggestions, cases }) + '\n');
} finally {
  ctx.mailer.close();
  await ctx.db.destroy();
}
