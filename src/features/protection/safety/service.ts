// The safety page (/account/safety, docs/decisions/0016): a member prepares the alert for their trusted
// contacts and sets the duress passphrase, choosing what a sign-in with it does.
import type { AppContext } from '../../../context.ts';
import { isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { fail, ok, problem, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { hashPassword, isMyPassword, myProfile, passwordProblem } from '../../accounts/account/service.ts';
import { myOrganisations, orgSecretOf } from '../../accounts/orgs/service.ts';
import { readAlertSettings, writeAlertSettings, type AlertSettings } from '../alerts.ts';
import { deleteAlertDoc, setDuress } from '../queries.ts';
import { blankDuress as blank, sealDuressPlan, type DuressPlan } from '../../../platform/duress-record.ts';
import {
  alertSchema,
  currentPasswordSchema,
  duressSchema,
  type AlertInput,
  type CurrentPasswordInput,
  type DuressInput,
} from './input.ts';

/** What an account without a duress passphrase carries: a hash and a record under a random one. */
const blankDuress = (userId: string) => blank(userId, hashPassword);

/** The page: the prepared alert (none in a decoy session), and the organisations a decoy could show. */
export async function safetyOverview(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'account:self');
  if (actor.kind !== 'user') return { alert: null, orgs: [] };
  const alert = isDecoy(actor) ? null : await readAlertSettings(ctx, actor.userId);
  const orgs = await myOrganisations(ctx, actor);
  return { alert, orgs };
}

export async function saveAlert(
  ctx: AppContext,
  actor: Actor,
  fields: AlertInput,
  locale: Locale,
): Promise<Result<null>> {
  requireAccess(actor, 'account:self');
  const parsed = alertSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  if (actor.kind !== 'user') return ok(null);
  const settings: AlertSettings = {
    contacts: parsed.data.contacts,
    webhook: parsed.data.webhook || null,
    message: parsed.data.message,
    delayMinutes: Number(parsed.data.delay) as AlertSettings['delayMinutes'],
    locale,
  };
  await writeAlertSettings(ctx, actor.userId, settings);
  return ok(null);
}

export async function removeAlert(ctx: AppContext, actor: Actor): Promise<void> {
  requireAccess(actor, 'account:self');
  if (actor.kind === 'user') await deleteAlertDoc(ctx.db, actor.userId);
}

/**
 * Sets (or replaces) the duress passphrase and what it does. Needs the current password; the passphrase
 * must differ from it and follow the password rules. Erasing an organisation is for its owners, where it
 * allows it; the record then keeps its secret, from this request's keys. Not audited: an entry would tell
 * who has one.
 */
export async function saveDuress(ctx: AppContext, actor: Actor, fields: DuressInput): Promise<Result<null>> {
  requireAccess(actor, 'account:self');
  const parsed = duressSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  if (actor.kind !== 'user') return ok(null);
  const { current, password: passphrase } = parsed.data;
  if (!(await isMyPassword(ctx, actor, current))) return fail(problem('current', 'password.wrongCurrent'));
  const weak = passwordProblem(passphrase, (await myProfile(ctx, actor)).email);
  if (weak) return fail(problem('password', `password.${weak}`));
  if (passphrase.normalize('NFKC') === current.normalize('NFKC'))
    return fail(problem('password', 'duress.samePassword'));
  const shown = (await myOrganisations(ctx, actor)).find((o) => o.id === parsed.data.decoy_org);
  if (parsed.data.decoy_org && !shown) return fail(problem('decoy_org', 'validation.choice'));
  const erase = parsed.data.erase_org ? shown : undefined;
  if (parsed.data.erase_org && !(erase?.role === 'owner' && erase.allowDuressErase))
    return fail(problem('erase_org', 'duress.eraseNotAllowed'));
  const plan: DuressPlan = {
    decoy: { org: shown ? { id: shown.id, name: shown.name, role: shown.role } : null },
    destroyKeys: parsed.data.destroy_keys,
    endSessions: parsed.data.end_sessions,
    alert: parsed.data.send_alert,
    erase: erase ? orgSecretOf(ctx, erase.id) : null,
  };
  await setDuress(ctx.db, actor.userId, {
    duressHash: await hashPassword(passphrase),
    sealedDuress: await sealDuressPlan(actor.userId, passphrase, plan),
  });
  return ok(null);
}

/** Replaces any duress passphrase with a random one nobody knows; needs the current password. */
export async function removeDuress(ctx: AppContext, actor: Actor, fields: CurrentPasswordInput): Promise<Result<null>> {
  requireAccess(actor, 'account:self');
  const parsed = currentPasswordSchema.safeParse(fields);
  if (actor.kind !== 'user') return ok(null);
  if (!parsed.success || !(await isMyPassword(ctx, actor, parsed.data.remove_current)))
    return fail(problem('remove_current', 'password.wrongCurrent'));
  await setDuress(ctx.db, actor.userId, await blankDuress(actor.userId));
  return ok(null);
}
