// The import boundaries of docs/decisions/0013: a feature slice reaches another only through its
// service.ts; platform, ui, db and config never reach into features; the CLI is a client of services.
// Only the composition roots (app.ts, context.ts, main.ts) wire features' routes and builders together.
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', 'src');
const FEATURES = path.join(SRC, 'features');

const groups = new Map();
/** A folder of slices (accounts/, assessments/): it has no routes or service of its own. Asked once per name. */
function isGroup(name) {
  let group = groups.get(name);
  if (group === undefined) {
    const dir = path.join(FEATURES, name);
    group =
      fs.existsSync(dir) && !['service.ts', 'routes.tsx', 'routes.ts'].some((f) => fs.existsSync(path.join(dir, f)));
    groups.set(name, group);
  }
  return group;
}

/**
 * Where a file sits: its layer ('features', 'platform', ...); in features, the slice it belongs to
 * ('directory', 'accounts/auth') and its path inside it, or the group whose shared file it is.
 */
export function place(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { layer: 'outside' };
  const parts = rel.split(path.sep);
  if (parts.length === 1) return { layer: 'root', file: parts[0] };
  if (parts[0] !== 'features') return { layer: parts[0] };
  const [, first, second, ...rest] = parts;
  if (isGroup(first) && rest.length > 0)
    return { layer: 'features', group: first, slice: `${first}/${second}`, inner: rest.join('/') };
  if (isGroup(first)) return { layer: 'features', group: first, slice: null, inner: second };
  return { layer: 'features', group: null, slice: first, inner: parts.slice(2).join('/') };
}

const NO_FEATURES = new Set(['platform', 'ui', 'db', 'config']);

/** Why an import from `from` to `to` crosses a boundary, or null when it may. */
export function violation(from, to) {
  const a = place(from);
  const b = place(to);
  if (b.layer !== 'features') return null;
  if (a.layer === 'root' || a.layer === 'outside') return null;
  if (NO_FEATURES.has(a.layer)) return `${a.layer}/ must not import from features/ (it is shared by them)`;
  if (a.layer === 'features' && a.slice !== null && a.slice === b.slice) return null;
  // A group's own shared files (features/accounts/passwords.ts) serve the slices of that group only.
  if (b.slice === null && a.layer === 'features' && a.group === b.group) return null;
  if (b.slice !== null && b.inner === 'service.ts') return null;
  const who = a.layer === 'features' ? `features/${a.slice ?? a.group}` : `${a.layer}/`;
  if (b.slice === null) return `features/${b.group}/${b.inner} is shared only by the slices of features/${b.group}/`;
  const target = b.slice ?? b.group;
  return `${who} may import only features/${target}/service.ts, not features/${target}/${b.inner}`;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: "A feature may import only another feature's service.ts" },
    schema: [],
    messages: { crossing: '{{why}}' },
  },
  create(context) {
    const from = context.filename;
    function check(node) {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const why = violation(from, path.resolve(path.dirname(from), source));
      if (why) context.report({ node: node.source, messageId: 'crossing', data: { why } });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
