import type { Command } from 'commander';
import { startServer } from '../main.ts';
import { watchLaunchers } from './parent-watch.ts';
import { loadConfig } from './shared.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve Amparo over HTTP (AMPARO_HOST, AMPARO_PORT, AMPARO_DATA_DIR, DATABASE_URL)')
    .option('--host <host>', 'address to listen on')
    .option('--port <port>', 'port to listen on', (v) => Number.parseInt(v, 10))
    .action(async (options: { host?: string; port?: number }) => {
      const config = loadConfig({
        ...(options.host ? { host: options.host } : {}),
        ...(options.port !== undefined ? { port: options.port } : {}),
      });
      const { ctx, close } = await startServer(config);
      const stop = (signal: string) => {
        ctx.logger.info({ signal }, 'draining');
        close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      if (config.exitWithParent) watchLaunchers(() => stop('npm ended'));
    });
}
