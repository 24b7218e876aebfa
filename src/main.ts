// Start the server: config -> context -> curated data, purge job -> listen -> job polling; drain on SIGTERM/SIGINT.
import { serve, type ServerType } from '@hono/node-server';
import path from 'node:path';
import { createApp } from './app.ts';
import { publicOrigin, type Config } from './config/config.ts';
import { ConfigError } from './config/env.ts';
import { createContext, type AppContext } from './context.ts';
import { durabilitySettings } from './db/durability.ts';
import { importMechanisms, readMechanismFiles } from './features/directory/service.ts';
import { schedulePurge } from './features/accounts/purge/service.ts';
import { sweepEvidenceUploads } from './features/monitor/evidence/service.ts';
import { cliOperator } from './platform/access.ts';
import { settled } from './platform/background.ts';

/** Loads the shipped directory files; a bad file is reported and skipped, never fatal. */
export async function loadCuratedData(ctx: AppContext): Promise<void> {
  const { records, problems } = readMechanismFiles(path.join(ctx.config.seedDir, 'support'));
  for (const p of problems)
    ctx.logger.warn({ file: p.file, path: p.path, problem: p.message }, 'skipped invalid directory file');
  const counts = await importMechanisms(ctx, cliOperator, records);
  ctx.logger.info(counts, 'directory data loaded');
}

/** A port that is taken or not ours to use is a setting to change, said in one line. */
function listenProblem(error: unknown, config: Config): ConfigError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `port ${config.port} on ${config.host}`;
  if (code === 'EADDRINUSE')
    return new ConfigError(
      `Cannot listen: ${where} is already in use. Stop what is using it, or choose another port (AMPARO_PORT or --port).`,
    );
  if (code === 'EACCES')
    return new ConfigError(
      `Cannot listen: ${where} needs privileges this process does not have. Choose a port above 1023 (AMPARO_PORT or --port).`,
    );
  if (code === 'EADDRNOTAVAIL')
    return new ConfigError(`Cannot listen: ${config.host} is not an address of this machine (AMPARO_HOST or --host).`);
  return undefined;
}

export async function startServer(
  config: Config,
): Promise<{ ctx: AppContext; server: ServerType; close: () => Promise<void> }> {
  const ctx = await createContext(config);
  ctx.logger.info({ database: await durabilitySettings(ctx.db) }, 'database opened');
  await loadCuratedData(ctx);
  await schedulePurge(ctx);
  const swept = await sweepEvidenceUploads(ctx);
  if (swept > 0) ctx.logger.info({ swept }, 'unfinished evidence uploads removed');
  const app = createApp(ctx);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  }).catch(async (error: unknown) => {
    ctx.mailer.close();
    await ctx.db.destroy();
    throw listenProblem(error, config) ?? error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // With AMPARO_PORT=0 the system picked the port: the public origin (redirects, CSRF) uses the real one.
  if (config.port === 0) ctx.config = { ...ctx.config, port };
  ctx.logger.info({ url: `http://${config.host}:${port}/` }, 'Amparo is listening');
  ctx.jobs.start();
  if (!config.publicUrl && (config.host === '0.0.0.0' || config.host === '::')) {
    ctx.logger.warn(
      { origin: publicOrigin(ctx.config) },
      'AMPARO_PUBLIC_URL is not set: forms only work when people use this origin',
    );
  }
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => server.close(() => resolve()))
      .then(() => ctx.jobs.stop())
      .then(() => settled(ctx))
      .then(() => {
        ctx.mailer.close();
        return ctx.db.destroy();
      }));
  return { ctx, server, close };
}
