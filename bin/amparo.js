#!/usr/bin/env node
// Entry point for `npx amparo` and `npm start`. tsx compiles the TypeScript sources on load, so there
// is no build step between a clone and a running server. The runtime is checked first, before tsx and
// the native modules are loaded (they are imported dynamically for that reason).
import { runtimeProblem } from './check-node.js';

const problem = runtimeProblem(process.versions.node);
if (problem) {
  process.stderr.write(`amparo: ${problem}\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/index.ts');
await main(process.argv);
