// An assessment as Markdown: to print, to keep offline, or to discuss with a trusted adviser.
import { formatDate, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { pick } from '../../../platform/i18n/localized.ts';
import { md } from '../format.ts';
import type { Instrument } from './instrument.ts';
import type { DomainScore } from './scoring.ts';
import type { Assessment } from './service.ts';

/**
 * Vulnerability and capacity as the table shows them. An area with no threat rated has no score, so
 * nothing was assumed for it: only what was answered is shown, the rest is a dash.
 */
function figures(s: DomainScore): [string, string] {
  if (s.risk !== null) return [String(s.vulnerability), String(s.capacityUsed)];
  return [
    s.assumptions.includes('vulnerability-missing') ? '–' : String(s.vulnerability),
    s.assumptions.includes('capacity-missing') ? '–' : String(s.capacity),
  ];
}

export function toMarkdown(a: Assessment, instrument: Instrument, locale: Locale, t: Translate): string {
  const text = (l: Parameters<typeof pick>[0]) => md(pick(l, locale).text);
  const out: string[] = [];
  out.push(`# ${t('assess.title')}: ${t('assess.of', { date: formatDate(locale, a.createdAt) })}`, '');
  out.push(
    a.status === 'open'
      ? t('assess.status.open')
      : t('assess.status.closed', { date: formatDate(locale, a.closedAt!) }),
    '',
  );
  out.push(`${t('assess.formula.text')}`, '');
  out.push(
    `| ${t('assess.domain')} | ${t('assess.level')} | ${t('assess.risk')} | ${t('assess.threat')} | ${t('assess.vulnerability')} | ${t('assess.capacity')} |`,
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const s of a.scores) {
    const d = instrument.domains.find((x) => x.id === s.domain)!;
    out.push(
      `| ${text(d.title)} | ${t(`assess.band.${s.band}`)} | ${s.risk ?? '–'} | ${s.threat ?? '–'} | ${figures(s).join(' | ')} |`,
    );
  }
  for (const d of instrument.domains) {
    const score = a.scores.find((s) => s.domain === d.id);
    out.push('', `## ${text(d.title)}`, '');
    if (score && score.risk === null) out.push(t('assess.notAssessed'), '');
    // An assessed area's figures may rest on an assumption (an unanswered part): say which.
    if (score && score.risk !== null)
      for (const assumption of score.assumptions) out.push(`_${t(`assess.assumption.${assumption}`)}_`, '');
    for (const q of d.threats) {
      const ans = a.answers[q.id];
      out.push(
        `- ${text(q.text)}: ${ans && 'likelihood' in ans ? `${t('assess.likelihood')} ${ans.likelihood ?? '–'}, ${t('assess.impact')} ${ans.impact ?? '–'}` : t('assess.skipped')}`,
      );
    }
    for (const q of [...d.vulnerabilities, ...d.capacities]) {
      const ans = a.answers[q.id];
      out.push(
        `- ${text(q.text)}: ${ans && 'level' in ans && ans.level !== undefined ? ans.level : t('assess.skipped')}`,
      );
    }
    if (a.notes[d.id]) out.push('', `${t('assess.note')}: ${md(a.notes[d.id]!)}`);
  }
  out.push('', `## ${t('assess.context')}`);
  for (const q of instrument.context)
    out.push('', `### ${text(q.text)}`, '', a.context[q.id] ? md(a.context[q.id]!) : t('assess.skipped'));
  return out.join('\n') + '\n';
}
