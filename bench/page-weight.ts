// Page weight: the gzip bytes of /en/support plus everything it loads, as a browser would fetch it
// from a real server (Accept-Encoding: gzip). A resource the server sends uncompressed is counted
// as gzip level 6 would make it.
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildConfig } from '../src/config/config.ts';
import { startServer } from '../src/main.ts';
import { formatBytes, rawGet, removeDir, tempDir, type Figure } from './lib.ts';

export const PAGE = '/en/support';
export const TARGET_KB = 30;

/** Link relations that make a browser fetch the target. */
const LOADING_RELS = /\b(stylesheet|icon|preload|modulepreload|manifest|apple-touch-icon)\b/i;

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return value?.replace(/&amp;/g, '&');
}

/** The URLs an HTML page makes the browser load: <link href> (loading rels), <script src>, <img src>. */
export function subresources(html: string): string[] {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attr(tag, 'href');
    if (href && LOADING_RELS.test(attr(tag, 'rel') ?? '')) urls.push(href);
  }
  for (const [tag] of html.matchAll(/<(?:script|img)\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src) urls.push(src);
  }
  return urls;
}

/** url() and @import targets of a stylesheet (fonts, background images). */
function cssSubresources(css: string): string[] {
  const urls: string[] = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) urls.push((m[1] ?? m[2] ?? m[3])!);
  for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) urls.push((m[1] ?? m[2])!);
  return urls.filter((u) => u && !u.startsWith('data:'));
}

interface Fetched {
  url: string;
  rawBytes: number;
  wireBytes: number;
  serverGzip: boolean;
}

export async function pageWeight(): Promise<Figure[]> {
  const dataDir = tempDir('weight');
  const started = await startServer(buildConfig({}, { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent' }));
  try {
    const address = started.server.address();
    if (typeof address !== 'object' || !address) throw new Error('server has no address');
    const port = address.port;
    const fetched: Fetched[] = [];
    const skipped: string[] = [];
    const seen = new Set<string>();

    const fetchOne = async (url: string): Promise<Buffer | undefined> => {
      const resolved = new URL(url, `http://127.0.0.1:${port}${PAGE}`);
      if (resolved.host !== `127.0.0.1:${port}`) {
        skipped.push(url); // another host: never contacted; reported instead
        return undefined;
      }
      const target = resolved.pathname + resolved.search;
      if (seen.has(target)) return undefined;
      seen.add(target);
      const res = await rawGet(port, target, { 'accept-encoding': 'gzip' });
      if (res.status !== 200) throw new Error(`GET ${target} answered ${res.status}`);
      const encoding = String(res.headers['content-encoding'] ?? '');
      const serverGzip = /\bgzip\b/.test(encoding);
      if (encoding && !serverGzip) throw new Error(`GET ${target} used unexpected content-encoding ${encoding}`);
      const raw = serverGzip ? gunzipSync(res.body) : res.body;
      fetched.push({
        url: target,
        rawBytes: raw.length,
        wireBytes: serverGzip ? res.body.length : gzipSync(raw, { level: 6 }).length,
        serverGzip,
      });
      return raw;
    };

    const html = (await fetchOne(PAGE))!.toString('utf8');
    for (const url of subresources(html)) {
      const body = await fetchOne(url);
      const type = url.split('?')[0]!.endsWith('.css') ? 'css' : '';
      if (body && type === 'css')
        for (const inner of cssSubresources(body.toString('utf8')))
          await fetchOne(new URL(inner, new URL(url, `http://127.0.0.1:${port}/`)).href);
    }

    const total = fetched.reduce((sum, f) => sum + f.wireBytes, 0);
    const figures: Figure[] = [
      {
        label: `page weight ${PAGE} (gzip, with everything it loads)`,
        value: total / 1024,
        unit: 'KB',
        target: { op: '<=', value: TARGET_KB },
        note: `${fetched.length} responses, ${formatBytes(fetched.reduce((s, f) => s + f.rawBytes, 0))} uncompressed`,
      },
    ];
    for (const f of fetched) {
      figures.push({
        label: `${f.url}`,
        value: f.wireBytes / 1024,
        unit: 'KB',
        digits: 2,
        detail: true,
        note: `${formatBytes(f.rawBytes)} uncompressed, ${f.serverGzip ? 'gzip by the server' : 'not compressed by the server; counted at gzip -6'}`,
      });
    }
    if (skipped.length > 0) {
      figures.push({
        label: 'resources on other hosts (not fetched, not counted)',
        value: skipped.length,
        unit: '',
        digits: 0,
        detail: true,
        note: skipped.join(' '),
      });
    }
    return figures;
  } finally {
    await started.close();
    removeDir(dataDir);
  }
}
