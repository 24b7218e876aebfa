// The alert a member prepares for their trusted contacts (docs/decisions/0016): emails and/or a webhook,
// a short message, a delay. It must go out with nobody signed in (after a delay, from a remote trigger, on
// a missed check-in), so it is sealed under the server key, only after the member's explicit consent; the
// safety page says what a seized server would reveal. Sending is a job per destination ('protection.alert'),
// whose payload is sealed and names the account and the destination's place, never an address.
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Job } from '../../platform/jobs.ts';
import { resolvesToPublic } from '../../platform/public-address.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { sealAt } from '../../platform/sealer.ts';
import { findAlertDoc, putAlertDoc } from './queries.ts';

export const ALERT_JOB = 'protection.alert';
export const ALERT_DELAYS = [0, 15, 60, 240] as const;
export type AlertReason = 'duress' | 'detained' | 'missed-check-in';
const WEBHOOK_TIMEOUT_MS = 5000;

export interface AlertSettings {
  contacts: string[];
  webhook: string | null;
  message: string;
  delayMinutes: (typeof ALERT_DELAYS)[number];
  /** The language the emails are written in: the member's when they saved. */
  locale: Locale;
}

type Target = { kind: 'email'; index: number } | { kind: 'webhook' };
interface AlertPayload {
  userId: string;
  reason: AlertReason;
  at: string;
  target: Target;
}

const alertAt = (userId: string) => sealAt.platform('protection_alerts', 'doc', userId);
const payloadAt = (ref: string) => sealAt.platform('jobs', 'payload', ref);

export async function readAlertSettings(ctx: AppContext, userId: string): Promise<AlertSettings | null> {
  const doc = await findAlertDoc(ctx.db, userId);
  return doc ? (JSON.parse(await ctx.sealer.open(alertAt(userId), doc)) as AlertSettings) : null;
}

export async function writeAlertSettings(ctx: AppContext, userId: string, settings: AlertSettings): Promise<void> {
  const sealed = await ctx.sealer.seal(alertAt(userId), JSON.stringify(settings));
  await putAlertDoc(ctx.db, userId, sealed, ctx.clock.now());
}

/**
 * Queues the member's prepared alert, to go out after its delay; false when they prepared none. Pass a
 * transaction as `db` to queue it with the caller's writes (the jobs are enqueued there; the settings are
 * read through ctx.db first, as sealing and opening must not wait on a held SQLite connection).
 */
export async function queueAlert(ctx: AppContext, db: Db, userId: string, reason: AlertReason): Promise<boolean> {
  const settings = await readAlertSettings(ctx, userId);
  if (!settings || (settings.contacts.length === 0 && !settings.webhook)) return false;
  const now = ctx.clock.now();
  const runAt = new Date(now.getTime() + settings.delayMinutes * 60_000);
  const targets: Target[] = settings.contacts.map((_, index) => ({ kind: 'email', index }));
  if (settings.webhook) targets.push({ kind: 'webhook' });
  for (const target of targets) {
    const ref = newId();
    const value: AlertPayload = { userId, reason, at: now.toISOString(), target };
    const payload = JSON.stringify({ ref, sealed: await ctx.sealer.seal(payloadAt(ref), JSON.stringify(value)) });
    await ctx.jobs.enqueue({ kind: ALERT_JOB, runAt, payload }, db);
  }
  return true;
}

/** A webhook that did not answer 2xx: the job runner tries again later. */
export class WebhookFailedError extends Error {
  override name = 'WebhookFailedError';
}

/** Sends one destination's alert; the settings are read now, so a contact removed since is not written to. */
export async function runAlertJob(ctx: AppContext, job: Job): Promise<void> {
  const { ref, sealed } = JSON.parse(job.payload ?? '{}') as { ref: string; sealed: string };
  const alert = JSON.parse(await ctx.sealer.open(payloadAt(ref), sealed)) as AlertPayload;
  const settings = await readAlertSettings(ctx, alert.userId);
  if (!settings) return;
  if (alert.target.kind === 'webhook') {
    if (settings.webhook) await postWebhook(ctx, settings.webhook, alert, settings.message);
    return;
  }
  const to = settings.contacts[alert.target.index];
  if (!to) return;
  const t = translator(settings.locale);
  const text = [t(`alert.mail.${alert.reason}`), '', settings.message, '', t('alert.mail.footer')].join('\n');
  await ctx.mailer.send({ to, subject: t('alert.mail.subject'), text });
}

/** A webhook whose host is not on the public internet (the server's own network): never posted to. */
export class WebhookRefusedError extends Error {
  override name = 'WebhookRefusedError';
}

async function postWebhook(ctx: AppContext, url: string, alert: AlertPayload, message: string): Promise<void> {
  if (!ctx.config.webhookPrivate && !(await resolvesToPublic(new URL(url).hostname)))
    throw new WebhookRefusedError('the webhook is not on a public address');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: alert.reason, at: alert.at, message }),
    redirect: 'error',
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (!response.ok) throw new WebhookFailedError(`webhook answered ${response.status}`);
}
