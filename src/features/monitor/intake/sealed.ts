// How the public intake keeps things: an organisation's intake rows (found by a keyed tag) with their
// sealed documents (key pair, settings, handled reports), the public columns a switched-on form needs
// (its key, its intro sealed under the platform key), reports as padded boxes to the intake's key, and
// receipt codes, kept only as hashes. service.ts holds the rules and access checks.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { newId } from '../../../platform/ids.ts';
import { newKeyPair, openBox, sealBox, type KeyPair } from '../../../platform/member-keys.ts';
import { newCode, normaliseCode } from '../../../platform/codes.ts';
import { openDocument, padded, sealDocument, withRetries } from '../../../platform/sealed-documents.ts';
import { sealAt } from '../../../platform/sealer.ts';
import type { Box, ReportBox } from './input.ts';
import * as q from './queries.ts';

/** Boxes are padded to a multiple of this, so their length says little about what they hold. */
const BOX_PAD = 2048;

/** The sealed document of an intake: its key pair, its settings, and the reports members have handled. */
export interface IntakeDoc {
  publicKey: string;
  privateKey: string;
  enabled: boolean;
  intro: string;
  /** The organisation's address now; earlier ones (after a new address) only keep their reports readable. */
  current: boolean;
  handled: string[];
}

export interface IntakeAddition {
  id: string;
  day: string;
  text: string;
  locale: Locale;
}

export interface IntakeReport extends Omit<ReportBox, 'kind'> {
  id: string;
  additions: IntakeAddition[];
}

export const orgTagOf = (ctx: AppContext, orgId: string) => ctx.keyring.tag(orgId, 'monitor:intake');
const intakeAt = (orgId: string, id: string) => sealAt.org(orgId, 'monitor_intakes', 'doc', id);
export const introAt = (id: string) => sealAt.platform('monitor_intakes', 'intro', id);
const boxAd = (intakeId: string, reportId: string) => JSON.stringify(['monitor_reports', 'box', intakeId, reportId]);
const pairOf = (doc: IntakeDoc): KeyPair => ({
  publicKey: doc.publicKey,
  privateKey: Buffer.from(doc.privateKey, 'base64url'),
});

// Receipt codes: 20 characters of Crockford's base32 (100 random bits), in four groups of five.
export const newReceiptCode = (): string => newCode(20);
export const normaliseReceipt = (typed: string): string | null => normaliseCode(typed, 20);

export const receiptHash = (code: string) => createHash('sha256').update(normaliseReceipt(code)!).digest('hex');

export function sealReport(publicKey: string, intakeId: string, reportId: string, box: Box): string {
  return sealBox(publicKey, boxAd(intakeId, reportId), Buffer.from(padded(box, BOX_PAD), 'utf8'));
}

export async function intakes(ctx: AppContext, orgId: string) {
  const rows = await q.intakeRows(ctx.db, orgTagOf(ctx, orgId));
  return Promise.all(
    rows.map(async (row) => ({
      row,
      doc: await openDocument<IntakeDoc>(ctx.sealer, intakeAt(orgId, row.id), row.doc),
    })),
  );
}

/** The columns a document's settings put in the open: the key and the sealed intro while on, nothing while off. */
export async function publicColumns(ctx: AppContext, id: string, doc: IntakeDoc) {
  return doc.enabled
    ? { publicKey: doc.publicKey, intro: await ctx.sealer.seal(introAt(id), doc.intro) }
    : { publicKey: '', intro: '' };
}

/** Changes the organisation's current intake document, compare-and-swap on its revision. */
export async function changeIntake(ctx: AppContext, orgId: string, id: string, change: (doc: IntakeDoc) => IntakeDoc) {
  return withRetries(async () => {
    const found = (await intakes(ctx, orgId)).find((i) => i.row.id === id);
    if (!found) throw new NotFoundError('no such intake');
    const doc = change(found.doc);
    const landed = await q.swapIntake(ctx.db, orgTagOf(ctx, orgId), {
      id,
      revision: found.row.revision,
      doc: await sealDocument(ctx.sealer, intakeAt(orgId, id), doc),
      ...(await publicColumns(ctx, id, doc)),
    });
    return landed ? { row: found.row, doc } : undefined;
  });
}

export async function newIntake(ctx: AppContext, orgId: string, settings: { enabled: boolean; intro: string }) {
  const pair = newKeyPair();
  const id = newId(20);
  const doc: IntakeDoc = {
    publicKey: pair.publicKey,
    privateKey: pair.privateKey.toString('base64url'),
    ...settings,
    current: true,
    handled: [],
  };
  pair.privateKey.fill(0);
  await q.insertIntake(ctx.db, {
    id,
    orgTag: orgTagOf(ctx, orgId),
    doc: await sealDocument(ctx.sealer, intakeAt(orgId, id), doc),
    ...(await publicColumns(ctx, id, doc)),
  });
  return id;
}

/** Every report of every address the organisation had, opened, with its additions and whether it was handled. */
export async function openReports(ctx: AppContext, orgId: string) {
  const all = await intakes(ctx, orgId);
  const byId = new Map(all.map((i) => [i.row.id, i]));
  const rows = await q.reportRows(ctx.db, [...byId.keys()]);
  const reports = new Map<string, IntakeReport & { intakeId: string }>();
  const additions: (IntakeAddition & { to: string })[] = [];
  for (const row of rows) {
    const doc = byId.get(row.intake_id)!.doc;
    const pair = pairOf(doc);
    try {
      const box = JSON.parse(openBox(pair, boxAd(row.intake_id, row.id), row.box).toString('utf8')) as Box;
      if (box.kind === 'report') {
        const { kind: _kind, ...rest } = box;
        reports.set(row.id, { ...rest, id: row.id, intakeId: row.intake_id, additions: [] });
      } else additions.push({ id: row.id, to: box.to, day: box.day, text: box.text, locale: box.locale });
    } finally {
      pair.privateKey.fill(0);
    }
  }
  for (const { to, ...a } of additions.sort((x, y) => x.day.localeCompare(y.day))) reports.get(to)?.additions.push(a);
  const handled = (r: IntakeReport & { intakeId: string }) => {
    const done = new Set(byId.get(r.intakeId)!.doc.handled);
    return done.has(r.id) && r.additions.every((a) => done.has(a.id));
  };
  return { all, reports: [...reports.values()], handled };
}

/** An intake that is on, by its public id; an unknown or switched-off one answers like a missing page. */
export async function openIntake(ctx: AppContext, intakeId: string) {
  const row = await q.publicIntakeRow(ctx.db, intakeId);
  if (!row || !row.public_key) throw new NotFoundError('no such form');
  return row;
}
