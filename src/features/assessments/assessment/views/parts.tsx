// Pieces shared by the assessment pages: a domain's score with its arithmetic, the band badge.
import type { Locale, Translate } from '../../../../platform/i18n/index.ts';
import { T } from '../../../../ui/components/localized.tsx';
import type { Domain } from '../instrument.ts';
import { n } from '../../format.ts';
import type { DomainScore } from '../scoring.ts';

/** What every assessment page is given: the reader's locale and catalog, and the organisation's base URL. */
export interface Base {
  locale: Locale;
  t: Translate;
  base: string;
}

export function Badge({ score, t }: { score: DomainScore; t: Translate }) {
  return <span class={`badge band-${score.band}`}>{t(`assess.band.${score.band}`)}</span>;
}

/** "Risk 12 = threat 4 × vulnerability 4.5 ÷ capacity 1.5", and why, in words. */
export function Arithmetic({
  score,
  domain,
  locale,
  t,
}: {
  score: DomainScore;
  domain: Domain;
  locale: Locale;
  t: Translate;
}) {
  if (score.risk === null) return <p class="hint">{t('assess.notAssessed')}</p>;
  const worst = domain.threats.find((q) => q.id === score.worstThreat);
  return (
    <>
      <p class="arithmetic" dir="ltr">
        <span>
          {t('assess.risk')} {n(locale, score.risk)}
        </span>{' '}
        ={' '}
        <span>
          {t('assess.threat')} {n(locale, score.threat!)}
        </span>{' '}
        ×{' '}
        <span>
          {t('assess.vulnerability')} {n(locale, score.vulnerability)}
        </span>{' '}
        ÷{' '}
        <span>
          {t('assess.capacity')} {n(locale, score.capacityUsed)}
        </span>
      </p>
      {worst && (
        <p class="hint">
          {t('assess.worstThreat')} <T text={worst.text} locale={locale} />
        </p>
      )}
      {score.assumptions.map((a) => (
        <p class="hint">{t(`assess.assumption.${a}`)}</p>
      ))}
    </>
  );
}

export function ScoreTable({
  scores,
  domains,
  locale,
  t,
}: {
  scores: DomainScore[];
  domains: Domain[];
  locale: Locale;
  t: Translate;
}) {
  return (
    <table class="scores stack">
      <thead>
        <tr>
          <th scope="col">{t('assess.domain')}</th>
          <th scope="col">{t('assess.level')}</th>
          <th scope="col">{t('assess.why')}</th>
        </tr>
      </thead>
      <tbody>
        {scores.map((s) => {
          const domain = domains.find((d) => d.id === s.domain)!;
          return (
            <tr class={`band-row band-${s.band}`}>
              <th scope="row">
                <T text={domain.title} locale={locale} />
              </th>
              <td>
                <Badge score={s} t={t} />
              </td>
              <td>
                <Arithmetic score={s} domain={domain} locale={locale} t={t} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
