// The import boundaries of docs/decisions/0013: a feature reaches another feature only through its
// service.ts; platform, ui, db and config never reach into features; the CLI is a client of services.
// Only the composition roots (app.ts, context.ts, main.ts) wire features' routes and builders together.
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

/** Where a file sits: its layer ('features', 'platform', ...) and, for a feature, its name and inner path. */
export function place(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { layer: 'outside' };
  const parts = rel.split(path.sep);
  if (parts.length === 1) return { layer: 'root', file: parts[0] };
  if (parts[0] === 'features') return { layer: 'features', feature: parts[1], inner: parts.slice(2).join('/') };
  return { layer: parts[0] };
}

const NO_FEATURES = new Set(['platform', 'ui', 'db', 'config']);

/** Why an import from `from` to `to` crosses a boundary, or null when it may. */
export function violation(from, to) {
  const a = place(from);
  const b = place(to);
  if (b.layer !== 'features') return null;
  if (a.layer === 'features' && a.feature === b.feature) return null;
  if (a.layer === 'root' || a.layer === 'outside') return null;
  if (NO_FEATURES.has(a.layer)) return `${a.layer}/ must not import from features/ (it is shared by them)`;
  if (b.inner === 'service.ts') return null;
  const who = a.layer === 'features' ? `features/${a.feature}` : `${a.layer}/`;
  return `${who} may import only features/${b.feature}/service.ts, not features/${b.feature}/${b.inner}`;
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
