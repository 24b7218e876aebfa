// Directory text in the reader's language: pages, the offline file, the API and exports, the curator's
// editor and suggestions turned into records. A record built here carries Spanish and Arabic text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { anonymous, cliOperator } from '../../platform/access.ts';
import { offlineEdition } from '../offline/service.ts';
import { approveSuggestion, submitSuggestion } from '../suggestions/service.ts';
import { mechanismSchema } from './schema.ts';
import { editMechanism, getMechanism, importMechanisms } from './service.ts';

let env: TestEnv;
const EN = 'Small grants for community radio stations that were taken off the air.';
const ES = 'Pequeñas subvenciones para radios comunitarias que fueron sacadas del aire.';
const AR = 'منح صغيرة للإذاعات المجتمعية التي أُوقف بثها.';
const REACH_EN = 'Write to the fund from a safe address; keep the first message short.';
const REACH_ES = 'Escribe al fondo desde una dirección segura; el primer mensaje, breve.';
const record = mechanismSchema.parse({
  id: 'radio-fund',
  name: 'Community Radio Fund',
  summary: { en: EN, es: ES, ar: AR },
  howToReach: { en: REACH_EN, es: REACH_ES },
  kinds: ['emergency-grant'],
  serves: ['journalist'],
  regions: ['global'],
  contact: { website: 'https://radio.example.org/' },
  verifiedAt: '2026-11-24',
  source: [{ title: 'Test record' }],
  version: 1,
});

beforeAll(async () => {
  env = await testEnv();
  await importMechanisms(env.ctx, cliOperator, [record]);
});
afterAll(() => env.close());

const html = async (url: string) => {
  const res = await env.app.request(url);
  expect(res.status, url).toBe(200);
  return res.text();
};

describe('pages pick the reader’s language and mark an English fallback', () => {
  it('detail page: Spanish text as Spanish, French readers get English marked lang="en"', async () => {
    const es = await html('/es/support/radio-fund');
    expect(es).toContain(`<p lang="es" dir="ltr">${ES}</p>`);
    expect(es).toContain(`<p lang="es" dir="ltr">${REACH_ES}</p>`);
    expect(es).not.toContain(EN);
    const fr = await html('/fr/support/radio-fund');
    expect(fr).toContain(`<p lang="en" dir="ltr">${EN}</p>`);
    expect(fr).toContain(`<p lang="en" dir="ltr">${REACH_EN}</p>`);
  });

  it('list cards: Arabic right to left, and found by a word of the Arabic text', async () => {
    const ar = await html(`/ar/support?q=${encodeURIComponent('الإذاعات')}`);
    expect(ar).toContain('href="/ar/support/radio-fund"');
    expect(ar).toContain(`<p lang="ar" dir="rtl">${AR}</p>`);
    const ru = await html('/ru/support?q=radio');
    expect(ru).toContain(`<p lang="en" dir="ltr">${EN}</p>`);
  });

  it('the offline file shows its language and searches the text it shows, with its synonyms', async () => {
    const file = await offlineEdition(env.ctx, cliOperator, 'es');
    const entry = file.slice(
      file.indexOf('id="m-radio-fund"'),
      file.indexOf('</article>', file.indexOf('id="m-radio-fund"')),
    );
    // The page is Spanish: Spanish text needs no mark of its own; the script searches the card's text.
    expect(entry).toContain(`<p>${ES}</p>`);
    expect(entry).toContain(`<p>${REACH_ES}</p>`);
    // Decision 0019: the file carries one language's text, not the English too (its size at 100+ records).
    expect(file).not.toContain('community radio');
    const synonyms = JSON.parse(file.match(/data-synonyms="([^"]*)"/)![1]!.replace(/&quot;/g, '"')) as {
      ignore: string[];
      words: Record<string, string[]>;
    };
    expect(synonyms.words.abogado).toBeDefined(); // Spanish
    expect(synonyms.words.lawyer).toBeUndefined(); // not English
    expect(synonyms.words.avocat).toBeUndefined(); // not French
    // A reader whose language the record lacks gets the English, marked so.
    const fr = await offlineEdition(env.ctx, cliOperator, 'fr');
    expect(fr).toContain(`<p lang="en" dir="ltr">${EN}</p>`);
  });
});

describe('API and exports', () => {
  it('the JSON API returns every language as a map', async () => {
    const res = await env.app.request('/api/v1/support/radio-fund');
    const body = (await res.json()) as { summary: Record<string, string>; howToReach: Record<string, string> };
    expect(body.summary).toEqual({ en: EN, es: ES, ar: AR });
    expect(body.howToReach).toEqual({ en: REACH_EN, es: REACH_ES });
  });

  it('CSV has English in summary/howToReach and a column per other language', async () => {
    const csv = await (await env.app.request('/api/v1/support.csv')).text();
    const [header, ...rows] = csv.trim().split('\r\n');
    const columns = header!.split(',');
    expect(columns).toEqual(
      expect.arrayContaining(['summary', 'summary_es', 'summary_ar', 'howToReach', 'howToReach_es', 'howToReach_ru']),
    );
    const row = rows.find((r) => r.startsWith('radio-fund,'))!;
    // Commas in the texts are quoted: parse the row the simple way the texts allow.
    const cells = [...row.matchAll(/"((?:[^"]|"")*)"|([^,]*)(?:,|$)/g)].map((m) => m[1] ?? m[2] ?? '');
    expect(cells[columns.indexOf('summary')]).toBe(EN);
    expect(cells[columns.indexOf('summary_es')]).toBe(ES);
    expect(cells[columns.indexOf('howToReach_es')]).toBe(REACH_ES);
  });

  it('the OpenAPI document describes summary as a map with English required', async () => {
    const doc = (await (await env.app.request('/api/openapi.json')).json()) as {
      components: {
        schemas: { Mechanism: { properties: Record<string, { required?: string[]; properties?: object }> } };
      };
    };
    const summary = doc.components.schemas.Mechanism.properties.summary!;
    expect(summary.required).toEqual(['en']);
    expect(Object.keys(summary.properties!)).toEqual(['en', 'es', 'fr', 'ar', 'ru']);
  });
});

describe('curators', () => {
  it('the YAML editor takes a plain string as English, or a map; a map without English is refused', async () => {
    const base =
      'name: Community Radio Fund\nkinds: [emergency-grant]\nserves: [journalist]\nregions: [global]\ncontact:\n  website: https://radio.example.org/\nverifiedAt: 2026-11-24\nsource:\n  - title: Test record\n';
    expect(await editMechanism(env.ctx, cliOperator, 'radio-fund', `${base}summary: "${EN}"\n`)).toEqual({ ok: true });
    expect((await getMechanism(env.ctx, anonymous, 'radio-fund')).mechanism.summary).toEqual({ en: EN });
    const noEnglish = await editMechanism(env.ctx, cliOperator, 'radio-fund', `${base}summary:\n  es: "${ES}"\n`);
    expect(noEnglish.ok).toBe(false);
    expect(!noEnglish.ok && Object.keys(noEnglish.problems).join(' ')).toMatch(/summary\.en/);
    expect(
      await editMechanism(env.ctx, cliOperator, 'radio-fund', `${base}summary:\n  en: "${EN}"\n  es: "${ES}"\n`),
    ).toEqual({ ok: true });
    expect((await getMechanism(env.ctx, anonymous, 'radio-fund')).mechanism.summary).toEqual({ en: EN, es: ES });
  });

  it('a suggestion sent from a Spanish page keeps its text as Spanish and needs an English summary', async () => {
    const details = 'Asesoría legal gratuita para periodistas amenazados en la región andina.';
    const sent = await submitSuggestion(
      env.ctx,
      anonymous,
      {
        kind: 'new',
        name: 'Red Andina de Abogados',
        website: 'https://andina.example.org/',
        details,
        kinds: ['legal-aid'],
        serves: ['journalist'],
        regions: ['americas'],
      },
      'es',
    );
    if (!sent.ok) throw new Error('suggestion refused');
    expect(await approveSuggestion(env.ctx, cliOperator, sent.value.id)).toEqual({
      ok: false,
      problems: { summaryEn: { key: 'validation.summaryInEnglish', values: { language: 'es' } } },
    });
    const english = 'Free legal advice for threatened journalists in the Andean region.';
    const approved = await approveSuggestion(env.ctx, cliOperator, sent.value.id, { summaryEn: english });
    const mechanismId = approved.ok ? approved.value.mechanismId : null;
    expect((await getMechanism(env.ctx, anonymous, mechanismId!)).mechanism.summary).toEqual({
      en: english,
      es: details,
    });
  });

  it('a suggestion sent from an English page becomes { en }', async () => {
    const details = 'Free legal advice for bloggers facing defamation suits anywhere.';
    const sent = await submitSuggestion(env.ctx, anonymous, {
      kind: 'new',
      name: 'Bloggers Legal Desk',
      website: 'https://bloggers.example.org/',
      details,
      kinds: ['legal-aid'],
      serves: ['journalist'],
      regions: ['global'],
    });
    if (!sent.ok) throw new Error('suggestion refused');
    const approved = await approveSuggestion(env.ctx, cliOperator, sent.value.id);
    const mechanismId = approved.ok ? approved.value.mechanismId : null;
    expect((await getMechanism(env.ctx, anonymous, mechanismId!)).mechanism.summary).toEqual({ en: details });
  });
});
