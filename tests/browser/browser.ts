// Browser tests: Debian's Chromium driven by playwright-core, against the real app served on a
// random loopback port with a fresh database (tests/helpers/context.ts).
import { serve, type ServerType } from '@hono/node-server';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/context.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a loud warning on a
 * developer's machine, but in CI (CI=true) a missing browser is a failure, never a silent skip.
 */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  const message = `${CHROMIUM_PATH} not found; apt-get install -y chromium`;
  if (process.env.CI === 'true') throw new Error(`BROWSER TESTS CANNOT RUN IN CI: ${message}`);
  process.stderr.write(`\n${'!'.repeat(72)}\nBROWSER TESTS SKIPPED: ${message}\n${'!'.repeat(72)}\n\n`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ServedApp {
  env: TestEnv;
  server: ServerType;
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

/** The app with a fresh database, listening on 127.0.0.1 at a port the system picks. */
export async function serveApp(options: Parameters<typeof testEnv>[0] = {}): Promise<ServedApp> {
  const env = await testEnv(options);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: env.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const address = server.address() as AddressInfo | string | null;
  if (!address || typeof address === 'string') throw new Error(`unexpected server address: ${String(address)}`);
  const origin = `http://127.0.0.1:${address.port}`;
  env.ctx.config = { ...env.ctx.config, publicUrl: origin }; // the port is known only now
  let closing: Promise<void> | undefined;
  return {
    env,
    server,
    origin,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }).then(() => env.close())),
  };
}

/**
 * One browser and one served app for a describe block, started before its tests and closed after.
 * Read them as `s.browser` and `s.app` inside tests.
 */
export function useBrowserAndApp(options: Parameters<typeof testEnv>[0] = {}): { browser: Browser; app: ServedApp } {
  const shared = {} as { browser: Browser; app: ServedApp };
  beforeAll(async () => {
    shared.browser = await launchBrowser();
    shared.app = await serveApp(options);
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.app?.close();
  });
  return shared;
}
