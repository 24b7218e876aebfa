// Search server time: a filtered full-text search measured at the service (searchDirectory) and as a
// whole request through the app (parsing, search, JSX rendering, middleware), over the shipped
// data and over 10,000 generated mechanisms; then how the cost grows with the directory's size
// (1,000, 10,000 and 100,000 generated records, index in memory, no database).
import { buildConfig } from '../src/config/config.ts';
import { createApp } from '../src/app.ts';
import { createContext, type AppContext } from '../src/context.ts';
import { HTML_PAGE_SIZE, parseHtmlSearch } from '../src/features/directory/input.ts';
import { listMechanisms } from '../src/features/directory/queries.ts';
import { DirectoryIndex, type Filters } from '../src/features/directory/search.ts';
import { importMechanisms, searchDirectory } from '../src/features/directory/service.ts';
import { compileSynonyms, synonymsFile } from '../src/features/directory/synonyms.ts';
import { SupportList } from '../src/features/directory/views/list.tsx';
import { translator } from '../src/platform/i18n/index.ts';
import { loadCuratedData } from '../src/main.ts';
import { anonymous, cliOperator } from '../src/platform/access.ts';
import { generateMechanisms } from './generate.ts';
import { percentile, removeDir, tempDir, type Figure } from './lib.ts';

export const TARGET_P50_MS = 5;
export const ITERATIONS = 300;
const WARMUP = 30;
/** Each (data set, layer) pass stops here even if it has fewer than ITERATIONS rounds. */
const PASS_DEADLINE_MS = 60_000;
export const GENERATED = 10_000;
/** Directory sizes for the growth figures; the target applies at 10,000, the others are context. */
export const SIZES = [1_000, 10_000, 100_000];

/** Varied, realistic searches: words, a phrase, a typo, facets alone and combined. */
export const QUERIES = [
  'q=helpline',
  'q=digital+security',
  'q=emergncy', // typo of "emergency": fuzzy matching
  'q=bank&region=europe',
  'kind=emergency-grant&serves=hrd',
  'q=protest&alwaysOn=1',
  'q=legal+aid&region=africa',
  'q=journalist&theme=expression',
  'theme=digital&lang=es',
  'q=relocation&serves=hrd&region=americas',
];

const PAGE = { limit: 30, offset: 0 };

function filtersOf(qs: string): Filters {
  const parsed = parseHtmlSearch(new URLSearchParams(qs));
  if (parsed.ignored.length > 0) throw new Error(`bad benchmark query ${qs}: ${parsed.ignored.join(', ')}`);
  return parsed.filters;
}

type Layer = 'service' | 'page' | 'page+gzip' | 'cached';

/** Runs every query WARMUP times, then ITERATIONS rounds over all queries (interleaved). */
async function measure(
  run: (i: number) => Promise<void>,
  count: number,
): Promise<{ samples: number[][]; rounds: number }> {
  for (let w = 0; w < WARMUP; w++) for (let i = 0; i < count; i++) await run(i);
  const samples: number[][] = Array.from({ length: count }, () => []);
  const deadline = performance.now() + PASS_DEADLINE_MS;
  let rounds = 0;
  while (rounds < ITERATIONS && performance.now() < deadline) {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await run(i);
      samples[i]!.push(performance.now() - t0);
    }
    rounds++;
  }
  return { samples, rounds };
}

async function benchDataSet(name: string, ctx: AppContext): Promise<Figure[]> {
  const app = createApp(ctx);
  const filters = QUERIES.map(filtersOf);
  const totals: number[] = [];
  for (const f of filters) totals.push((await searchDirectory(ctx, anonymous, f, PAGE)).total);
  for (const qs of QUERIES) {
    const res = await app.request(`/en/support?${qs}`);
    if (res.status !== 200) throw new Error(`/en/support?${qs} answered ${res.status}`);
    await res.arrayBuffer();
  }

  // Rendered pages are cached by URL; a unique extra parameter (ignored by the search) makes every
  // timed request a miss, so "rendered" means searched and rendered. The "cached" layer shows a hit.
  let seq = 0;
  const layers: Record<Layer, (i: number) => Promise<void>> = {
    service: async (i) => {
      await searchDirectory(ctx, anonymous, filters[i]!, PAGE);
    },
    page: async (i) => {
      const res = await app.request(`/en/support?${QUERIES[i]}&nocache=${seq++}`);
      await res.arrayBuffer();
    },
    'page+gzip': async (i) => {
      const res = await app.request(`/en/support?${QUERIES[i]}&nocache=${seq++}`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      await res.arrayBuffer();
    },
    cached: async (i) => {
      const res = await app.request(`/en/support?${QUERIES[i]}`);
      await res.arrayBuffer();
    },
  };

  const results = {} as Record<Layer, { samples: number[][]; rounds: number }>;
  for (const layer of Object.keys(layers) as Layer[]) results[layer] = await measure(layers[layer], QUERIES.length);

  const figures: Figure[] = [];
  const what: Record<Layer, string> = {
    service: 'searchDirectory()',
    page: 'GET /en/support?… via app.request, rendered',
    'page+gzip': 'same, Accept-Encoding: gzip',
    cached: 'same URL again (page cache hit)',
  };
  for (const layer of Object.keys(layers) as Layer[]) {
    const all = results[layer].samples.flat();
    const note = `${results[layer].rounds} rounds x ${QUERIES.length} queries = ${all.length} samples`;
    const isTarget = layer === 'service' || layer === 'page';
    figures.push({
      label: `search ${name}, ${what[layer]} p50`,
      value: percentile(all, 50),
      unit: 'ms',
      digits: 2,
      ...(isTarget ? { target: { op: '<=' as const, value: TARGET_P50_MS } } : {}),
      note,
    });
    figures.push({ label: `search ${name}, ${what[layer]} p99`, value: percentile(all, 99), unit: 'ms', digits: 2 });
  }
  QUERIES.forEach((qs, i) => {
    const s = results.service.samples[i]!;
    const p = results.page.samples[i]!;
    figures.push({
      label: `${qs.replace(/\+/g, ' ')} [${totals[i]} results], page p50`,
      value: percentile(p, 50),
      unit: 'ms',
      digits: 2,
      target: { op: '<=', value: TARGET_P50_MS },
      detail: true,
      note: `page p99 ${percentile(p, 99).toFixed(2)} ms; service p50 ${percentile(s, 50).toFixed(2)} ms, p99 ${percentile(s, 99).toFixed(2)} ms`,
    });
  });
  return figures;
}

async function freshContext(prefix: string): Promise<{ ctx: AppContext; dir: string }> {
  const dir = tempDir(prefix);
  const ctx = await createContext(buildConfig({}, { dataDir: dir, logLevel: 'silent' }));
  return { ctx, dir };
}

/** CPU time of a synchronous piece of work, in ms (user + system, this process). */
function cpuMs<T>(work: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

/**
 * How search cost grows: for each size, the index built from generated records in memory (its CPU
 * time), then every query searched, and searched + rendered as the list's HTML (the page body without
 * HTTP, layout or database), in rounds until ITERATIONS or the pass deadline.
 */
export async function searchGrowth(sizes = SIZES): Promise<Figure[]> {
  const figures: Figure[] = [];
  const synonyms = compileSynonyms(synonymsFile(buildConfig({}, {}).seedDir));
  const filters = QUERIES.map(filtersOf);
  const t = translator('en');
  for (const n of sizes) {
    const records = generateMechanisms(n);
    const built = cpuMs(() => new DirectoryIndex(records, { synonyms }));
    const index = built.value;
    const render = async (i: number) => {
      const result = index.search(filters[i]!, PAGE, 'en');
      const html = await SupportList({
        filters: filters[i]!,
        result: { ...result, languages: index.languages },
        pageNumber: 1,
        ignored: [],
        pageSize: HTML_PAGE_SIZE,
        locale: 'en',
        t,
      }).toString();
      if (html.length < 1000) throw new Error('rendered list is empty');
    };
    const service = await measure(async (i) => void index.search(filters[i]!, PAGE, 'en'), QUERIES.length);
    const rendered = await measure(render, QUERIES.length);
    const target = n === GENERATED ? { target: { op: '<=' as const, value: TARGET_P50_MS } } : {};
    const all = (m: { samples: number[][] }) => m.samples.flat();
    figures.push(
      {
        label: `search growth, ${n} generated records, search + list rendered p50`,
        value: percentile(all(rendered), 50),
        unit: 'ms',
        digits: 2,
        ...target,
        note: `p99 ${percentile(all(rendered), 99).toFixed(2)} ms; ${rendered.rounds} rounds${n === GENERATED ? '' : ', for context'}`,
      },
      {
        label: `search growth, ${n} generated records, index.search() p50`,
        value: percentile(all(service), 50),
        unit: 'ms',
        digits: 2,
        detail: true,
        note: `p99 ${percentile(all(service), 99).toFixed(2)} ms`,
      },
      {
        label: `search growth, ${n} generated records, index build CPU`,
        value: built.ms,
        unit: 'ms',
        digits: 0,
        detail: true,
      },
    );
  }
  return figures;
}

export async function searchBench(): Promise<Figure[]> {
  const figures: Figure[] = [];

  // (a) the shipped data, loaded the way the server loads it on start.
  {
    const { ctx, dir } = await freshContext('search-shipped');
    try {
      await loadCuratedData(ctx);
      const t0 = performance.now();
      const n = (await searchDirectory(ctx, anonymous, filtersOf(''), PAGE)).total;
      const build = performance.now() - t0;
      figures.push(...(await benchDataSet(`${n} shipped records`, ctx)));
      figures.push({
        label: `search ${n} shipped records, index build (first search: read + index)`,
        value: build,
        unit: 'ms',
        digits: 1,
      });
    } finally {
      await ctx.db.destroy();
      removeDir(dir);
    }
  }

  // (b) 10,000 generated mechanisms in a fresh SQLite database.
  {
    const { ctx, dir } = await freshContext('search-10k');
    try {
      const t0 = performance.now();
      const records = generateMechanisms(GENERATED);
      const generated = performance.now() - t0;
      const t1 = performance.now();
      const counts = await importMechanisms(ctx, cliOperator, records);
      const imported = performance.now() - t1;
      if (counts.inserted !== GENERATED)
        throw new Error(`expected ${GENERATED} inserted, got ${JSON.stringify(counts)}`);
      const t2 = performance.now();
      await searchDirectory(ctx, anonymous, filtersOf(''), PAGE);
      const firstSearch = performance.now() - t2;
      // The index alone, from records already in memory (no database read, no JSON parsing).
      const rows = await listMechanisms(ctx.db);
      const t3 = performance.now();
      new DirectoryIndex(rows);
      const indexOnly = performance.now() - t3;

      figures.push(...(await benchDataSet(`${GENERATED} generated records`, ctx)));
      figures.push(
        {
          label: `search ${GENERATED} generated records, index build (first search: read + index)`,
          value: firstSearch,
          unit: 'ms',
          digits: 0,
        },
        {
          label: `search ${GENERATED} generated records, index build (in memory only)`,
          value: indexOnly,
          unit: 'ms',
          digits: 0,
          detail: true,
        },
        {
          label: `search ${GENERATED} generated records, import into SQLite (importMechanisms)`,
          value: imported / 1000,
          unit: 's',
          digits: 1,
          detail: true,
          note: `generation ${generated.toFixed(0)} ms`,
        },
      );
    } finally {
      await ctx.db.destroy();
      removeDir(dir);
    }
  }

  // (c) growth with the directory's size.
  figures.push(...(await searchGrowth()));
  return figures;
}
