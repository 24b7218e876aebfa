// Threat sharing on the handler's case page: the form that records indicators from the case (kept for
// the helpline only), the download of all of them as STIX 2.1 or MISP with the TLP chosen, and the way
// to the monitor's event form filled in from the case.
import type { Problems } from '../../../platform/errors.ts';
import type { Indicator } from '../../../platform/indicators/indicators.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { PostForm, SelectField, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { DEFAULT_TLP, MAX_INDICATORS_TEXT, PRODUCERS, TLP_LEVELS } from '../service.ts';

/** The indicators of one message, as recorded: each value as written for machines, left to right. */
export function IndicatorList({ indicators, t }: { indicators: readonly Indicator[]; t: Translate }) {
  return (
    <ul class="indicators">
      {indicators.map((i) => (
        <li>
          {t(`cases.indicators.kind.${i.kind}`)}: <code dir="ltr">{i.value}</code>
          {i.note && (
            <span class="meta" dir="auto">
              {' '}
              · {i.note}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ThreatSharing(p: {
  t: Translate;
  csrf: string;
  /** The case's address: /{locale}/orgs/{orgId}/helpline/cases/{caseId} */
  here: string;
  /** The new-event form of the organisation's monitor, filled in from this case. */
  monitorHref: string;
  hasIndicators: boolean;
  values: FormValues;
  problems: Problems;
}) {
  const { t } = p;
  return (
    <section aria-labelledby="indicators-title">
      <h2 id="indicators-title">{t('cases.indicators.title')}</h2>
      <p>{t('cases.indicators.lead')}</p>
      <PostForm action={`${p.here}/indicators`} csrf={p.csrf}>
        <TextField
          name="indicators"
          label={t('cases.indicators.label')}
          hint={t('cases.indicators.hint')}
          values={p.values}
          problems={p.problems}
          t={t}
          multiline
          max={MAX_INDICATORS_TEXT}
        />
        <p>
          <button class="button" type="submit">
            {t('cases.indicators.record')}
          </button>
        </p>
      </PostForm>
      {p.hasIndicators && (
        <form method="get" action={`${p.here}/indicators.stix.json`}>
          <SelectField
            name="tlp"
            label={t('cases.indicators.tlp')}
            options={TLP_LEVELS.map((l): [string, string] => [l, `TLP:${l.toUpperCase()}`])}
            values={{ tlp: DEFAULT_TLP }}
            problems={{}}
            t={t}
          />
          <SelectField
            name="producer"
            label={t('cases.indicators.producer')}
            hint={t('cases.indicators.producerHint')}
            options={PRODUCERS.map((o): [string, string] => [o, t(`monitor.out.producer.${o}`)])}
            values={{ producer: 'anonymous' }}
            problems={{}}
            t={t}
          />
          <p class="actions">
            <button class="button" type="submit">
              {t('cases.indicators.stix')}
            </button>
            <button class="button" type="submit" formaction={`${p.here}/indicators.misp.json`}>
              {t('cases.indicators.misp')}
            </button>
          </p>
        </form>
      )}
      <h3>{t('cases.monitor.title')}</h3>
      <p>{t('cases.monitor.lead')}</p>
      <p>
        <a href={p.monitorHref}>{t('cases.monitor.link')}</a>
      </p>
    </section>
  );
}
