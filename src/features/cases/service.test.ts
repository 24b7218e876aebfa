import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, memberActor, newOrg, userIdOf, withOrgKey } from '../../../tests/helpers/accounts.ts';
import { testEnv, TestClock, type TestEnv } from '../../../tests/helpers/context.ts';
import { databaseText } from '../../../tests/helpers/db-text.ts';
import { startSmtpServer, type SmtpTestServer } from '../../../tests/helpers/smtp.ts';
import { anonymous, type Actor } from '../../platform/access.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { newKeyPair } from '../../platform/member-keys.ts';
import * as q from './queries.ts';
import { openDesk, sealMessage } from './sealed.ts';
import {
  attainment,
  caseQueue,
  caseView,
  deleteMyCase,
  onShift,
  openCase,
  replyToCase,
  requesterReply,
  requesterView,
  saveHelplineSettings,
  setCaseState,
  setOnShift,
  signInToCase,
  type RequesterSession,
} from './service.ts';
import { changeRole, cutOffAccount, setMemberEnabled } from '../accounts/orgs/service.ts';

const WHAT = 'Our director Ekaterina Zhvania-Lomidze got a phishing mail from ministry-audit-portal.example';
const CONTACT = 'signal: +995 555 01 02 03 (canary-contact-7781)';
const MINUTE = 60_000;

let env: TestEnv;
let clock: TestClock;
let smtp: SmtpTestServer;
let orgId: string, otherOrg: string;
let handler: Actor, stranger: Actor;
let helplineId: string;
beforeAll(async () => {
  smtp = await startSmtpServer();
  clock = new TestClock(new Date('2026-06-10T08:00:00Z'));
  env = await testEnv({ seed: false, clock, config: { smtpUrl: smtp.url } });
  otherOrg = await newOrg(env, 'Other Org');
  stranger = memberActor(otherOrg, 'owner', 'stranger');
  ({ orgId, handler, helplineId } = await helpline('main'));
});
afterAll(async () => {
  await env.close();
  await smtp.close();
});
const as = <T>(org: string, fn: () => Promise<T>) => withOrgKey(env, org, fn);

/** An organisation with an owner and a handler, running a helpline in Spanish and English. */
async function helpline(label: string) {
  const org = await newOrg(env, `Helpline ${label}`);
  const ownerId = await userIdOf(env, await addMember(env, org, 'owner', `owner-${label}@helpline.example`));
  const handlerId = await userIdOf(env, await addMember(env, org, 'member', `handler-${label}@helpline.example`));
  const o = memberActor(org, 'owner', ownerId);
  const saved = await withOrgKey(env, org, () =>
    saveHelplineSettings(
      env.ctx,
      o,
      org,
      { enabled: 'on', languages: 'es en', allHours: 'on', targetMinutes: '120', retentionDays: '30' },
      'es',
    ),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  return {
    orgId: org,
    owner: o,
    handler: memberActor(org, 'member', handlerId),
    handlerId,
    helplineId: saved.value.id,
  };
}

async function newCase(language = 'es', at = helplineId) {
  const opened = await openCase(env.ctx, anonymous, at, { what: WHAT, language, contact: CONTACT }, 'es');
  if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
  const signed = await signInToCase(env.ctx, anonymous, at, opened.value);
  if (!signed.ok) throw new Error('sign-in refused');
  return { ...opened.value, session: signed.value as RequesterSession };
}

describe('helpline cases', () => {
  it('takes a case from anyone, queues it by language, and the first reply opens it', async () => {
    const { code, passphrase, session } = await newCase('es');
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(passphrase).toMatch(/^([0-9A-Z]{5}-){3}[0-9A-Z]{5}$/);
    const wrong = await signInToCase(env.ctx, anonymous, helplineId, {
      code,
      passphrase: passphrase.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    });
    expect(wrong.ok).toBe(false);

    const queue = (await as(orgId, () => caseQueue(env.ctx, handler, orgId, { language: 'es', page: 1 })))!;
    const item = queue.items.find((i) => i.id === session.caseId)!;
    expect(item).toMatchObject({ state: 'new', language: 'es', firstResponseAt: null });
    expect(queue.languages).toEqual(expect.arrayContaining([{ code: 'en', open: 0 }]));
    expect((await as(orgId, () => caseQueue(env.ctx, handler, orgId, { language: 'en', page: 1 })))!.items).toEqual([]);

    clock.advance(25 * MINUTE);
    await as(orgId, () =>
      replyToCase(env.ctx, handler, orgId, session.caseId, { text: 'Do not click the link. We call you.' }),
    );
    clock.advance(MINUTE);
    await as(orgId, () =>
      replyToCase(env.ctx, handler, orgId, session.caseId, { text: 'Internal: looks like APT phishing kit' }, true),
    );
    const view = await as(orgId, () => caseView(env.ctx, handler, orgId, session.caseId));
    expect(view.entry.state).toBe('open');
    expect(new Date(view.entry.firstResponseAt!).getTime() - new Date(view.entry.openedAt).getTime()).toBe(25 * MINUTE);
    expect(view.messages.map((m) => m.body.kind)).toEqual(['intake', 'reply', 'note']);

    const seen = await requesterView(env.ctx, anonymous, session);
    expect(seen.messages.map((m) => m.body.kind)).toEqual(['intake', 'reply']);
    clock.advance(MINUTE);
    await requesterReply(env.ctx, anonymous, session, { text: 'Thank you, I did not click.' });
    const again = await as(orgId, () => caseView(env.ctx, handler, orgId, session.caseId));
    expect(again.messages.at(-1)!.body).toMatchObject({ kind: 'requester', text: 'Thank you, I did not click.' });
  });

  it('keeps what the requester wrote out of the database files', async () => {
    await newCase();
    const text = Object.values(await databaseText(env)).join('\n');
    expect(text).not.toContain('Zhvania-Lomidze');
    expect(text).not.toContain('canary-contact-7781');
  });

  it('alerts the people on shift at 60 minutes and the owners at 90, once each, and a reply stops them', async () => {
    const h = await helpline('sla');
    await as(h.orgId, () => setOnShift(env.ctx, h.handler, h.orgId, true));
    const before = smtp.messages.length;
    const waiting = await newCase('es', h.helplineId);
    const answered = await newCase('es', h.helplineId);
    const spam = await newCase('es', h.helplineId);
    clock.advance(10 * MINUTE);
    await as(h.orgId, () => replyToCase(env.ctx, h.handler, h.orgId, answered.session.caseId, { text: 'On it.' }));
    // Closed without a reply (spam): nobody is alerted about it.
    await as(h.orgId, () => setCaseState(env.ctx, h.handler, h.orgId, spam.session.caseId, { state: 'closed' }));
    const mailsTo = async (minutes: number) => {
      clock.advance(minutes * MINUTE);
      while ((await env.ctx.jobs.runDue(clock.now())) > 0);
      return smtp.messages
        .slice(before)
        .filter((m) => m.to.some((to) => to.endsWith('-sla@helpline.example')))
        .map((m) => m.to.join());
    };
    expect(await mailsTo(49)).toEqual([]);
    expect(await mailsTo(2)).toEqual(['handler-sla@helpline.example']);
    expect(await mailsTo(20)).toEqual(['handler-sla@helpline.example']);
    expect(await mailsTo(10)).toEqual(['handler-sla@helpline.example', 'owner-sla@helpline.example']);
    expect(await mailsTo(600)).toHaveLength(2);
    expect(
      smtp.messages
        .slice(before)
        .map((m) => m.raw)
        .join(),
    ).not.toContain(waiting.session.caseId);
  });

  it('mails nobody disabled, and a member made admin, after membership changes with no new save', async () => {
    const h = await helpline('members');
    const deputy = await userIdOf(env, await addMember(env, h.orgId, 'member', 'deputy-members@helpline.example'));
    await as(h.orgId, () => setOnShift(env.ctx, h.handler, h.orgId, true));
    // The handler on shift is disabled (say, detained); a member is made admin.
    await as(h.orgId, () => setMemberEnabled(env.ctx, h.owner, h.orgId, h.handlerId, false));
    await as(h.orgId, () => changeRole(env.ctx, h.owner, h.orgId, deputy, { role: 'admin' }));
    const before = smtp.messages.length;
    await newCase('es', h.helplineId);
    clock.advance(91 * MINUTE);
    while ((await env.ctx.jobs.runDue(clock.now())) > 0);
    const to = smtp.messages
      .slice(before)
      .flatMap((m) => m.to)
      .filter((a) => a.endsWith('-members@helpline.example'));
    // Nobody is on shift now: the 60-minute alert goes to the owners and admins, as does the 90-minute one.
    expect(to.sort()).toEqual([
      'deputy-members@helpline.example',
      'deputy-members@helpline.example',
      'owner-members@helpline.example',
      'owner-members@helpline.example',
    ]);
  });

  it('reaches the owners, not someone on shift whose access was cut off (a reported detention)', async () => {
    const h = await helpline('cutoff');
    await as(h.orgId, () => setOnShift(env.ctx, h.handler, h.orgId, true));
    await env.ctx.db.transaction().execute((trx) => cutOffAccount(env.ctx, trx, 'system', h.handlerId));
    const before = smtp.messages.length;
    await newCase('es', h.helplineId);
    clock.advance(61 * MINUTE);
    while ((await env.ctx.jobs.runDue(clock.now())) > 0);
    const to = smtp.messages
      .slice(before)
      .flatMap((m) => m.to)
      .filter((a) => a.endsWith('-cutoff@helpline.example'));
    expect(to).toEqual(['owner-cutoff@helpline.example']);
  });

  it('keeps everyone who went on shift at the same moment', async () => {
    const h = await helpline('shift');
    const { owner } = h;
    await Promise.all([
      as(h.orgId, () => setOnShift(env.ctx, h.handler, h.orgId, true)),
      as(h.orgId, () => setOnShift(env.ctx, owner, h.orgId, true)),
    ]);
    expect(await as(h.orgId, () => onShift(env.ctx, h.handler, h.orgId))).toBe(true);
    expect(await as(h.orgId, () => onShift(env.ctx, owner, h.orgId))).toBe(true);
  });

  it('purges a closed case after the retention period and keeps its times as statistics', async () => {
    const { session } = await newCase('en');
    await as(orgId, () => replyToCase(env.ctx, handler, orgId, session.caseId, { text: 'Here is a guide.' }));
    await as(orgId, () => setCaseState(env.ctx, handler, orgId, session.caseId, { state: 'closed' }));
    clock.advance(29 * 24 * 60 * MINUTE);
    await env.ctx.jobs.runDue(clock.now());
    expect((await requesterView(env.ctx, anonymous, session)).messages.length).toBeGreaterThan(0);
    clock.advance(2 * 24 * 60 * MINUTE);
    await env.ctx.jobs.runDue(clock.now());
    await expect(requesterView(env.ctx, anonymous, session)).rejects.toThrow(NotFoundError);
    await expect(as(orgId, () => caseView(env.ctx, handler, orgId, session.caseId))).rejects.toThrow(NotFoundError);
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'cases.purge')
      .where('object_id', '=', helplineId)
      .execute();
    expect(audit).toEqual([{ action: 'cases.purge', object_id: helplineId }]);
  });

  it('lets the requester delete their case now', async () => {
    const { session } = await newCase();
    await deleteMyCase(env.ctx, anonymous, session);
    await expect(requesterView(env.ctx, anonymous, session)).rejects.toThrow(NotFoundError);
    const queue = (await as(orgId, () => caseQueue(env.ctx, handler, orgId, { language: null, page: 1 })))!;
    expect(queue.items.some((i) => i.id === session.caseId)).toBe(false);
  });

  it('pages the queue, waiting cases first, and sees cases that arrive or leave after the desk was written', async () => {
    const h = await helpline('paging');
    const cases = [];
    for (let i = 0; i < 55; i++) {
      cases.push((await newCase('en', h.helplineId)).session);
      clock.advance(MINUTE);
    }
    const ids = cases.map((c) => c.caseId);
    const queue = async (page: number) =>
      (await as(h.orgId, () => caseQueue(env.ctx, h.handler, h.orgId, { language: 'en', page })))!;
    const reply = (caseId: string) =>
      as(h.orgId, () => replyToCase(env.ctx, h.handler, h.orgId, caseId, { text: 'Seen, we call you.' }));
    await reply(ids[0]!);
    const late = (await newCase('en', h.helplineId)).session.caseId;
    await reply(ids[1]!);
    const [first, second] = [await queue(1), await queue(2)];
    expect(first.items).toHaveLength(50);
    expect(first.total).toBe(56);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual([...ids.slice(2), late, ids[0], ids[1]]);
    expect(second.items.find((i) => i.id === late)).toMatchObject({ state: 'new', firstResponseAt: null });

    await deleteMyCase(env.ctx, anonymous, cases[3]!);
    const after = await queue(1);
    expect(after.total).toBe(55);
    expect(after.items.map((i) => i.id)).not.toContain(ids[3]);
    // The deleted case stays in the statistics; the two replies came 55 and 54 minutes after opening.
    const { weeks } = await as(h.orgId, () => attainment(env.ctx, h.handler, h.orgId));
    const sum = (key: 'opened' | 'answered' | 'withinTarget' | 'resolved') => weeks.reduce((n, w) => n + w[key], 0);
    expect([sum('opened'), sum('answered'), sum('withinTarget'), sum('resolved')]).toEqual([56, 2, 2, 0]);
    expect(weeks.flatMap((w) => (w.medianMinutes === null ? [] : [w.medianMinutes]))).toEqual([55]);
  });

  it('does not call the desk complete while a case on disk could not be taken in', async () => {
    const h = await helpline('broken');
    const { session } = await newCase('es', h.helplineId);
    // A case whose intake is sealed to some other key: the desk cannot open it, and must keep looking.
    const stray = newKeyPair().publicKey;
    const id = newId(20);
    const at = clock.now().toISOString();
    const intake = { kind: 'intake', at, language: 'es', locale: 'es', what: 'x', contact: '', triage: '' } as const;
    const keys = { helpline: stray, requester: stray };
    await env.ctx.db
      .transaction()
      .execute((trx) =>
        q.insertCase(
          trx,
          { id, helpline_id: h.helplineId, code_hash: 'none', requester_key: stray, requester_secret: '' },
          { id: `${id}m`, case_id: id, ...sealMessage(keys, id, `${id}m`, { ...intake, referredFrom: null }) },
        ),
      );
    const queue = await as(h.orgId, () => caseQueue(env.ctx, h.handler, h.orgId, { language: null, page: 1 }));
    expect(queue!.items.map((i) => i.id)).toEqual([session.caseId]);
    await as(h.orgId, () => replyToCase(env.ctx, h.handler, h.orgId, session.caseId, { text: 'Seen.' }));
    const row = (await q.helplineById(env.ctx.db, h.helplineId))!;
    expect((await as(h.orgId, () => openDesk(env.ctx, h.orgId, row))).revision).toBeNull();
  });

  it('answers 404 to another organisation', async () => {
    const { session } = await newCase();
    await expect(as(otherOrg, () => caseView(env.ctx, stranger, otherOrg, session.caseId))).rejects.toThrow(
      NotFoundError,
    );
  });
});
