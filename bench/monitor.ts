// The monitor at scale (issue 13): one organisation with 100,000 sealed events, searched with words and
// facets over the keyed-term index (p50 target <= 20 ms, on SQLite and on PostgreSQL), and the public
// country page with its map (target <= 30 KB gzip). PostgreSQL runs in a fresh schema of DATABASE_URL
// (or the local server), dropped afterwards. `MONITOR_EVENTS=n` runs a smaller size, `MONITOR_DB=sqlite`
// or `postgres` one database only.
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { createApp } from '../src/app.ts';
import { buildConfig } from '../src/config/config.ts';
import { createContext, type AppContext } from '../src/context.ts';
import { createOrganisation } from '../src/features/accounts/orgs/service.ts';
import { sampleEvent } from '../src/features/monitor/fixtures.ts';
import type { EventInput } from '../src/features/monitor/model.ts';
import {
  NO_FILTERS,
  publishEvent,
  recordEvents,
  searchEvents,
  type EventFilters,
} from '../src/features/monitor/service.ts';
import { cliOperator, type Actor } from '../src/platform/access.ts';
import { emptyKeys } from '../src/platform/keyring.ts';
import { median, onEachDatabase, percentile, type Figure } from './lib.ts';

const EVENTS = Number(process.env.MONITOR_EVENTS ?? 100_000);
const SEARCH_TARGET_MS = 20;
const PAGE_TARGET_KB = 30;
const COUNTRIES = ['BY', 'RU', 'NI', 'VE', 'EG', 'TR', 'AZ', 'KH', 'ZW', 'HK', 'IN', 'GE', 'RS', 'HU', 'SV', 'ET'];
const TYPES = [
  'detention-of-protesters',
  'censorship',
  'restrictive-law',
  'attack-on-journalist',
  'harassment',
  'excessive-force',
  'funding-restrictions',
  'online-attack',
  'office-raid',
  'travel-ban',
];
const RIGHTS = ['assembly', 'expression', 'association', 'digital'];
const WORDS =
  'court vigil protest march newspaper editor lawyer students union office police raid blocked website archive hearing detained fined charged border airport trial bank account frozen donors foreign agent registry elections journalist camera phone seized'.split(
    ' ',
  );

/** A deterministic pseudo-random stream, so every run records the same events. */
function generator(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

export function events(n: number): EventInput[] {
  const r = generator(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const harmonic = WORDS.reduce((sum, _, k) => sum + 1 / (k + 1), 0);
  const zipf = () => {
    let x = r() * harmonic;
    for (let k = 0; k < WORDS.length; k++) if ((x -= 1 / (k + 1)) <= 0) return WORDS[k]!;
    return WORDS[WORDS.length - 1]!;
  };
  return Array.from({ length: n }, (_, i) => {
    const base = sampleEvent();
    const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
    const words = Array.from({ length: 40 }, zipf).join(' ');
    return {
      ...base,
      title: `Event ${i}: ${zipf()} ${zipf()}`,
      description: `${words}. Case ${i}.`,
      start: { date: `${2015 + Math.floor(r() * 11)}-${month}-1${Math.floor(r() * 9)}`, precision: 'day' },
      place: { country: pick(COUNTRIES), region: zipf(), point: null },
      acts: [{ type: pick(TYPES), mode: 'commission', right: pick(RIGHTS), note: '' }],
    };
  });
}

export const QUERIES: Partial<EventFilters>[] = [
  { q: 'vigil' },
  { q: 'court hearing' },
  { countries: ['BY'] },
  { countries: ['RU'], types: ['censorship'] },
  { q: 'journalist', countries: ['NI'], rights: ['expression'] },
  { types: ['detention-of-protesters'], from: '2020-01', to: '2021-06' },
  { q: 'bank frozen', perpetrators: ['police'] },
  { verification: ['unverified'], countries: ['EG', 'TR'] },
  { q: 'airport', from: '2024-03', to: '2024-03' },
  { q: 'detained students', types: ['detention-of-protesters', 'excessive-force'] },
  { q: 'term1a2' },
  { q: 'term3k court', countries: ['VE'] },
];

async function run(label: string, ctx: AppContext): Promise<Figure[]> {
  return ctx.keyring.hold(emptyKeys(), async () => {
    const created = await createOrganisation(ctx, cliOperator, { name: 'Bench Monitor Org' });
    if (!created.ok) throw new Error('could not create the organisation');
    const orgId = created.value.id;
    const owner: Actor = {
      kind: 'user',
      userId: 'bench',
      sessionId: 'bench',
      platformRole: null,
      mfa: true,
      memberships: new Map([[orgId, { role: 'owner', requireMfa: false }]]),
    };
    const all = events(EVENTS);
    const started = performance.now();
    for (let i = 0; i < all.length; i += 5000) await recordEvents(ctx, owner, orgId, all.slice(i, i + 5000));
    const loadSeconds = (performance.now() - started) / 1000;
    // Statistics for the planner, as autovacuum (PostgreSQL) or `amparo` maintenance would gather them.
    await sql`analyze`.execute(ctx.db);
    const samples: number[] = [];
    let found = 0;
    for (let round = 0; round < 5; round++)
      for (const q of QUERIES) {
        const t0 = performance.now();
        const page = await searchEvents(ctx, owner, orgId, { ...NO_FILTERS, ...q }, { limit: 20, offset: 0 });
        samples.push(performance.now() - t0);
        found += page.events.length;
      }
    const figures: Figure[] = [
      {
        label: `monitor search p50, ${EVENTS} events, ${label}`,
        value: median(samples),
        unit: 'ms',
        target: { op: '<=', value: SEARCH_TARGET_MS },
        note: `${samples.length} searches`,
      },
      { label: 'p95', value: percentile(samples, 95), unit: 'ms', detail: true },
      {
        label: 'loading the events (seal, terms, insert)',
        value: loadSeconds,
        unit: 's',
        detail: true,
        note: `${Math.round(EVENTS / loadSeconds)} events/s; ${found} results shown`,
      },
    ];
    if (label !== 'SQLite') return figures;
    // The public country page: 200 published events of one country, with the map.
    const recorded = await recordEvents(
      ctx,
      owner,
      orgId,
      all.slice(0, 200).map((e) => ({ ...e, place: { ...e.place, country: 'BY' } })),
    );
    for (const e of recorded)
      await publishEvent(ctx, owner, orgId, e.id, {
        state: 'public',
        fields: ['title', 'dates', 'region', 'acts', 'verification'],
      });
    const res = await createApp(ctx).request('/en/monitor/countries/BY');
    const html = Buffer.from(await res.arrayBuffer());
    figures.push({
      label: 'public country page with its map, 200 events',
      value: gzipSync(html).length / 1024,
      unit: 'KB gzip',
      digits: 1,
      target: { op: '<=', value: PAGE_TARGET_KB },
      note: `${(html.length / 1024).toFixed(0)} KB raw; stylesheet cached separately`,
    });
    return figures;
  });
}

export async function monitorBench(): Promise<Figure[]> {
  return onEachDatabase('monitor', process.env.MONITOR_DB, async (label, settings) => {
    const ctx = await createContext(
      buildConfig({}, { ...settings, logLevel: 'silent', publicUrl: 'http://localhost' }),
    );
    try {
      return await run(label, ctx);
    } finally {
      await ctx.db.destroy();
    }
  });
}
