// The index a process serves: rebuilt after its own writes at once, after another process's writes
// once its clock says a second has passed (ctx.clock, so a test clock decides).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { buildConfig } from '../../config/config.ts';
import { createContext } from '../../context.ts';
import { cliOperator } from '../../platform/access.ts';
import { mechanismSchema } from './schema.ts';
import { importMechanisms } from './service.ts';

const clock = new TestClock();
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ clock });
});
afterAll(() => env.close());

const record = (id: string) =>
  mechanismSchema.parse({
    id,
    name: `Fund ${id}`,
    summary: 'A fund used to test when the index is rebuilt.',
    kinds: ['emergency-grant'],
    serves: ['cso'],
    regions: ['global'],
    contact: { website: 'https://example.org' },
    verifiedAt: '2026-11-24',
    source: [{ title: 'Test' }],
    version: 1,
  });

describe('the live directory index', () => {
  it("sees this process's own write at once", async () => {
    const before = await env.ctx.directoryIndex.revision();
    await importMechanisms(env.ctx, cliOperator, [record('own-write-fund')]);
    expect((await env.ctx.directoryIndex.current()).get('own-write-fund')).toBeDefined();
    expect(await env.ctx.directoryIndex.revision()).not.toBe(before);
  });

  it("sees another process's write once the context's clock has moved a second", async () => {
    const other = await createContext(buildConfig({}, { ...env.ctx.config, logLevel: 'silent' }));
    try {
      await env.ctx.directoryIndex.current();
      await importMechanisms(other, cliOperator, [record('other-process-fund')]);
      const has = async () => (await env.ctx.directoryIndex.current()).get('other-process-fund') !== undefined;
      expect(await has()).toBe(false);
      clock.advance(999);
      expect(await has()).toBe(false); // still trusted: no check yet
      clock.advance(2);
      await has(); // starts the check; requests meanwhile keep the current index
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await has()).toBe(true);
    } finally {
      await other.db.destroy();
    }
  });
});
