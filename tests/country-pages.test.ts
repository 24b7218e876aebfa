// The country pages (features/countries) through app.request, as a browser without JavaScript: before
// any V-Dem import (the page works and says so), then with a small subset of the shared data imported.
// Here rather than beside the feature because it publishes a monitor event for the page to show.
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VDEM_DIR, vdemSubset } from '../src/features/countries/fixtures.ts';
import { DEFAULT_PARAMS } from '../src/features/countries/forecast/model.ts';
import { allForecasts } from '../src/features/countries/forecast-queries.ts';
import { makeForecasts } from '../src/features/countries/forecast-service.ts';
import { percent } from '../src/features/countries/views/forecast.tsx';
import { importVdem } from '../src/features/countries/service.ts';
import { listLegislation } from '../src/features/legislation/service.ts';
import { sampleEvent } from '../src/features/monitor/fixtures.ts';
import { PUBLIC_FIELDS } from '../src/features/monitor/model.ts';
import { publishEvent, recordEvents } from '../src/features/monitor/service.ts';
import { anonymous, cliOperator } from '../src/platform/access.ts';
import { newOrg, withOrgKey } from './helpers/accounts.ts';
import { testEnv, type TestEnv } from './helpers/context.ts';
import { pageReader } from './helpers/pages.ts';

let env: TestEnv;
let dir: string;
beforeAll(async () => {
  if (!VDEM_DIR) return;
  env = await testEnv();
  dir = vdemSubset(['BLR', 'GEO', 'RUS', 'UKR', 'ARM', 'AZE', 'SLV', 'DDR']);
  const orgId = await newOrg(env, 'Country Page Org');
  await withOrgKey(env, orgId, async () => {
    const [e] = await recordEvents(env.ctx, cliOperator, orgId, [
      sampleEvent({ title: 'Raid on the Minsk office of a human rights group' }),
    ]);
    await publishEvent(env.ctx, cliOperator, orgId, e!.id, { state: 'public', fields: [...PUBLIC_FIELDS] });
  });
}, 60_000);
afterAll(async () => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await env?.close();
});

const { get, page } = pageReader(() => env);
const charts = (html: string) => html.match(/<svg[^>]*role="img"/g)?.length ?? 0;

describe.skipIf(!VDEM_DIR)('the country pages', () => {
  it('work before the V-Dem data is imported, and say the indicators are not loaded', async () => {
    const html = await page('/en/countries/BY');
    expect(html).toContain('<h1>Belarus</h1>');
    expect(html).toContain('The V-Dem indicators are not loaded');
    expect(charts(html)).toBe(0);
    // The rest of the page is there: the monitor's published event and the directory.
    expect(html).toContain('Raid on the Minsk office of a human rights group');
    expect(html).toContain('Support that serves Belarus');
    const compared = await page('/en/countries/compare?c=BY&c=GE');
    expect(compared).toContain('The V-Dem indicators are not loaded');
    const list = await page('/en/countries');
    expect(list).toContain('The V-Dem indicators are not loaded');
    // The main navigation leads to the list on every page.
    expect(list).toMatch(/<a href="\/en\/countries" aria-current="page">Countries<\/a>/);
    expect(html).toMatch(/<a href="\/en\/countries">Countries<\/a>/);
  });

  it('send a lower-case code to the upper-case page, and answer 404 for an unknown country', async () => {
    const res = await get('/en/countries/by');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/en/countries/BY');
    expect((await get('/en/countries/QQ')).status).toBe(404);
    expect((await get('/en/countries/compare?c=BY&c=QQ')).status).toBe(404);
    // A former country has a page only once its data is there.
    expect((await get('/en/countries/DD')).status).toBe(404);
  });

  it('show the six spaces with the region median, the figures, the latest changes and attribution', async () => {
    const imported = await importVdem(env.ctx, cliOperator, dir);
    expect(imported.ok).toBe(true);
    const html = await page('/en/countries/BY');
    expect(html).not.toContain('not loaded');
    expect(charts(html)).toBe(6);
    expect(html).toContain('Median of Eastern Europe and Central Asia');
    expect(html).toContain('chart-dashed');
    expect(html).toContain('V-Dem Institute');
    expect(html).toContain('CC BY-SA 4.0');
    // Figures as tables: every year of Belarus's data, from independence (1991) to 2023.
    expect(html).toContain('The spaces over time, 1991–2023');
    expect(html.match(/<th scope="row">1991<\/th>/g)).toHaveLength(6);
    expect(html).not.toContain('<th scope="row">1990</th>');
    expect(html).toContain('Latest values (2023)');
    // Most recent first: 2023's fall in the (reversed) corruption index, 0.722 -> 0.690, beyond its 0.03.
    const changes = html.slice(html.indexOf('class="changes"'));
    expect(changes).toMatch(/^[^]*?<li><strong>2023<\/strong> Economic space closed: 0\.722 → 0\.690<\/li>/);
    expect(changes).toContain('Associational space closed: 0.255 → 0.014');
    expect(changes.indexOf('2023')).toBeLessThan(changes.indexOf('2021'));
    // A year whose change is below the cutpoint is not listed (2022, freedom of expression: -0.009).
    expect(changes).not.toContain('Informational space closed: 0.062 → 0.053');
  });

  it('a former country is named as itself, not as its successor', async () => {
    const gdr = await page('/en/countries/DD');
    expect(gdr).toContain('<h1>German Democratic Republic (East Germany)</h1>');
    expect(gdr).toContain('The spaces over time, 1968–1990');
    expect(await page('/ru/countries/compare?c=DD&c=BY')).toContain('Германская Демократическая Республика');
  });

  it('a country V-Dem does not cover still has its page; support is the one that serves it', async () => {
    const andorra = await page('/en/countries/AD');
    expect(andorra).toContain('does not cover Andorra');
    const salvador = await page('/en/countries/SV');
    expect(salvador).toContain('Casa La Serena');
    expect(salvador).toMatch(/Casa La Serena<\/a> — works in El Salvador/);
    expect(await page('/en/countries/BY')).not.toContain('Casa La Serena');
  });

  it('compare two to four countries, with one line per country in each chart', async () => {
    const two = await page('/en/countries/compare?c=BY&c=ge');
    expect(charts(two)).toBe(6);
    expect(two).toContain('Belarus');
    expect(two).toContain('Georgia');
    expect(two).toContain('Latest values and the change from the year before');
    const four = await page('/en/countries/compare?c=BY&c=GE&c=UA&c=AM');
    const chart = four.slice(four.indexOf('id="compare-associational-t"'));
    expect(chart.slice(0, chart.indexOf('</svg>')).match(/class="chart-line"/g)).toHaveLength(4);
    // The choice form keeps the countries chosen (a GET form: no JavaScript needed).
    expect(four).toMatch(/<option value="AM" selected="">/);
    expect(await page('/en/countries/compare?c=BY', 400)).toContain('Choose between 2 and 4 different countries.');
    await page('/en/countries/compare?c=BY&c=GE&c=UA&c=AM&c=AZ', 400);
    // Legislation side by side: each of the tracker's entries for the countries, a row each, with its
    // stage; a country the tracker has nothing on says so.
    const laws = await page('/en/countries/compare?c=RU&c=GE&c=AM');
    const table = laws.slice(laws.indexOf('Laws and bills the tracker follows')).split('</table>')[0]!;
    for (const iso2 of ['RU', 'GE']) {
      const entries = await listLegislation(env.ctx, anonymous, { country: iso2 });
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) expect(table).toContain(`<a href="/en/legislation/${e.id}" lang="en">${e.title.en}</a>`);
    }
    expect(await listLegislation(env.ctx, anonymous, { country: 'AM' })).toEqual([]);
    expect(table).toContain('The tracker has no legislation entries for Armenia yet.');
    const empty = await page('/en/countries/compare');
    expect(charts(empty)).toBe(0);
    expect(empty).toContain('Choose two to four countries.');
  });

  it('read right to left in Arabic, with the plot still running left to right', async () => {
    const html = await page('/ar/countries/BY');
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('الفضاءات الديمقراطية الستة');
    expect(html).toContain('direction="ltr"');
    const ru = await page('/ru/countries/compare?c=BY&c=RU');
    expect(ru).toContain('Сравнение стран');
  });

  it('say when no forecasts are stored, then show each space’s chances with base rates and reasons', async () => {
    expect(await page('/en/countries/BY')).toContain('No forecasts are stored on this server yet.');
    expect(await page('/en/countries/compare?c=BY&c=GE')).toContain('No forecasts are stored on this server yet.');
    const params = { ...DEFAULT_PARAMS, trees: 5 };
    expect((await makeForecasts(env.ctx, cliOperator, { params })).ok).toBe(true);
    const rows = await allForecasts(env.ctx.db);
    const belarus = rows.filter((r) => r.iso2 === 'BY');
    expect(belarus).toHaveLength(12);

    const html = await page('/en/countries/BY');
    expect(html).not.toContain('No forecasts are stored');
    expect(html).toContain('A statistical estimate, not a prediction.');
    expect(html).toContain('they are not destiny');
    // No backtest in this run: the page says so rather than showing scores.
    expect(html).toContain('This run did not measure its backtest scores.');
    const table = html.slice(html.indexOf('chance of a significant opening or closing'));
    for (const r of belarus) {
      expect(table).toContain(`<strong>${percent('en', Number(r.probability))}</strong>`);
      expect(table).toContain(`base rate ${percent('en', Number(r.base_rate))}`);
    }
    // Every factor is named in words (none falls back to its internal name) and says which way it pushed.
    const factors = belarus.flatMap((r) => JSON.parse(r.factors) as { effect: number }[]);
    expect(factors.length).toBeGreaterThan(0);
    expect(html).not.toContain('another indicator');
    const pushes = (html.match(/(raised|lowered) the estimate/g) ?? []).length;
    expect(pushes).toBe(factors.length);
    expect(html).toMatch(/<summary>Associational space<\/summary>/);
    // A factor's value is a plain number: a year is 2023, never "2,023".
    expect(html.slice(html.indexOf('id="forecast"'))).not.toMatch(/<bdi>-?\d{1,3},\d{3}/);

    const ar = await page('/ar/countries/BY');
    expect(ar).toContain('تقدير إحصائي، لا تنبّؤ.');
    // The page with its six charts and the forecast stays small (target 30 KB with its stylesheet;
    // `npm run bench -- page-weight` measures it with everything it loads).
    expect(gzipSync(ar).length).toBeLessThan(20 * 1024);
    expect(ar).not.toContain('countries.forecast.');

    const compared = await page('/en/countries/compare?c=BY&c=GE');
    for (const iso2 of ['BY', 'GE']) {
      const up = rows.find((r) => r.iso2 === iso2 && r.space === 'v2xcs_ccsi' && r.direction === 'up')!;
      const down = rows.find((r) => r.iso2 === iso2 && r.space === 'v2xcs_ccsi' && r.direction === 'down')!;
      const cell = `opening ${percent('en', Number(up.probability))}, closing ${percent('en', Number(down.probability))}`;
      expect(compared).toContain(cell);
    }
    expect(compared).toContain(`href="/en/countries/GE#forecast"`);
    // With the backtest measured (one origin year here, to stay quick), the page gives its scores.
    const measured = await makeForecasts(env.ctx, cliOperator, { params, backtest: { origins: [2015] } });
    if (!measured.ok) throw new Error('forecast failed');
    const [up, down] = measured.value.scores!;
    const three = (v: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 3 }).format(v);
    const scored = await page('/en/countries/BY');
    expect(scored).not.toContain('did not measure');
    expect(scored).toContain(`a ROC-AUC of ${three(up!.rocAuc)} and a PR-AUC of ${three(up!.prAuc)} for openings`);
    expect(scored).toContain(`and ${three(down!.rocAuc)} and ${three(down!.prAuc)} for closings`);
    // A former country is not in the latest year's data: its page says it has no forecast.
    const gdr = await page('/en/countries/DD');
    expect(gdr).toMatch(/which does not include German Democratic Republic \(East Germany\): there is no forecast/);
    expect(gdr).not.toContain('No forecasts are stored');
  });

  it('list every country of the latest year by region, with its changes, closing chance and laws', async () => {
    expect((await importVdem(env.ctx, cliOperator, dir)).ok).toBe(true);
    expect((await makeForecasts(env.ctx, cliOperator, { params: { ...DEFAULT_PARAMS, trees: 5 } })).ok).toBe(true);
    const html = await page('/en/countries');
    const rows = (html.match(/<th scope="row"><a href="\/en\/countries\/([A-Z]{2})">/g) ?? []).map((m) =>
      m.slice(-4, -2),
    );
    // The subset's countries still in the data's last year; East Germany (DD) ended in 1990.
    expect(rows.sort()).toEqual(['AM', 'AZ', 'BY', 'GE', 'RU', 'SV', 'UA']);
    const section = (id: number) => html.slice(html.indexOf(`<h2 id="region-${id}"`)).split('</section>')[0]!;
    expect(section(1)).toContain('/en/countries/BY');
    expect(section(1)).not.toContain('/en/countries/SV');
    expect(section(2)).toContain('>El Salvador</a>');
    const row = (iso2: string) => html.slice(html.indexOf(`/en/countries/${iso2}"`)).split('</tr>')[0]!;
    // Belarus's 2023: the corruption index fell beyond its cutpoint (the country page's test says so too).
    expect(row('BY')).toContain('closed: Economic space');
    const forecasts = await allForecasts(env.ctx.db);
    for (const iso2 of rows) {
      const top = Math.max(
        ...forecasts.filter((f) => f.iso2 === iso2 && f.direction === 'down').map((f) => Number(f.probability)),
      );
      expect(row(iso2)).toContain(percent('en', top));
      const laws = (await listLegislation(env.ctx, anonymous, { country: iso2 })).length;
      expect(row(iso2)).toMatch(new RegExp(`<td>(<a href="/en/legislation\\?country=${iso2}">)?${laws}(</a>)?</td>`));
    }
    expect((await listLegislation(env.ctx, anonymous, { country: 'RU' })).length).toBeGreaterThan(0);
    const ar = await page('/ar/countries');
    expect(ar).toContain('dir="rtl"');
    expect(ar).toContain('<h1>البلدان</h1>');
  });
});
