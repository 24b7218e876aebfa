// Page weight: the gzip bytes of a page plus everything it loads, as a browser would fetch it from a
// real server (Accept-Encoding: gzip). A resource the server sends uncompressed is counted as gzip
// level 6 would make it. Measured: /en/support, then, with the whole shared V-Dem data imported and
// forecasts stored, the country list, a country page with its six charts, and a comparison of four.
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildConfig } from '../src/config/config.ts';
import { startServer } from '../src/main.ts';
import { VDEM_DIR } from '../src/features/countries/fixtures.ts';
import { DEFAULT_PARAMS } from '../src/features/countries/forecast/model.ts';
import { importVdem, makeForecasts } from '../src/features/countries/service.ts';
import { cliOperator } from '../src/platform/access.ts';
import { formatBytes, rawGet, removeDir, tempDir, type Figure } from './lib.ts';

export const PAGE = '/en/support';
/** The country pages measured once the V-Dem data is in (Russia: a long series and tracked laws). */
export const COUNTRY_PAGES = ['/en/countries', '/ar/countries/RU', '/en/countries/compare?c=BY&c=GE&c=RU&c=UA'];
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
    const figures = await weigh(address.port, PAGE);
    if (!VDEM_DIR) {
      figures.push({ label: 'country pages: V-Dem files not found, not measured', value: 0, unit: '', detail: true });
      return figures;
    }
    const imported = await importVdem(started.ctx, cliOperator, VDEM_DIR);
    if (!imported.ok) throw new Error('V-Dem import failed');
    // Few trees: the page shows the same number of factors whatever the model's size.
    const made = await makeForecasts(started.ctx, cliOperator, { params: { ...DEFAULT_PARAMS, trees: 5 } });
    if (!made.ok) throw new Error('forecast failed');
    for (const page of COUNTRY_PAGES) figures.push(...(await weigh(address.port, page)));
    return figures;
  } finally {
    await started.close();
    removeDir(dataDir);
  }
}

/** One page and everything it loads, fetched as a browser would. */
async function weigh(port: number, page: string): Promise<Figure[]> {
  const fetched: Fetched[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();

  const fetchOne = async (url: string): Promise<Buffer | undefined> => {
    const resolved = new URL(url, `http://127.0.0.1:${port}${page}`);
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

  const html = (await fetchOne(page))!.toString('utf8');
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
      label: `page weight ${page} (gzip, with everything it loads)`,
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
}
