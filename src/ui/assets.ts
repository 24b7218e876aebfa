// Static assets are few and small; they are read once, fingerprinted by content hash and served
// from the app itself with long-lived caching. Nothing is loaded from another host.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transformSync } from 'esbuild';
import { Hono } from 'hono';

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  type: string;
}

const sources: { name: string; ext: string; type: string; path: URL }[] = [
  { name: 'app', ext: 'css', type: 'text/css; charset=utf-8', path: new URL('./styles/app.css', import.meta.url) },
  { name: 'icon', ext: 'svg', type: 'image/svg+xml', path: new URL('./icon.svg', import.meta.url) },
  {
    name: 'quick-exit',
    ext: 'js',
    type: 'text/javascript; charset=utf-8',
    path: new URL('./client/quick-exit.ts', import.meta.url),
  },
];

/** The small client modules are TypeScript, compiled once at start by esbuild. */
export function compileClient(source: string): string {
  return transformSync(source, { loader: 'ts', format: 'iife', minify: true, target: 'es2020' }).code;
}

/** The stylesheet is kept readable in the repository and served minified (no syntax lowered). */
function minifyCss(source: string): string {
  return transformSync(source, { loader: 'css', minify: true }).code;
}

const byFile = new Map<string, Asset>();
const byName = new Map<string, string>();
/** Logical name (e.g. "app.css") -> its fingerprinted URL. */
export const assetUrl: Record<string, string> = {};

for (const source of sources) {
  const raw = fs.readFileSync(source.path);
  const text = raw.toString('utf8');
  const body =
    source.ext === 'js' ? Buffer.from(compileClient(text)) : source.ext === 'css' ? Buffer.from(minifyCss(text)) : raw;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const file = `${source.name}.${hash}.${source.ext}`;
  byFile.set(file, {
    body: new Uint8Array(body),
    gzip: new Uint8Array(gzipSync(body, { level: 9 })),
    type: source.type,
  });
  assetUrl[`${source.name}.${source.ext}`] = `/assets/${file}`;
  byName.set(`${source.name}.${source.ext}`, body.toString('utf8'));
}

/** An asset's text as served (client scripts compiled), for documents that inline it. */
export function assetText(name: string): string {
  const text = byName.get(name);
  if (text === undefined) throw new Error(`no asset ${name}`);
  return text;
}

export const assetRoutes = new Hono().get('/assets/:file', (c) => {
  const asset = byFile.get(c.req.param('file'));
  if (!asset) return c.notFound();
  const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  c.header('content-type', asset.type);
  c.header('cache-control', 'public, max-age=31536000, immutable');
  c.header('vary', 'accept-encoding');
  if (gzip) c.header('content-encoding', 'gzip');
  return c.body(gzip ? asset.gzip : asset.body);
});
