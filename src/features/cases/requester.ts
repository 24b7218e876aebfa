// The requester's side, with no account and no script: open a case (a case code and a passphrase, shown
// once), come back with both to read replies and answer, agree to a referral or refuse it, or delete
// the case now. Nothing identifying is stored: no address, no browser, no audit entry (its time would
// say when someone asked); the open time is inside the helpline's box, for its clock.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { fail, NotFoundError, ok, problem, type Result } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { newId } from '../../platform/ids.ts';
import { normaliseCode } from '../../platform/codes.ts';
import { hit } from '../../platform/rate-limit.ts';
import { intakeSchema, messageSchema, signInSchema, type IntakeInput, type MessageInput } from './input.ts';
import type { CaseMessage, HelplineProfile, MessageBody, ReferredFrom } from './model.ts';
import * as q from './queries.ts';
import {
  codeHash,
  newCaseCode,
  newPassphrase,
  openMessage,
  openProfile,
  requesterKey,
  requesterKeys,
  sealMessage,
} from './sealed.ts';
import { cancelAlerts, cancelPurge, scheduleAlerts } from './sla.ts';

/** Attempts to come back, right or wrong, per helpline and hour. */
export const SIGN_INS_PER_HOUR = 600;
const HOUR = 3600_000;

/** A requester who came back: which case, and their private key (kept in a sealed cookie, briefly). */
export interface RequesterSession {
  caseId: string;
  key: string;
}

export async function publicHelpline(
  ctx: AppContext,
  actor: Actor,
  helplineId: string,
): Promise<HelplineProfile & { id: string }> {
  requireAccess(actor, 'cases:request');
  const row = await q.helplineById(ctx.db, helplineId);
  if (!row) throw new NotFoundError('no such helpline');
  return { id: row.id, ...(await openProfile(ctx, row)) };
}

/** The profiles of the helplines that are on. */
async function openProfiles(ctx: AppContext) {
  const rows = await q.openHelplines(ctx.db);
  return Promise.all(rows.map(async (row) => ({ id: row.id, profile: await openProfile(ctx, row) })));
}

/** The helplines that are on, for "ask this helpline" and for referrals. */
export async function openHelplineList(
  ctx: AppContext,
  actor: Actor,
): Promise<{ id: string; name: string; languages: string[] }[]> {
  requireAccess(actor, 'cases:request');
  const list = (await openProfiles(ctx)).map(({ id, profile: p }) => ({ id, name: p.name, languages: p.languages }));
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

/** The helpline on this server that a directory record describes, if one is on; for the record's page. */
export async function helplineOfRecord(
  ctx: AppContext,
  actor: Actor,
  mechanismId: string,
): Promise<{ id: string; name: string } | null> {
  requireAccess(actor, 'cases:request');
  const found = (await openProfiles(ctx)).find((h) => h.profile.directoryId === mechanismId);
  return found ? { id: found.id, name: found.profile.name } : null;
}

/** Changes whenever a helpline is switched on or off or names another record: cached record pages follow it. */
export async function helplineLinksRevision(ctx: AppContext): Promise<string> {
  const links = (await openProfiles(ctx)).flatMap((h) =>
    h.profile.directoryId ? [`${h.id}=${h.profile.directoryId}`] : [],
  );
  return createHash('sha256').update(links.join('|')).digest('hex').slice(0, 16);
}

/**
 * Writes a case's row, its first message and its SLA alerts in one transaction: a case is never on disk
 * without its clocks (a server killed in between keeps all or none). The caller then shows the code once.
 */
async function createCase(
  ctx: AppContext,
  helplineId: string,
  helplineKey: string,
  requester: { publicKey: string; secret: string; codeHash: string },
  intake: Extract<MessageBody, { kind: 'intake' }>,
  { caseId = newId(20), also }: { caseId?: string; also?: (trx: Db) => Promise<void> } = {},
) {
  const messageId = newId(20);
  const row = {
    id: caseId,
    helpline_id: helplineId,
    code_hash: requester.codeHash,
    requester_key: requester.publicKey,
    requester_secret: requester.secret,
  };
  const keys = { helpline: helplineKey, requester: requester.publicKey };
  const message = { id: messageId, case_id: caseId, ...sealMessage(keys, caseId, messageId, intake) };
  await ctx.db.transaction().execute(async (trx) => {
    await q.insertCase(trx, row, message);
    await scheduleAlerts(ctx, trx, helplineId, caseId, new Date(intake.at));
    await also?.(trx);
  });
  return caseId;
}

export async function openCase(
  ctx: AppContext,
  actor: Actor,
  helplineId: string,
  fields: IntakeInput,
  locale: Locale,
): Promise<Result<{ code: string; passphrase: string }>> {
  requireAccess(actor, 'cases:request');
  const row = await q.helplineById(ctx.db, helplineId);
  if (!row) throw new NotFoundError('no such helpline');
  const profile = await openProfile(ctx, row);
  const parsed = intakeSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  if (!profile.languages.includes(parsed.data.language)) return fail(problem('language', 'validation.choice'));
  const now = ctx.clock.now();
  await hit(ctx.db, 'cases-intake', ctx.config.serverCasesPerHour, HOUR, now);
  await hit(ctx.db, `cases-intake:${helplineId}`, ctx.config.casesPerHour, HOUR, now);
  const caseId = newId(20);
  const code = newCaseCode();
  const passphrase = newPassphrase();
  const keys = requesterKeys(caseId, passphrase);
  const { sendTriage, triage, ...said } = parsed.data;
  const intake = {
    kind: 'intake' as const,
    at: now.toISOString(),
    locale,
    referredFrom: null,
    ...said,
    triage: sendTriage ? triage : '',
  };
  await createCase(ctx, helplineId, row.public_key, { ...keys, codeHash: codeHash(code) }, intake, { caseId });
  return ok({ code, passphrase });
}

/** Checks a case code and passphrase; a wrong pair is one problem on the code, never which part was wrong. */
export async function signInToCase(
  ctx: AppContext,
  actor: Actor,
  helplineId: string,
  fields: unknown,
): Promise<Result<RequesterSession>> {
  requireAccess(actor, 'cases:request');
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  await hit(ctx.db, `cases-sign-in:${helplineId}`, SIGN_INS_PER_HOUR, HOUR, ctx.clock.now());
  const wrong = fail(problem('code', 'cases.status.wrong'));
  const code = normaliseCode(parsed.data.code, 10);
  if (!code) return wrong;
  const found = await q.caseByCode(ctx.db, helplineId, codeHash(code));
  const key = found && requesterKey(found.id, found.requester_secret, parsed.data.passphrase);
  return found && key ? ok({ caseId: found.id, key }) : wrong;
}

async function sessionCase(ctx: AppContext, session: RequesterSession) {
  const found = await q.caseById(ctx.db, session.caseId);
  if (!found) throw new NotFoundError('no such case');
  return found;
}

/** The messages of some cases as the requester sees them (no notes), oldest first. */
function requesterMessages(key: string, publicKey: string, rows: q.MessageRow[]): CaseMessage[] {
  const pair = { publicKey, privateKey: Buffer.from(key, 'base64url') };
  try {
    return rows
      .map((row) => ({ id: row.id, body: openMessage('requester', pair, row) }))
      .filter((m): m is CaseMessage => m.body !== null)
      .sort((a, b) => a.body.at.localeCompare(b.body.at) || a.id.localeCompare(b.id));
  } finally {
    pair.privateKey.fill(0);
  }
}

export interface RequesterView {
  helpline: HelplineProfile;
  messages: CaseMessage[];
  /** Cases opened elsewhere with the requester's consent: who holds them, and what they wrote. */
  referrals: { helpline: string; caseId: string; messages: CaseMessage[] }[];
}

export async function requesterView(ctx: AppContext, actor: Actor, session: RequesterSession): Promise<RequesterView> {
  requireAccess(actor, 'cases:request');
  const found = await sessionCase(ctx, session);
  const helplineRow = await q.helplineById(ctx.db, found.helpline_id);
  if (!helplineRow) throw new NotFoundError('no such case');
  const messages = requesterMessages(session.key, found.requester_key, await q.messageRows(ctx.db, [found.id]));
  const referrals = [];
  for (const m of messages) {
    if (m.body.kind !== 'consent' || !m.body.caseId) continue;
    const other = await q.caseById(ctx.db, m.body.caseId);
    const otherHelpline = other && (await q.helplineById(ctx.db, other.helpline_id));
    if (!other || !otherHelpline?.profile) continue;
    referrals.push({
      helpline: (await openProfile(ctx, otherHelpline)).name,
      caseId: other.id,
      messages: requesterMessages(session.key, other.requester_key, await q.messageRows(ctx.db, [other.id])),
    });
  }
  return { helpline: await openProfile(ctx, helplineRow), messages, referrals };
}

export async function requesterReply(
  ctx: AppContext,
  actor: Actor,
  session: RequesterSession,
  fields: MessageInput,
): Promise<Result<Record<string, never>>> {
  requireAccess(actor, 'cases:request');
  const parsed = messageSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const found = await sessionCase(ctx, session);
  const helpline = await q.helplineById(ctx.db, found.helpline_id);
  if (!helpline) throw new NotFoundError('no such case');
  const id = newId(20);
  const body: MessageBody = { kind: 'requester', at: ctx.clock.now().toISOString(), text: parsed.data.text };
  const keys = { helpline: helpline.public_key, requester: found.requester_key };
  await q.insertMessage(ctx.db, { id, case_id: found.id, ...sealMessage(keys, found.id, id, body) });
  return ok({});
}

/** The requester deletes their case now: its rows and its clocks go; the helpline keeps only statistics. */
export async function deleteMyCase(ctx: AppContext, actor: Actor, session: RequesterSession): Promise<void> {
  requireAccess(actor, 'cases:request');
  const found = await sessionCase(ctx, session);
  await q.deleteCase(ctx.db, found.id);
  await cancelAlerts(ctx, found.id);
  await cancelPurge(ctx, found.id);
}

/** For referral.ts: opens a case at another helpline for the same requester (same key pair, no code of its own). */
export async function openReferredCase(
  ctx: AppContext,
  to: q.HelplineRow,
  requesterPublicKey: string,
  intake: { what: string; contact: string; language: string; locale: Locale; from: ReferredFrom },
  options: { caseId: string; also: (trx: Db) => Promise<void> },
) {
  const unusable = codeHash(`referred:${newId(20)}`);
  const { from, ...rest } = intake;
  const body = { kind: 'intake' as const, at: ctx.clock.now().toISOString(), triage: '', referredFrom: from, ...rest };
  const requester = { publicKey: requesterPublicKey, secret: '', codeHash: unusable };
  return createCase(ctx, to.id, to.public_key, requester, body, options);
}
