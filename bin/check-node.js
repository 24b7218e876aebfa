// The runtime check, run before anything native is imported: better-sqlite3 and argon2 are built for
// Node.js 22.12 and newer, and an older Node.js dies loading them with a bare segmentation fault.
// Plain JavaScript that any Node.js can parse, so the message reaches the person whatever they run.

/** One line saying what to run instead, or undefined when this Node.js will do. */
export function runtimeProblem(version) {
  const [major = 0, minor = 0] = String(version)
    .split('.')
    .map((part) => Number.parseInt(part, 10));
  if (major > 22 || (major === 22 && minor >= 12)) return undefined;
  return (
    `Amparo needs Node.js 22.12 or newer (this is ${version}). Run it through npm (npm start, npx amparo), ` +
    'which uses the Node.js 24 that npm ci installed, or install Node.js 24.'
  );
}
