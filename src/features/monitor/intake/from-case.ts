// "Record as a monitor event" from a helpline case (issue 14 §3): the new-event form starts from what
// the requester wrote, with the case as a witness source. The helpline's service gives only the
// requester's words, the day and the indicators; how to reach the requester, the handlers' notes and
// the names of the people handling it never reach the event.
import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../platform/access.ts';
import { caseEventDraft } from '../../cases/service.ts';
import type { EventInput } from '../model.ts';
import { monitorVocabulary } from '../service.ts';
import { witnessSource } from './input.ts';

/** The violation type a case with indicators is recorded as; the person may change it. */
export const CASE_ATTACK_TYPE = 'online-attack';
/** The act's note (one line) lists the indicators' values, within the note's limit (monitor/model.ts). */
const NOTE_MAX = 2000;

export async function caseAsEventDraft(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  caseId: string,
): Promise<Partial<EventInput>> {
  const d = await caseEventDraft(ctx, actor, orgId, caseId);
  const right = monitorVocabulary(ctx).violations.find((v) => v.id === CASE_ATTACK_TYPE)?.right ?? '';
  let note = '';
  for (const i of d.indicators)
    if (note.length + i.value.length + 2 <= NOTE_MAX) note += `${note ? ', ' : ''}${i.value}`;
  return {
    title: d.title,
    description: d.description,
    acts: d.indicators.length > 0 ? [{ type: CASE_ATTACK_TYPE, mode: 'commission', right, note }] : [],
    parties: [],
    sources: [witnessSource(d.openedOn)],
  };
}
