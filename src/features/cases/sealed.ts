// How cases are kept: the helpline's rows found by a keyed tag, its documents, and each message as two
// padded boxes, one to the helpline's key and one to the requester's (docs/decisions/0023). The
// requester's private key is sealed under their passphrase, a random secret shown once, so only they
// (and the helpline, through its own box) can read the case.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import {
  newKeyPair,
  openBox,
  openUnderSecret,
  sealBox,
  sealUnderSecret,
  type KeyPair,
} from '../../platform/member-keys.ts';
import { normaliseCode, newCode } from '../../platform/codes.ts';
import { openDocument, padded, sealDocument } from '../../platform/sealed-documents.ts';
import { sealAt } from '../../platform/sealer.ts';
import { encodeDesk, parseDesk } from './desk-rows.ts';
import type { AlertList, CaseMessage, Desk, HelplineDoc, HelplineProfile, MessageBody } from './model.ts';
import type { HelplineRow, MessageRow } from './queries.ts';

/** Boxes are padded to a multiple of this: their length says little about what they hold. */
const BOX_PAD = 2048;

export const orgTagOf = (ctx: AppContext, orgId: string) => ctx.keyring.tag(orgId, 'cases:helpline');
export const docAt = (orgId: string, id: string) => sealAt.org(orgId, 'helplines', 'doc', id);
export const deskAt = (orgId: string, id: string) => sealAt.org(orgId, 'helplines', 'desk', id);
export const profileAt = (id: string) => sealAt.platform('helplines', 'profile', id);
export const alertsAt = (id: string) => sealAt.platform('helplines', 'alerts', id);

export const openDoc = (ctx: AppContext, orgId: string, row: Pick<HelplineRow, 'id' | 'doc'>) =>
  openDocument<HelplineDoc>(ctx.sealer, docAt(orgId, row.id), row.doc);
export const sealDoc = (ctx: AppContext, orgId: string, id: string, doc: HelplineDoc) =>
  sealDocument(ctx.sealer, docAt(orgId, id), doc);
export const openDesk = async (ctx: AppContext, orgId: string, row: HelplineRow): Promise<Desk> =>
  row.desk ? parseDesk(await ctx.sealer.open(deskAt(orgId, row.id), row.desk)) : { revision: null, rows: [] };
/** The desk sealed as written under `revision`, the desk_revision its write sets (null: not known complete). */
export const sealDesk = (ctx: AppContext, orgId: string, id: string, desk: Desk, revision: string | null) =>
  ctx.sealer.seal(deskAt(orgId, id), encodeDesk(desk, revision));
export const openProfile = async (
  ctx: AppContext,
  row: Pick<HelplineRow, 'id' | 'profile' | 'public_key'>,
): Promise<HelplineProfile> => {
  if (!row.profile || !row.public_key) throw new NotFoundError('no such helpline');
  return JSON.parse(await ctx.sealer.open(profileAt(row.id), row.profile)) as HelplineProfile;
};
export const openAlerts = async (
  ctx: AppContext,
  row: Pick<HelplineRow, 'id' | 'alerts'>,
): Promise<AlertList | null> =>
  row.alerts ? (JSON.parse(await ctx.sealer.open(alertsAt(row.id), row.alerts)) as AlertList) : null;

export const pairOf = (doc: HelplineDoc): KeyPair => ({
  publicKey: doc.publicKey,
  privateKey: Buffer.from(doc.privateKey, 'base64url'),
});

// The case code (50 random bits) finds the case; the passphrase (100 random bits) opens it. Only the
// code's hash is stored, and the passphrase not at all.
export const newCaseCode = () => newCode(10);
export const newPassphrase = () => newCode(20);
export const codeHash = (code: string) =>
  createHash('sha256')
    .update(`amparo-case:${normaliseCode(code, 10) ?? code}`)
    .digest('hex');

const secretAd = (caseId: string) => JSON.stringify(['cases', 'requester_secret', caseId]);
/** The requester's key pair: the public half in the open, the private half under their passphrase. */
export function requesterKeys(caseId: string, passphrase: string) {
  const pair = newKeyPair();
  const secret = sealUnderSecret(normaliseCode(passphrase, 20)!, 'case-requester', secretAd(caseId), {
    key: pair.privateKey.toString('base64url'),
  });
  pair.privateKey.fill(0);
  return { publicKey: pair.publicKey, secret };
}
/** The requester's private key, or null when the passphrase does not open it. */
export function requesterKey(caseId: string, secret: string, passphrase: string): string | null {
  const plain = normaliseCode(passphrase, 20);
  if (!plain) return null;
  try {
    return openUnderSecret<{ key: string }>(plain, 'case-requester', secretAd(caseId), secret).key;
  } catch {
    return null;
  }
}

const boxAd = (caseId: string, messageId: string, side: 'helpline' | 'requester') =>
  JSON.stringify(['case_messages', side, caseId, messageId]);

const boxed = (body: unknown) => Buffer.from(padded(body, BOX_PAD), 'utf8');

/** A message as its two boxes; notes get a requester's box nobody can open, so the rows look alike. */
export function sealMessage(
  keys: { helpline: string; requester: string },
  caseId: string,
  messageId: string,
  body: MessageBody,
  helplineOnly = false,
) {
  const requester = helplineOnly ? newKeyPair().publicKey : keys.requester;
  return {
    helpline_box: sealBox(keys.helpline, boxAd(caseId, messageId, 'helpline'), boxed(body)),
    requester_box: sealBox(
      requester,
      boxAd(caseId, messageId, 'requester'),
      boxed(helplineOnly ? { kind: 'none' } : body),
    ),
  };
}

export function openMessage(
  side: 'helpline' | 'requester',
  pair: KeyPair,
  row: { id: string; case_id: string; helpline_box: string; requester_box: string },
): MessageBody | null {
  const box = side === 'helpline' ? row.helpline_box : row.requester_box;
  try {
    return JSON.parse(openBox(pair, boxAd(row.case_id, row.id, side), box).toString('utf8')) as MessageBody;
  } catch {
    return null; // a note's decoy box, seen from the requester's side
  }
}

/** Opens the messages of some cases with the helpline's key, oldest first. */
export function helplineMessages(doc: HelplineDoc, rows: MessageRow[]): Map<string, CaseMessage[]> {
  const pair = pairOf(doc);
  const byCase = new Map<string, CaseMessage[]>();
  try {
    for (const row of rows) {
      const body = openMessage('helpline', pair, row);
      if (!body) continue;
      const list = byCase.get(row.case_id) ?? [];
      list.push({ id: row.id, body });
      byCase.set(row.case_id, list);
    }
  } finally {
    pair.privateKey.fill(0);
  }
  for (const list of byCase.values())
    list.sort((a, b) => a.body.at.localeCompare(b.body.at) || a.id.localeCompare(b.id));
  return byCase;
}
