// Freshness end to end (decision 0018), on the test clock: the curators' queue (oldest check first, with
// the sources), its one-step marks, which a restart's data files do not undo, and the last check on the
// record's page and on the referral cards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPlatformUser, signInAs } from './helpers/accounts.ts';
import { postForm, testEnv, TestClock, type TestEnv } from './helpers/context.ts';
import { newestShippedCheck, shippedCheckedOn } from './helpers/shipped.ts';
import { anonymous, cliOperator } from '../src/platform/access.ts';
import {
  getMechanism,
  importMechanisms,
  mechanismSchema,
  readMechanismFiles,
  type MechanismInput,
} from '../src/features/directory/service.ts';
import { loadFlows } from '../src/features/triage/service.ts';
import { catalogs, formatDate } from '../src/platform/i18n/index.ts';

// A few days after the newest check in the shipped data, so every shipped record is fresh, and never the
// machine's own day: a date only the context's clock can have written.
const DAY = 24 * 3600 * 1000;
const start = Date.parse(`${newestShippedCheck()}T10:00:00Z`) + 3 * DAY;
const sameDay = (a: number, b: number) =>
  new Date(a).toISOString().slice(0, 10) === new Date(b).toISOString().slice(0, 10);
const clock = new TestClock(new Date(sameDay(start, Date.now()) ? start + DAY : start));
const YEAR = 366 * 24 * 3600 * 1000;
const STALE = catalogs.en['mechanism.stale']!;
let env: TestEnv;
let cookie: string;
beforeAll(async () => {
  env = await testEnv({ clock });
  cookie = await signInAs(env, await addPlatformUser(env, 'curator'));
  await importMechanisms(env.ctx, cliOperator, [
    record({ id: 'checked-2025', verifiedAt: '2025-01-10' }),
    record({ id: 'checked-2024', verifiedAt: '2024-03-01', source: [{ title: 'Annual report', url: SOURCE }] }),
    record({ id: 'long-gone', verifiedAt: '2020-01-01', status: 'closed' }),
  ]);
});
afterAll(() => env.close());

const SOURCE = 'https://example.org/annual-report-2023';
function record(over: Partial<MechanismInput>) {
  return mechanismSchema.parse({
    id: 'x',
    name: `Record ${over.id}`,
    summary: 'A record used to test how freshness is shown and kept.',
    kinds: ['emergency-grant'],
    serves: ['cso'],
    regions: ['global'],
    contact: { website: 'https://example.org' },
    verifiedAt: '2026-11-24',
    source: [{ title: 'Test' }],
    version: 1,
    ...over,
  });
}
const page = async (url: string) => (await env.app.request(url, { headers: { cookie } })).text();

/** An outcome of the digital-attack flow that refers to helplines. */
function helplineOutcome(): string {
  const flow = loadFlows(env.ctx).flows.get('digital-attack')!;
  const id = Object.entries(flow.nodes).find(
    ([, n]) => n.type === 'outcome' && n.referral.kinds.includes('digital-security-helpline'),
  )![0];
  return `/en/help/digital-attack/${id}?who=cso&lang=none&country=none&urgency=now`;
}

describe('the freshness queue', () => {
  it('lists records checked longest ago first, with their sources as links, and leaves closed ones out', async () => {
    const html = await page('/en/curate/freshness');
    const at = (id: string) => html.indexOf(`id="record-${id}"`);
    expect(at('checked-2024')).toBeGreaterThan(-1);
    expect(at('checked-2024')).toBeLessThan(at('checked-2025'));
    expect(at('checked-2025')).toBeLessThan(at('access-now-helpline'));
    expect(at('long-gone')).toBe(-1);
    expect(html).toContain(`href="${SOURCE}"`);
    expect(html).toContain(STALE);
  });

  it('marks a record checked, paused or closed in one step, dated by the clock, and a restart keeps it', async () => {
    const res = await postForm(env, '/en/curate/freshness/checked-2024', { mark: 'paused' }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/curate/freshness');
    const { mechanism, stale } = await getMechanism(env.ctx, anonymous, 'checked-2024');
    // Dated by the context's clock, not by the machine's.
    expect([mechanism.status, mechanism.verifiedAt, stale]).toEqual([
      'paused',
      clock.now().toISOString().slice(0, 10),
      false,
    ]);
    // The data files load again as at a restart; the record's file (version 1) does not undo the check.
    await importMechanisms(env.ctx, cliOperator, [
      record({ id: 'checked-2024', verifiedAt: '2024-03-01' }),
      ...readMechanismFiles(`${env.ctx.config.seedDir}/support`).records,
    ]);
    expect((await getMechanism(env.ctx, anonymous, 'checked-2024')).mechanism.status).toBe('paused');
    // Just checked, it moves behind the records checked longer ago (off the queue's first page, or after them).
    const html = await page('/en/curate/freshness');
    const older = html.indexOf('id="record-checked-2025"');
    const marked = html.indexOf('id="record-checked-2024"');
    expect(older).toBeGreaterThan(-1);
    expect(marked === -1 || marked > older).toBe(true);
  });

  it('refuses a mark it does not know', async () => {
    const res = await postForm(env, '/en/curate/freshness/checked-2025', { mark: 'deleted' }, { cookie });
    expect(res.status).toBe(400);
    expect((await getMechanism(env.ctx, anonymous, 'checked-2025')).mechanism.verifiedAt).toBe('2025-01-10');
  });
});

describe('the last check, shown', () => {
  it("on the record's page, with a flag when it is over a year old, and a closed record still listed", async () => {
    // Signed out, as most readers are: the page cache must not keep a page past the day it turns stale.
    const publicPage = async (url: string) => (await env.app.request(url)).text();
    const fresh = await publicPage('/en/support/access-now-helpline');
    expect(fresh).toContain(formatDate('en', shippedCheckedOn('access-now-helpline')));
    expect(fresh).not.toContain(STALE);
    expect(await publicPage('/en/support/checked-2025')).toContain(STALE);
    clock.advance(YEAR);
    try {
      expect(await publicPage('/en/support/access-now-helpline')).toContain(STALE);
    } finally {
      clock.advance(-YEAR);
    }
    expect(await page('/en/support/long-gone')).toContain(catalogs.en['mechanism.status.closed']);
  });

  it('on every referral card, flagged once the clock passes a year; a closed record is never referred', async () => {
    const cards = (html: string) => html.split('<li class="card">').slice(1);
    const idOf = (card: string) => /href="\/en\/support\/([a-z0-9-]+)"/.exec(card)![1]!;
    const checkedOn = async (card: string) => (await getMechanism(env.ctx, anonymous, idOf(card))).mechanism.verifiedAt;
    const before = cards(await page(helplineOutcome()));
    expect(before.length).toBeGreaterThan(0);
    // Each card shows its own record's last check (the dates come from the data, not from this test).
    for (const card of before) expect(card).toContain(formatDate('en', await checkedOn(card)));
    expect(before.some((card) => card.includes(STALE))).toBe(false);

    const first = idOf(before[0]!);
    await postForm(env, `/en/curate/freshness/${first}`, { mark: 'closed' }, { cookie });
    expect(await page(helplineOutcome())).not.toContain(`href="/en/support/${first}"`);

    // Past a year after the most recent check among the cards, every card is flagged.
    const newest = Math.max(...(await Promise.all(before.map(async (c) => Date.parse(await checkedOn(c))))));
    const ahead = newest + YEAR + 24 * 3600_000 - clock.now().getTime();
    clock.advance(ahead);
    const later = cards(await page(helplineOutcome()));
    expect(later.length).toBeGreaterThan(0);
    for (const card of later) expect(card).toContain(STALE);
    clock.advance(-ahead);
  });
});
