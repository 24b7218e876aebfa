import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberActor, newOrg, withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { testEnv, TestClock, type TestEnv } from '../../../../tests/helpers/context.ts';
import { databaseText } from '../../../../tests/helpers/db-text.ts';
import { eraseOrganisation } from '../../accounts/erase/service.ts';
import { anonymous, cliOperator, type Actor, type OrgRole } from '../../../platform/access.ts';
import { NotFoundError, RateLimitedError } from '../../../platform/errors.ts';
import {
  ADDITIONS_PER_DAY,
  addToReport,
  dismissReport,
  intakeQueue,
  intakeSettings,
  normaliseReceipt,
  publicIntake,
  renewIntakeAddress,
  reportAsEventDraft,
  saveIntakeSettings,
  submitReport,
} from './service.ts';

const WHAT = 'Masked officers took Oleksandra Vyshnevetska-Ruban from the print shop on Lenina street';
const CONTACT = 'threema:QX7-intake-canary-44';
const MORE = 'Her brother Tymofii Vyshnevetsky saw the van, a grey Gazelle numbered 4471';

let env: TestEnv;
let clock: TestClock;
let orgId: string;
let otherOrg: string;
beforeAll(async () => {
  clock = new TestClock(new Date('2026-05-02T17:45:12Z'));
  env = await testEnv({ seed: false, clock });
  orgId = await newOrg(env, 'Intake Org');
  otherOrg = await newOrg(env, 'Intake Other');
});
afterAll(() => env.close());

const person = (userId: string, role: OrgRole, org = orgId): Actor => memberActor(org, role, userId);
let admin: Actor, member: Actor;
beforeAll(() => {
  [admin, member] = [person('admin', 'admin'), person('member', 'member')];
});
const as = <T>(org: string, fn: () => Promise<T>) => withOrgKey(env, org, fn);

describe('public intake', () => {
  it('takes a report from anyone, seals it, and shows it to members of that organisation only', async () => {
    const saved = await as(orgId, () =>
      saveIntakeSettings(env.ctx, admin, orgId, { enabled: 'on', intro: 'Tell us what happened.' }),
    );
    if (!saved.ok) throw new Error('settings refused');
    const intakeId = saved.value.intakeId!;
    expect(await publicIntake(env.ctx, anonymous, intakeId)).toEqual({ id: intakeId, intro: 'Tell us what happened.' });

    const sent = await submitReport(
      env.ctx,
      anonymous,
      intakeId,
      { what: WHAT, when: '2026-04', country: 'BY', place: 'Hrodna', perpetrator: 'police', contact: CONTACT },
      'ru',
    );
    if (!sent.ok) throw new Error(JSON.stringify(sent.problems));
    expect(sent.value.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);

    const tables = await databaseText(env);
    const text = JSON.stringify(tables);
    for (const secret of [WHAT.slice(0, 30), 'Vyshnevetska', CONTACT, 'Tell us what happened', sent.value.receipt])
      expect(text).not.toContain(secret);
    // What the intake writes holds no time of day: the rate counter's window is the day.
    const intakeText = ['monitor_intakes', 'monitor_reports', 'monitor_receipts', 'rate_limits'].map((t) => tables[t]);
    expect(intakeText.join()).not.toMatch(/17:45|2026-05-02T|1777743912/);
    expect(tables.rate_limits).toContain(String(Date.parse('2026-05-02T00:00:00Z')));

    const queue = await as(orgId, () => intakeQueue(env.ctx, member, orgId));
    expect(queue.intakeId).toBe(intakeId);
    expect(queue.reports).toHaveLength(1);
    expect(queue.reports[0]).toMatchObject({
      what: WHAT,
      when: '2026-04',
      country: 'BY',
      contact: CONTACT,
      day: '2026-05-02',
      locale: 'ru',
    });
    const other = await as(otherOrg, () => intakeQueue(env.ctx, person('o', 'owner', otherOrg), otherOrg));
    expect(other.reports).toEqual([]);
    await expect(as(orgId, () => intakeQueue(env.ctx, person('v', 'viewer'), orgId))).rejects.toThrow();
    await expect(as(orgId, () => intakeQueue(env.ctx, person('o', 'owner', otherOrg), orgId))).rejects.toThrow(
      NotFoundError,
    );

    // The receipt adds to the report, typed loosely; a wrong one does not.
    const loose = sent.value.receipt.toLowerCase().replace(/-/g, ' ');
    expect((await addToReport(env.ctx, anonymous, intakeId, { code: loose, text: MORE }, 'en')).ok).toBe(true);
    const wrong = await addToReport(env.ctx, anonymous, intakeId, { code: 'AAAAA-BBBBB-CCCCC-DDDDD', text: 'x' }, 'en');
    expect(wrong).toMatchObject({ ok: false, problems: { code: { key: 'intake.add.wrongCode' } } });
    expect(JSON.stringify(await databaseText(env))).not.toContain('Tymofii');

    const withMore = await as(orgId, () => intakeQueue(env.ctx, member, orgId));
    expect(withMore.reports[0]!.additions.map((a) => a.text)).toEqual([MORE]);

    const draft = await as(orgId, () => reportAsEventDraft(env.ctx, member, orgId, withMore.reports[0]!.id));
    expect(draft.start).toEqual({ date: '2026-04', precision: 'month' });
    expect(draft.place).toEqual({ country: 'BY', region: 'Hrodna', point: null });
    expect(draft.description).toContain(MORE);
    expect(draft.parties?.map((p) => [p.role, p.category, p.contact])).toEqual([
      ['perpetrator', 'police', ''],
      ['source', '', CONTACT],
    ]);

    // Dismissed, it leaves the queue; an addition that comes later brings it back.
    await as(orgId, () => dismissReport(env.ctx, member, orgId, withMore.reports[0]!.id));
    const after = await as(orgId, () => intakeQueue(env.ctx, member, orgId));
    expect([after.reports.length, after.handled]).toEqual([0, 1]);
    await addToReport(env.ctx, anonymous, intakeId, { code: sent.value.receipt, text: 'One more thing' }, 'en');
    expect((await as(orgId, () => intakeQueue(env.ctx, member, orgId))).reports).toHaveLength(1);
  });

  it('refuses bad input, answers 404 when off, and gives a new address on request', async () => {
    const intakeId = (await as(orgId, () => intakeSettings(env.ctx, admin, orgId))).intakeId!;
    const bad = await submitReport(env.ctx, anonymous, intakeId, { what: ' ', country: 'ZZ', when: '2026-13' }, 'en');
    expect(bad).toMatchObject({ ok: false });
    if (!bad.ok) expect(Object.keys(bad.problems).sort()).toEqual(['country', 'what', 'when']);

    await as(orgId, () => saveIntakeSettings(env.ctx, admin, orgId, { intro: 'Paused' }));
    await expect(publicIntake(env.ctx, anonymous, intakeId)).rejects.toThrow(NotFoundError);
    await expect(submitReport(env.ctx, anonymous, intakeId, { what: 'x' }, 'en')).rejects.toThrow(NotFoundError);
    await expect(publicIntake(env.ctx, anonymous, 'nosuchintake')).rejects.toThrow(NotFoundError);
    expect(JSON.stringify(await databaseText(env))).not.toContain('Paused');

    await as(orgId, () => saveIntakeSettings(env.ctx, admin, orgId, { enabled: 'on', intro: '' }));
    const renewed = await as(orgId, () => renewIntakeAddress(env.ctx, admin, orgId));
    expect(renewed.intakeId).not.toBe(intakeId);
    await expect(publicIntake(env.ctx, anonymous, intakeId)).rejects.toThrow(NotFoundError);
    expect(await publicIntake(env.ctx, anonymous, renewed.intakeId!)).toEqual({ id: renewed.intakeId, intro: '' });
    // The old address's report is still in the queue.
    expect((await as(orgId, () => intakeQueue(env.ctx, member, orgId))).reports).toHaveLength(1);
    await expect(as(orgId, () => saveIntakeSettings(env.ctx, member, orgId, { enabled: 'on' }))).rejects.toThrow();
  });

  it('limits attempts to add per intake and day, right or wrong', async () => {
    const intakeId = await as(otherOrg, () =>
      saveIntakeSettings(env.ctx, person('a', 'admin', otherOrg), otherOrg, { enabled: 'on' }),
    );
    if (!intakeId.ok) throw new Error('refused');
    const id = intakeId.value.intakeId!;
    for (let i = 0; i < ADDITIONS_PER_DAY; i++)
      await addToReport(env.ctx, anonymous, id, { code: 'AAAAA-BBBBB-CCCCC-DDDDD', text: 'guess' }, 'en');
    await expect(
      addToReport(env.ctx, anonymous, id, { code: 'AAAAA-BBBBB-CCCCC-DDDDD', text: 'guess' }, 'en'),
    ).rejects.toThrow(RateLimitedError);
    clock.advance(24 * 60 * 60 * 1000);
    expect((await addToReport(env.ctx, anonymous, id, { code: 'AAAAA-BBBBB-CCCCC-DDDDD', text: 'g' }, 'en')).ok).toBe(
      false,
    );
  });

  it('keeps every dismissal when members dismiss at the same moment (compare-and-swap, retried)', async () => {
    const busy = await newOrg(env, 'Intake Busy');
    const owner = person('b', 'owner', busy);
    const saved = await as(busy, () => saveIntakeSettings(env.ctx, owner, busy, { enabled: 'on' }));
    if (!saved.ok) throw new Error('refused');
    for (const what of ['one', 'two', 'three', 'four'])
      await submitReport(env.ctx, anonymous, saved.value.intakeId!, { what }, 'en');
    const { reports } = await as(busy, () => intakeQueue(env.ctx, owner, busy));
    await as(busy, () => Promise.all(reports.map((r) => dismissReport(env.ctx, owner, busy, r.id))));
    const after = await as(busy, () => intakeQueue(env.ctx, owner, busy));
    expect([after.reports.length, after.handled]).toEqual([0, 4]);
  });

  it('takes the form down with its organisation when that is erased', async () => {
    const doomed = await newOrg(env, 'Intake Doomed');
    const saved = await as(doomed, () =>
      saveIntakeSettings(env.ctx, person('d', 'owner', doomed), doomed, { enabled: 'on' }),
    );
    if (!saved.ok) throw new Error('refused');
    const id = saved.value.intakeId!;
    await submitReport(env.ctx, anonymous, id, { what: 'before the erasure' }, 'en');
    const count = async (table: 'monitor_intakes' | 'monitor_reports' | 'monitor_receipts') =>
      (
        await env.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = [await count('monitor_intakes'), await count('monitor_reports'), await count('monitor_receipts')];
    const erased = await as(doomed, () => eraseOrganisation(env.ctx, cliOperator, doomed, {}));
    expect(erased.ok).toBe(true);
    await expect(publicIntake(env.ctx, anonymous, id)).rejects.toThrow(NotFoundError);
    const after = [await count('monitor_intakes'), await count('monitor_reports'), await count('monitor_receipts')];
    expect(after.map((n, i) => Number(before[i]) - Number(n))).toEqual([1, 1, 1]);
  });

  it('reads receipt codes typed by hand', () => {
    expect(normaliseReceipt('abcde-fghjk-mnpqr-stvwx')).toBe('ABCDEFGHJKMNPQRSTVWX');
    expect(normaliseReceipt(' 0oIl1 22222 33333 44444 ')).toBe('00111222223333344444');
    expect(normaliseReceipt('ABCDE-FGHJK-MNPQR-STVW')).toBeNull();
    expect(normaliseReceipt('UUUUU-FGHJK-MNPQR-STVWX')).toBeNull();
  });
});
