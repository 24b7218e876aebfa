// Suggestions from the public go to a moderation queue, never straight into the directory.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { purgeErased } from '../../db/client.ts';
import { actorId, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, fail, NotFoundError, ok, problem, type Result } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import { hit } from '../../platform/rate-limit.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { sealAt, type SealAddress } from '../../platform/sealer.ts';
import { addMechanism, listDirectory, mechanismSchema, type Mechanism } from '../directory/service.ts';
import { suggestionFormSchema, type SuggestionInput, type SuggestionPayload } from './input.ts';
import {
  decideSuggestion,
  findSuggestion,
  insertSuggestion,
  listSuggestions as listRows,
  type Status,
  type SuggestionRow,
} from './queries.ts';

export interface Suggestion extends Omit<SuggestionRow, 'sealedPayload'> {
  payload: SuggestionPayload;
}

const payloadAt = (rowId: string): SealAddress => sealAt.platform('suggestions', 'payload', rowId);

/** Short, unguessable, easy to read aloud over a phone line (no 0/O, 1/l). */
function newId(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** `locale` is the language of the page the person wrote from: their text is kept as written in it. */
export async function submitSuggestion(
  ctx: AppContext,
  actor: Actor,
  fields: SuggestionInput,
  locale: Locale = 'en',
): Promise<Result<{ id: string }>> {
  requireAccess(actor, 'suggestion:create');
  const parsed = suggestionFormSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const { kind, mechanism, ...payload } = parsed.data;
  if (kind === 'correction') {
    const known = (await listDirectory(ctx, actor)).some((m) => m.id === mechanism);
    if (!known) return fail(problem('mechanism', 'validation.unknownMechanism'));
  }
  await hit(ctx.db, 'suggestions', ctx.config.suggestionsPerHour, 60 * 60 * 1000, ctx.clock.now());
  const id = newId();
  await insertSuggestion(ctx.db, {
    id,
    kind,
    mechanismId: kind === 'correction' ? mechanism : null,
    sealedPayload: await ctx.sealer.seal(
      payloadAt(id),
      JSON.stringify({ ...payload, locale } satisfies SuggestionPayload),
    ),
    createdAt: ctx.clock.now(),
  });
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'suggestion.create', objectType: 'suggestion', objectId: id },
    ctx.clock.now(),
  );
  return ok({ id });
}

async function open(ctx: AppContext, row: SuggestionRow): Promise<Suggestion> {
  const { sealedPayload, ...rest } = row;
  return { ...rest, payload: JSON.parse(await ctx.sealer.open(payloadAt(row.id), sealedPayload)) as SuggestionPayload };
}

export async function listSuggestions(
  ctx: AppContext,
  actor: Actor,
  status: Status | 'all' = 'pending',
  limit = 200,
): Promise<Suggestion[]> {
  requireAccess(actor, 'suggestion:moderate');
  return Promise.all((await listRows(ctx.db, status, limit)).map((row) => open(ctx, row)));
}

async function pending(ctx: AppContext, id: string): Promise<Suggestion> {
  const row = await findSuggestion(ctx.db, id);
  if (!row) throw new NotFoundError(`no suggestion ${id}`);
  if (row.status !== 'pending') throw new ConflictError(`suggestion ${id} is already ${row.status}`);
  return open(ctx, row);
}

/** The decision erases the person's contact details: they were only kept to reply. */
async function decide(
  ctx: AppContext,
  actor: Actor,
  s: Suggestion,
  status: 'approved' | 'rejected' | 'merged',
  reason: string | null,
  mechanismId?: string,
): Promise<void> {
  const sealedPayload = await ctx.sealer.seal(payloadAt(s.id), JSON.stringify({ ...s.payload, contact: '' }));
  if (
    !(await decideSuggestion(ctx.db, s.id, {
      status,
      reason,
      sealedPayload,
      decidedAt: ctx.clock.now(),
      ...(mechanismId ? { mechanismId } : {}),
    }))
  ) {
    throw new ConflictError(`suggestion ${s.id} was decided meanwhile`);
  }
  const action = `suggestion.${status === 'approved' ? 'approve' : status === 'rejected' ? 'reject' : 'merge'}`;
  await audit(ctx.db, { actor: actorId(actor), action, objectType: 'suggestion', objectId: s.id }, ctx.clock.now());
  // The old payload, contact included, must not stay in the WAL.
  if (!(await purgeErased(ctx.db)))
    ctx.logger.warn('the database was busy: the erased contact stays in the WAL until the next checkpoint');
}

export function slugify(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'mechanism'
  );
}

export interface ApproveOptions {
  id?: string;
  /** The English summary, needed when the sender wrote in another language (every record has English). */
  summaryEn?: string;
  kinds?: string[];
  serves?: string[];
  regions?: string[];
}

/**
 * Approving a new resource adds it to the directory with what the person gave, completed by the
 * curator's options; a correction is marked approved for the curator to apply to the record.
 */
export async function approveSuggestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  options: ApproveOptions = {},
): Promise<Result<{ mechanismId: string | null }>> {
  requireAccess(actor, 'suggestion:moderate');
  const s = await pending(ctx, id);
  if (s.kind === 'correction') {
    await decide(ctx, actor, s, 'approved', null);
    return ok({ mechanismId: s.mechanismId });
  }
  const today = ctx.clock.now().toISOString().slice(0, 10);
  // The sender's words stay in the language they wrote them in; English comes from the curator.
  const written = s.payload.locale ?? 'en';
  const details = s.payload.details.slice(0, 700);
  const english = written === 'en' ? details : options.summaryEn?.trim().slice(0, 700);
  if (!english) return fail(problem('summaryEn', 'validation.summaryInEnglish', { language: written }));
  const candidate = mechanismSchema.safeParse({
    id: options.id ?? slugify(s.payload.name),
    name: s.payload.name,
    operator: s.payload.operator || undefined,
    summary: written === 'en' ? { en: details } : { en: english, [written]: details },
    kinds: options.kinds ?? s.payload.kinds,
    serves: options.serves ?? s.payload.serves,
    regions: options.regions ?? s.payload.regions,
    contact: { website: s.payload.website },
    verifiedAt: today,
    source: [{ title: `Community suggestion ${s.id}, approved ${today}` }],
    version: 1,
  });
  if (!candidate.success) return fail(formProblems(candidate.error));
  const record: Mechanism = candidate.data;
  await addMechanism(ctx, actor, record, 'suggestion');
  await decide(ctx, actor, s, 'approved', null);
  return ok({ mechanismId: record.id });
}

export async function rejectSuggestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  reason: string,
): Promise<Result<null>> {
  requireAccess(actor, 'suggestion:moderate');
  if (reason.trim().length < 3) return fail(problem('reason', 'validation.tooShort', { min: 3 }));
  await decide(ctx, actor, await pending(ctx, id), 'rejected', reason.trim());
  return ok(null);
}

/** A suggestion that duplicates a record already listed: it is folded into that record for the curator to edit. */
export async function mergeSuggestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  mechanismId: string,
): Promise<Result<null>> {
  requireAccess(actor, 'suggestion:moderate');
  const known = (await listDirectory(ctx, actor)).some((m) => m.id === mechanismId);
  if (!known) return fail(problem('mechanism', 'validation.unknownMechanism'));
  await decide(ctx, actor, await pending(ctx, id), 'merged', null, mechanismId);
  return ok(null);
}
