// Threat sharing from a case (issue 14 §3): handlers record the indicators a case brought to light
// (phishing domains, sender addresses, links, hashes) as a helpline-only message, download them as a
// STIX 2.1 bundle or a MISP event for CERTs and other helplines, and record the case as a monitor event.
// Nothing the requester gave to reach them, and no name of a person, ever leaves through these.
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { actorId, type Actor } from '../../platform/access.ts';
import { fail, ok, problem, ValidationError, type Result } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import { parseIndicators, type Indicator } from '../../platform/indicators/indicators.ts';
import { mispEvent } from '../../platform/indicators/misp.ts';
import { indicatorBundle } from '../../platform/indicators/stix.ts';
import { DEFAULT_TLP, TLP_LEVELS, uuidv5 } from '../../platform/stix.ts';
import { orgSummary } from '../accounts/orgs/service.ts';
import { addMessage, auditCase, handlersCase } from './desk.ts';
import type { CaseMessage } from './model.ts';

/** The most a pasted list may be: some thousand indicators, not a whole mailbox. */
export const MAX_INDICATORS_TEXT = 50_000;
/** How many rejected lines the problem names; the rest are counted. */
const NAMED_REJECTS = 10;

/**
 * Records the indicators pasted into the form (one a line) as a message only the helpline can open.
 * Any line that is not an indicator fails the whole form, with the lines' numbers and text, so the
 * handler corrects them with nothing half-saved.
 */
export async function recordIndicators(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  caseId: string,
  fields: { indicators?: unknown },
): Promise<Result<{ count: number }>> {
  const { helpline } = await handlersCase(ctx, actor, orgId, caseId);
  const text = typeof fields.indicators === 'string' ? fields.indicators : '';
  if (text.length > MAX_INDICATORS_TEXT)
    return fail(problem('indicators', 'validation.tooLong', { max: MAX_INDICATORS_TEXT }));
  const { indicators, rejected } = parseIndicators(text);
  if (rejected.length > 0) {
    const named = rejected.slice(0, NAMED_REJECTS).map((r) => `${r.line}: ${r.text}`);
    const more = rejected.length - named.length;
    return fail(
      problem('indicators', 'cases.indicators.rejected', {
        count: rejected.length,
        lines: named.join(' · ') + (more > 0 ? ` (+${more})` : ''),
      }),
    );
  }
  if (indicators.length === 0) return fail(problem('indicators', 'cases.indicators.empty'));
  const at = ctx.clock.now().toISOString();
  await addMessage(
    ctx,
    helpline.doc.publicKey,
    caseId,
    { kind: 'indicators', at, by: actorId(actor), indicators },
    true,
  );
  await auditCase(ctx, actor, orgId, 'cases.indicators', caseId);
  return ok({ count: indicators.length });
}

/** Every indicator recorded in the case, each once, and when the first of them was recorded. */
export function caseIndicators(messages: readonly CaseMessage[]): { indicators: Indicator[]; since: string | null } {
  const seen = new Map<string, Indicator>();
  let since: string | null = null;
  for (const m of messages) {
    if (m.body.kind !== 'indicators') continue;
    since ??= m.body.at;
    for (const i of m.body.indicators) if (!seen.has(`${i.kind} ${i.value}`)) seen.set(`${i.kind} ${i.value}`, i);
  }
  return { indicators: [...seen.values()], since };
}

export const INDICATOR_FORMATS = ['stix', 'misp'] as const;
export type IndicatorFormat = (typeof INDICATOR_FORMATS)[number];
export { TLP_LEVELS, DEFAULT_TLP };
export const PRODUCERS = ['anonymous', 'organisation'] as const;

const exportChoiceSchema = z.object({
  tlp: z.enum(TLP_LEVELS).default(DEFAULT_TLP),
  producer: z.enum(PRODUCERS).default('anonymous'),
});

export interface IndicatorFile {
  body: string;
  contentType: string;
  filename: string;
}

/**
 * The case's indicators as a file for CERTs. Ids and the MISP event's UUID rest on a keyed hash of the
 * case's id under the organisation's key: stable from one export to the next, so a consumer updates
 * what it holds, yet no recipient can tell the case's id from them. `info` is the MISP event's summary.
 */
export async function exportCaseIndicators(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  caseId: string,
  format: IndicatorFormat,
  raw: Record<string, unknown>,
  info: string,
): Promise<IndicatorFile> {
  const { entry, messages } = await handlersCase(ctx, actor, orgId, caseId);
  const parsed = exportChoiceSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(formProblems(parsed.error));
  const { tlp, producer } = parsed.data;
  const { indicators, since } = caseIndicators(messages);
  const caseKey = ctx.keyring.tag(orgId, `cases:indicators:${caseId}`);
  const created = new Date(since ?? entry.openedAt);
  let file: IndicatorFile;
  if (format === 'stix') {
    const named = producer === 'organisation' ? { name: (await orgSummary(ctx, actor, orgId)).name, key: orgId } : null;
    const bundle = indicatorBundle(indicators, { tlp, producer: named, caseKey, created });
    file = {
      body: JSON.stringify(bundle, null, 2) + '\n',
      contentType: 'application/stix+json;version=2.1',
      filename: 'case-indicators.stix.json',
    };
  } else {
    const event = mispEvent(indicators, { tlp, info, date: created, uuid: uuidv5(`misp-event:case:${caseKey}`) });
    file = {
      body: JSON.stringify(event, null, 2) + '\n',
      contentType: 'application/json; charset=utf-8',
      filename: 'case-indicators.misp.json',
    };
  }
  await auditCase(ctx, actor, orgId, 'cases.export', caseId);
  return file;
}

/** What the monitor's new-event form starts from when a handler records the case as an event. */
export interface CaseEventDraft {
  /** The first line of what the requester wrote. */
  title: string;
  /** What the requester wrote: the request and their later messages, never how to reach them. */
  description: string;
  /** The day the case was opened (YYYY-MM-DD): when the helpline heard of it. */
  openedOn: string;
  indicators: Indicator[];
}

const TITLE_MAX = 120;

export async function caseEventDraft(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  caseId: string,
): Promise<CaseEventDraft> {
  const { entry, messages } = await handlersCase(ctx, actor, orgId, caseId);
  // The request's text and the requester's own messages only: not the contact, not the answers from
  // "Get help now", not the handlers' replies and notes.
  const written = messages.flatMap((m) =>
    m.body.kind === 'intake' ? [m.body.what] : m.body.kind === 'requester' ? [m.body.text] : [],
  );
  const firstLine = (written[0] ?? '').split('\n')[0]!.trim();
  return {
    title: firstLine.length > TITLE_MAX ? `${firstLine.slice(0, TITLE_MAX - 1)}…` : firstLine,
    description: written.join('\n\n'),
    openedOn: entry.openedAt.slice(0, 10),
    indicators: caseIndicators(messages).indicators,
  };
}
