import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.ts';
import { TLP_MARKINGS, type StixObject } from '../../../platform/stix.ts';
import { sampleEvent, VICTIM, WITNESS_CONTACT } from '../fixtures.ts';
import type { EventInput, MonitorEvent, PublicEvent } from '../model.ts';
import { atomFeed, EMPTY_FEED_UPDATED, xml } from './atom.ts';
import { buildReport, inPeriod, reportMarkdown } from './report.ts';
import { INCIDENT_CORE, toStixBundle } from './stix.ts';
import { COLUMN_IDS, csvField, PEOPLE_COLUMN_IDS, toCsv, toJsonExport } from './table.ts';

const event = (id: string, over: Partial<EventInput> = {}, more: Partial<MonitorEvent> = {}): MonitorEvent => ({
  ...sampleEvent(over),
  id,
  version: 2,
  created: { at: '2026-03-15T10:00:00.000Z', by: 'user:a' },
  updated: { at: '2026-03-16T09:30:00.000Z', by: 'user:b' },
  verification: { state: 'corroborated', by: 'user:b', at: '2026-03-16T09:30:00.000Z' },
  publication: { state: 'private', fields: [], publicId: null, at: null },
  ...more,
});
const url = (e: MonitorEvent) => `https://amparo.example.org/en/orgs/o1/monitor/events/${e.id}`;
const secrets = [VICTIM, 'Kvyatkovskaya', WITNESS_CONTACT, '53.6779', '23.8295', 'Field monitor 7'];

/** A minimal RFC 4180 reader: enough to check what a spreadsheet would see. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== ',' && ch !== '\r')) {
      cell += ch;
    } else {
      row.push(cell);
      cell = '';
      if (ch === '\r') {
        rows.push(row);
        row = [];
        i++; // the \n of CRLF
      }
    }
  }
  return rows;
}

describe('CSV and JSON exports', () => {
  it('quotes by RFC 4180 and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    for (const f of ['=1+1', '+7', '-2', '@SUM(A1)', '\tx', '\rx']) expect(csvField(f).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(['a', 'b'])).toBe('a; b');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });

  it('writes the chosen columns in order, the HXL row, absolute URLs, and no names without the people choice', () => {
    const tricky = event('e2', { title: '=cmd|" /C calc"!A0, "quoted"', description: 'line one\nline two' });
    const csv = toCsv([event('e1'), tricky], {
      columns: [...COLUMN_IDS].reverse(),
      includePeople: false,
      url,
      hxl: true,
    });
    const rows = readCsv(csv);
    expect(rows[0]).toEqual(COLUMN_IDS);
    expect(rows[1]).toContain('#event+id');
    expect(rows[1]![COLUMN_IDS.indexOf('start')]).toBe('#date+start');
    expect(rows[1]![COLUMN_IDS.indexOf('country')]).toBe('#country+code');
    expect(rows[1]![COLUMN_IDS.indexOf('region')]).toBe('#adm1+name');
    expect(rows).toHaveLength(4);
    const second = Object.fromEntries(COLUMN_IDS.map((c, i) => [c, rows[3]![i]]));
    expect(second).toMatchObject({ id: 'e2', url: url(tricky), title: `'=cmd|" /C calc"!A0, "quoted"` });
    expect(second.description).toBe('line one\nline two');
    for (const s of secrets) expect(csv).not.toContain(s);
    expect(csv).toContain('Detention of […] after the vigil');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(toCsv([event('e1')], { columns: ['people', 'id'], includePeople: false, url, hxl: false })).toBe(
      'id\r\ne1\r\n',
    );
  });

  it('lets people in only when chosen, and JSON keeps lists and numbers', () => {
    const columns = ['id', 'title', ...PEOPLE_COLUMN_IDS];
    const csv = toCsv([event('e1')], { columns, includePeople: true, url, hxl: true });
    expect(csv).toContain(VICTIM);
    expect(csv).toContain(WITNESS_CONTACT);
    expect(csv).toContain('#geo+lat');
    const json = JSON.parse(
      toJsonExport([event('e1')], { columns: ['id', 'types', 'source-count'], includePeople: false, url }),
    );
    expect(json).toEqual({
      columns: ['id', 'types', 'source-count'],
      events: [{ id: 'e1', types: ['detention-of-protesters'], 'source-count': 1 }],
    });
  });
});

describe('STIX 2.1 bundle', () => {
  const digital = (id: string, urls: string[]) =>
    event(id, {
      acts: [{ type: 'website-blocking', mode: 'commission', right: 'digital', note: '' }],
      sources: urls.map((u, i) => ({ ...sampleEvent().sources[0]!, id: `s${i}`, url: u })),
    });
  const REQUIRED: Record<string, string[]> = {
    identity: ['type', 'spec_version', 'id', 'created', 'modified', 'name'],
    incident: ['type', 'spec_version', 'id', 'created', 'modified', 'name'],
    indicator: ['type', 'spec_version', 'id', 'created', 'modified', 'pattern', 'pattern_type', 'valid_from'],
    relationship: [
      'type',
      'spec_version',
      'id',
      'created',
      'modified',
      'relationship_type',
      'source_ref',
      'target_ref',
    ],
    'marking-definition': ['type', 'spec_version', 'id', 'created'],
  };

  it('has the shape of the specification, the Incident Core Extension and the chosen TLP 2.0 marking', () => {
    const events = [digital('d1', ["https://evil.example/it's"]), event('p1'), digital('d2', [])];
    const bundle = toStixBundle(events, { tlp: 'amber+strict', producer: null, producerKey: 'o1', url });
    expect(bundle.type).toBe('bundle');
    expect(bundle.id).toMatch(/^bundle--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const o of bundle.objects) {
      for (const p of REQUIRED[o.type] ?? ['unknown type']) expect(o, `${o.type} ${p}`).toHaveProperty(p);
      expect(o.spec_version).toBe('2.1');
      expect(o.id).toMatch(new RegExp(`^${o.type}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));
      if (o.type !== 'marking-definition') expect(o.object_marking_refs).toEqual([TLP_MARKINGS['amber+strict']]);
    }
    const of = (type: string) => bundle.objects.filter((o) => o.type === type);
    expect(of('incident')).toHaveLength(2); // the detention is not a digital attack
    expect(of('indicator').map((o) => o.pattern)).toEqual(["[url:value = 'https://evil.example/it\\'s']"]);
    const incident = of('incident')[0] as StixObject & { extensions: Record<string, Record<string, unknown>> };
    expect(incident.extensions[INCIDENT_CORE]).toMatchObject({
      extension_type: 'property-extension',
      determination: 'successful-attempt',
      investigation_status: 'open',
    });
    expect([incident.created, incident.modified]).toEqual(['2026-03-15T10:00:00.000Z', '2026-03-16T09:30:00.000Z']);
    expect(of('identity')[0]).toMatchObject({ name: 'Anonymous reporter', identity_class: 'unspecified' });
    expect(of('marking-definition')[0]).toMatchObject({ id: TLP_MARKINGS['amber+strict'], name: 'TLP:AMBER+STRICT' });
    const text = JSON.stringify(bundle);
    for (const s of [...secrets, 'amparo.example.org', '/orgs/o1']) expect(text).not.toContain(s);
  });

  it('uses the same ids on every export, so a consumer updates instead of duplicating', () => {
    const once = toStixBundle([digital('d1', ['https://a.example'])], {
      tlp: 'amber',
      producer: 'Viasna',
      producerKey: 'o1',
      url,
    });
    const again = toStixBundle([digital('d1', ['https://a.example'])], {
      tlp: 'amber',
      producer: 'Viasna',
      producerKey: 'o1',
      url,
    });
    expect(again).toEqual(once);
    const ids = once.objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(once.objects.find((o) => o.type === 'incident')?.external_references).toEqual([
      { source_name: 'amparo', url: url(digital('d1', [])), external_id: 'd1' },
    ]);
    expect(once.objects.find((o) => o.type === 'identity')).toMatchObject({
      name: 'Viasna',
      identity_class: 'organization',
    });
  });
});

describe('reports', () => {
  const pub = (id: string, over: Partial<PublicEvent>): PublicEvent => ({
    id,
    country: 'BY',
    start: { date: '2026-03-14', precision: 'day' },
    end: null,
    region: null,
    title: null,
    description: null,
    acts: [{ type: 'censorship', mode: 'commission', right: 'expression' }],
    perpetrators: ['regulator'],
    sourceCount: 2,
    verification: 'verified',
    publishedAt: '2026-04-01T00:00:00.000Z',
    ...over,
  });

  it('reads partial dates against the period', () => {
    expect(inPeriod('2026', '2026-03', '2026-04')).toBe(true);
    expect(inPeriod('2026-02-28', '2026-03', null)).toBe(false);
    expect(inPeriod('2026-04-30', null, '2026-04')).toBe(true);
    expect(inPeriod('2026-05-01', null, '2026-04')).toBe(false);
  });

  it('counts by type, right, perpetrator and verification, lists events by date, names no one', () => {
    const events = [
      event('e1'),
      pub('p1', { start: { date: '2026-02-01', precision: 'day' } }),
      pub('p2', { country: 'RU' }),
      pub('p3', { start: { date: '2025-12-31', precision: 'day' } }),
    ];
    const r = buildReport(events, { country: 'BY', from: '2026-01', to: '2026-12', locale: 'en' });
    expect(r.total).toBe(2);
    expect(r.sources).toBe(3);
    expect(r.events.map((e) => e.start.date)).toEqual(['2026-02-01', '2026-03-14']);
    expect(r.byType.map((c) => [c.id, c.count])).toEqual([
      ['censorship', 1],
      ['detention-of-protesters', 1],
    ]);
    expect(r.byPerpetrator.map((c) => c.id)).toEqual(['police', 'regulator']);
    expect(r.byVerification.map((c) => [c.id, c.count])).toEqual([
      ['corroborated', 1],
      ['verified', 1],
    ]);
    const md = reportMarkdown(r, translator('en'), 'Belarus');
    expect(md).toContain('# Civic space report: Belarus');
    expect(md).toContain('2 events, resting on 3 sources');
    expect(md).toMatch(/1\. \*\*2026-02-01\*\*: censorship/);
    for (const s of secrets) expect(md).not.toContain(s);
  });
});

describe('Atom feeds', () => {
  const entry = (id: string, publishedAt: string, title: string) => ({
    event: { id, publishedAt } as PublicEvent,
    title,
    summary: 'a < b & "c"',
    link: `https://amparo.example.org/en/monitor/events/${id}`,
  });
  const feed = (entries: ReturnType<typeof entry>[]) =>
    atomFeed({
      key: 'country:BY:en',
      title: 'Events <BY>',
      self: 'https://x/a.atom?x=1&y=2',
      alternate: null,
      entries,
    });

  it('is well-formed Atom: escaped text, entry ids, newest publication as updated', () => {
    const text = feed([
      entry('a', '2026-04-01T00:00:00Z', 'Fine & <b>bold</b>'),
      entry('b', '2026-05-02T10:00:00Z', 'x'),
    ]);
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(text).toMatch(/<feed[^>]*>\n {2}<id>urn:uuid:[0-9a-f-]{36}<\/id>/);
    expect(text).toContain('<updated>2026-05-02T10:00:00.000Z</updated>\n  <link rel="self"');
    expect(text).toContain('<title>Fine &amp; &lt;b&gt;bold&lt;/b&gt;</title>');
    expect(text).toContain('href="https://x/a.atom?x=1&amp;y=2"');
    expect(text.match(/<entry>/g)).toHaveLength(2);
    expect(text.match(/<entry>\n {4}<id>urn:uuid:[0-9a-f-]{36}<\/id>\n {4}<title>/g)).toHaveLength(2);
    // Without markup of its own, every < in the text is escaped: tags are only the feed's.
    const tags = [...text.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(
      new Set(['feed', 'id', 'title', 'updated', 'link', 'author', 'name', 'entry', 'summary']),
    );
    expect(xml('a\u0001b')).toBe('ab');
  });

  it('never uses the wall clock: an empty feed is dated by a fixed epoch', () => {
    expect(feed([])).toContain(`<updated>${EMPTY_FEED_UPDATED}</updated>`);
    expect(feed([])).toBe(feed([]));
  });
});
