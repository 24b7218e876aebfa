// An organisation follows countries and kinds of the legislation tracker; a new entry or a new stage in
// them is mailed (alerts.ts) to its owners and admins, or to the members who opt in. The follow list is
// sealed under the server key, so the alerts job reads it with nobody signed in, and it holds account
// ids, the countries and kinds and the mail language: never the organisation's id or name (decision 0014).
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { fail, ForbiddenError, NotFoundError, ok, problem, type Result } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import { newId } from '../../platform/ids.ts';
import { withRetries } from '../../platform/sealed-documents.ts';
import { sealAt } from '../../platform/sealer.ts';
import { activeMembers } from '../accounts/orgs/service.ts';
import { isKnownCountry } from '../countries/service.ts';
import * as q from './queries.ts';
import { ALERTS_JOB, announcedNow, followTagOf, LEGISLATION_KINDS, type LegislationKind } from './service.ts';

export const AUDIENCES = ['admins', 'optin'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What the alerts job reads: account ids, countries, kinds and language, never more. */
export interface FollowList {
  countries: string[];
  /** Empty: every kind. */
  kinds: LegislationKind[];
  locale: Locale;
  audience: Audience;
  /** The owners and admins when the list was last saved or membership last changed. */
  admins: string[];
  optedIn: string[];
}

export const DAY = 24 * 3600_000;
export const DAILY_KEY = `${ALERTS_JOB}:daily`;
const followAt = (id: string) => sealAt.platform('legislation_follows', 'follow', id);
const announcedAt = (id: string) => sealAt.platform('legislation_follows', 'announced', id);

export const recipientsOf = (list: FollowList) => (list.audience === 'admins' ? list.admins : list.optedIn);

export const openFollow = async (ctx: AppContext, row: q.FollowRow) =>
  JSON.parse(await ctx.sealer.open(followAt(row.id), row.follow)) as FollowList;
export const openAnnounced = async (ctx: AppContext, row: q.FollowRow) =>
  JSON.parse(await ctx.sealer.open(announcedAt(row.id), row.announced)) as string[];
export const sealAnnounced = (ctx: AppContext, id: string, steps: string[]) =>
  ctx.sealer.seal(announcedAt(id), JSON.stringify(steps));

const codes = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .toUpperCase()
          .split(/[\s,;]+/)
          .filter(Boolean)
      : v,
  z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .min(1)
    .max(60),
);
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined ? [] : typeof v === 'string' ? [v] : v), z.array(z.enum(values)));
export const followSchema = z.object({
  countries: codes,
  kinds: list(LEGISLATION_KINDS),
  locale: z.enum(LOCALES),
  audience: z.enum(AUDIENCES),
});
export type FollowInput = Record<string, string | string[]>;

/** The follow as its form shows it, and whether the member asking has opted in. */
export async function followSettings(ctx: AppContext, actor: Actor, orgId: string) {
  requireAccess(actor, 'org:read', { orgId });
  const row = isDecoy(actor) ? undefined : await q.followOfOrg(ctx.db, followTagOf(ctx, orgId));
  const found = row && (await openFollow(ctx, row));
  return {
    follow: found,
    optedIn: Boolean(found && actor.kind === 'user' && found.optedIn.includes(actor.userId)),
  };
}

/** Saves what the organisation follows; the first save counts every entry as already announced. */
export async function saveFollow(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  fields: FollowInput,
): Promise<Result<void>> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new ForbiddenError('a decoy workspace keeps nothing');
  const parsed = followSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const { countries, kinds, locale, audience } = parsed.data;
  for (const c of countries)
    if (!(await isKnownCountry(ctx, actor, c))) return fail(problem('countries', 'validation.choice'));
  const admins = (await activeMembers(ctx, actor, orgId)).filter((m) => m.role === 'owner' || m.role === 'admin');
  const base = { countries: [...new Set(countries)].sort(), kinds, locale, audience, admins: admins.map((m) => m.id) };
  const id = await changeFollow(ctx, orgId, (old) => ({ ...base, optedIn: old?.optedIn ?? [] }));
  await ctx.jobs.enqueue({
    kind: ALERTS_JOB,
    runAt: new Date(ctx.clock.now().getTime() + DAY),
    payload: '{"daily":true}',
    uniqueKey: DAILY_KEY,
  });
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'legislation.follow', objectType: 'legislation_follow', objectId: id, orgId },
    ctx.clock.now(),
  );
  return ok(undefined);
}

/** A member asks for the alerts (when the follow goes to those who opt in) or stops them. */
export async function setFollowOptIn(ctx: AppContext, actor: Actor, orgId: string, on: boolean): Promise<void> {
  requireAccess(actor, 'org:read', { orgId });
  if (actor.kind !== 'user' || isDecoy(actor)) throw new ForbiddenError('only a member opts in');
  const userId = actor.userId;
  await changeFollow(ctx, orgId, (old) => {
    if (!old) throw new NotFoundError('the organisation follows nothing');
    const others = old.optedIn.filter((u) => u !== userId);
    return { ...old, optedIn: on ? [...others, userId] : others };
  });
}

/**
 * After a membership change (an admin signed in): the owners and admins as they are now, and only
 * members still active among those who opted in.
 */
export async function refreshFollowPeople(ctx: AppContext, actor: Actor, orgId: string): Promise<void> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor) || !(await q.followOfOrg(ctx.db, followTagOf(ctx, orgId)))) return;
  const members = await activeMembers(ctx, actor, orgId);
  const active = new Set(members.map((m) => m.id));
  const admins = members.filter((m) => m.role === 'owner' || m.role === 'admin').map((m) => m.id);
  await changeFollow(ctx, orgId, (old) => {
    if (!old) throw new NotFoundError('the organisation follows nothing');
    return { ...old, admins, optedIn: old.optedIn.filter((u) => active.has(u)) };
  });
}

/** Writes the follow list (compare-and-swap); a new row starts with everything current announced. */
async function changeFollow(
  ctx: AppContext,
  orgId: string,
  change: (old: FollowList | undefined) => FollowList,
): Promise<string> {
  return withRetries(async () => {
    const tag = followTagOf(ctx, orgId);
    const row = await q.followOfOrg(ctx.db, tag);
    const id = row?.id ?? newId(20);
    const follow = await ctx.sealer.seal(followAt(id), JSON.stringify(change(row && (await openFollow(ctx, row)))));
    if (row) return (await q.swapFollow(ctx.db, id, row.revision, { follow, revision: newId(12) })) ? id : undefined;
    const announced = await sealAnnounced(ctx, id, await announcedNow(ctx));
    await q.insertFollow(ctx.db, { id, org_tag: tag, follow, announced, revision: newId(12) });
    return id;
  });
}
