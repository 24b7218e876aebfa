// The runtime check, run before anything native is imported. Amparo runs on Node.js 24 (package.json
// `engines`, docs/decisions/0001): it is the version every test runs on, and an older Node.js can die
// loading the native modules (better-sqlite3 13, argon2) with a bare segmentation fault.
// Plain JavaScript that any Node.js can parse, so the message reaches the person whatever they run.

/** One line saying what to run instead, or undefined when this Node.js will do. */
export function runtimeProblem(version) {
  const major = Number.parseInt(String(version).split('.')[0] ?? '', 10);
  if (major >= 24) return undefined;
  return (
    `Amparo needs Node.js 24 or newer (this is ${version}). Run it through npm (npm start, npx amparo), ` +
    'which uses the Node.js 24 that npm ci installed, or install Node.js 24.'
  );
}
