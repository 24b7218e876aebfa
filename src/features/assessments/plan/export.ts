// The action plan as Markdown: to print, to keep offline, or to share with whoever does the work.
import { formatDate, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { pick } from '../../../platform/i18n/localized.ts';
import type { Instrument, RecommendedAction } from '../assessment/service.ts';
import { md } from '../format.ts';
import type { PlanAction } from './service.ts';

/** The action plan as Markdown: each action, why it was proposed, who, when, where it stands. */
export function planToMarkdown(
  actions: PlanAction[],
  instrument: Instrument,
  catalog: Map<string, RecommendedAction>,
  owners: Map<string, string>,
  locale: Locale,
  t: Translate,
): string {
  const domainTitle = (id: string) => {
    const d = instrument.domains.find((x) => x.id === id);
    return d ? pick(d.title, locale).text : id;
  };
  const out = [`# ${t('plan.title')}`, ''];
  const done = actions.filter((a) => a.status === 'done').length;
  out.push(t('plan.progress.text', { done, total: actions.filter((a) => a.status !== 'dropped').length }), '');
  for (const a of actions) {
    const action = catalog.get(a.actionId);
    out.push(`## ${action ? md(pick(action.title, locale).text) : a.actionId}`, '');
    out.push(`- ${t('plan.status')}: ${t(`plan.status.${a.status}`)}${a.overdue ? ` (${t('plan.overdue')})` : ''}`);
    out.push(`- ${t('plan.owner')}: ${a.ownerId ? md(owners.get(a.ownerId) ?? a.ownerId) : t('plan.owner.none')}`);
    out.push(`- ${t('plan.due')}: ${a.dueOn ? formatDate(locale, a.dueOn) : '–'}`);
    out.push(
      `- ${t('plan.why', { domain: domainTitle(a.reason.domain), band: t(`assess.band.${a.reason.band}`), risk: a.reason.risk })}`,
    );
    if (a.notes) out.push('', md(a.notes));
    out.push('');
  }
  return out.join('\n');
}
