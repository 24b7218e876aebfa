// The country pages (features/countries) through app.request, as a browser without JavaScript: before
// any V-Dem import (the page works and says so), then with a small subset of the shared data imported.
// Here rather than beside the feature because it publishes a monitor event for the page to show.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VDEM_DIR, vdemSubset } from '../src/features/countries/fixtures.ts';
import { importVdem } from '../src/features/countries/service.ts';
import { sampleEvent } from '../src/features/monitor/fixtures.ts';
import { PUBLIC_FIELDS } from '../src/features/monitor/model.ts';
import { publishEvent, recordEvents } from '../src/features/monitor/service.ts';
import { cliOperator } from '../src/platform/access.ts';
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
});
