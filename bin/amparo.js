#!/usr/bin/env node
// Entry point for `npx amparo` and `npm start`. tsx compiles the TypeScript sources on load, so there
// is no build step between a clone and a running server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
await main(process.argv);
