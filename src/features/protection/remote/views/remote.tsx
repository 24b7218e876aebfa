// The remote trigger's pages: what it does and cannot do, the owners' settings, the trusted members'
// list of colleagues to report, the pending reports an owner or admin may withdraw, and the confirmation.
import type { Problems } from '../../../../platform/errors.ts';
import { formatDateTime, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, Problem, str, type FormValues } from '../../../../ui/components/form.tsx';
import type { remoteOverview, reportSummary } from '../service.ts';

type Overview = Awaited<ReturnType<typeof remoteOverview>>;
type Summary = Awaited<ReturnType<typeof reportSummary>>;

function Status({ t, o }: { t: Translate; o: Overview }) {
  if (o.threshold === null) return <p>{t('remote.off')}</p>;
  return (
    <p>
      {t('remote.on', { threshold: o.threshold, trusted: o.trustedCount })}
      {o.iAmTrusted && <> {t('remote.youAreTrusted')}</>}
    </p>
  );
}

function Settings(props: {
  t: Translate;
  csrf: string;
  base: string;
  o: Overview;
  values: FormValues;
  problems: Problems;
}) {
  const { t, o, values, problems } = props;
  const chosen = Array.isArray(values.trusted) ? values.trusted : values.trusted ? [values.trusted] : o.trusted;
  return (
    <section aria-labelledby="remote-settings">
      <h2 id="remote-settings">{t('remote.settings')}</h2>
      <ErrorSummary problems={problems} t={t} order={['_form', 'trusted', 'threshold']} />
      <PostForm action={`${props.base}/settings`} csrf={props.csrf}>
        <fieldset class={problems.trusted ? 'field has-error' : 'field'} id="trusted">
          <legend>{t('remote.trusted')}</legend>
          <p class="hint">{t('remote.trusted.hint')}</p>
          <Problem name="trusted" problems={problems} t={t} />
          {o.candidates.map((m) => (
            <label class="check">
              <input type="checkbox" name="trusted" value={m.id} checked={chosen.includes(m.id)} /> {m.name}
            </label>
          ))}
        </fieldset>
        <div class={problems.threshold ? 'field has-error' : 'field'}>
          <label for="threshold">{t('remote.threshold')}</label>
          <p class="hint" id="threshold-hint">
            {t('remote.threshold.hint')}
          </p>
          <Problem name="threshold" problems={problems} t={t} />
          <input
            id="threshold"
            name="threshold"
            type="number"
            min="1"
            max="100"
            value={str(values.threshold) || String(o.threshold ?? 2)}
            aria-describedby="threshold-hint"
          />
        </div>
        <p>
          <button class="button" type="submit">
            {t('remote.settings.submit')}
          </button>
        </p>
      </PostForm>
    </section>
  );
}

function Pending(props: { locale: Locale; t: Translate; csrf: string; base: string; o: Overview }) {
  const { locale, t, o } = props;
  if (o.pending.length === 0) return null;
  return (
    <section aria-labelledby="remote-pending">
      <h2 id="remote-pending">{t('remote.pending')}</h2>
      <p>{t('remote.pending.lead')}</p>
      <ul>
        {o.pending.map((p) => (
          <li>
            {t('remote.pending.item', {
              name: p.name,
              count: p.count,
              threshold: o.threshold ?? 0,
              since: formatDateTime(locale, p.since),
            })}{' '}
            <PostForm action={`${props.base}/withdraw/${p.id}`} csrf={props.csrf} class="inline">
              <button class="link-button" type="submit">
                {t('remote.withdraw')}
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RemotePage(props: {
  locale: Locale;
  csrf: string;
  t: Translate;
  orgId: string;
  o: Overview;
  values: FormValues;
  problems: Problems;
  notice?: string;
}) {
  const { locale, t, o } = props;
  const base = `/${locale}/orgs/${props.orgId}/remote-trigger`;
  return (
    <>
      <h1>{t('remote.title')}</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <p class="lead">{t('remote.lead')}</p>
      <p>{t('remote.cannot')}</p>
      <Status t={t} o={o} />
      {o.threshold !== null && o.reportable.length > 0 && (
        <section aria-labelledby="remote-report">
          <h2 id="remote-report">{t('remote.report')}</h2>
          <p>{t('remote.report.lead')}</p>
          <ul>
            {o.reportable.map((m) => (
              <li>
                <a href={`${base}/report/${m.id}`}>{t('remote.report.link', { name: m.name })}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Pending locale={locale} t={t} csrf={props.csrf} base={base} o={o} />
      {o.candidates.length > 0 && (
        <Settings t={t} csrf={props.csrf} base={base} o={o} values={props.values} problems={props.problems} />
      )}
      <p>
        <a href={`/${locale}/orgs/${props.orgId}`}>{t('remote.back')}</a>
      </p>
    </>
  );
}

export function ReportPage(props: {
  locale: Locale;
  csrf: string;
  t: Translate;
  orgId: string;
  s: Summary;
  problems: Problems;
}) {
  const { locale, t, s } = props;
  const base = `/${locale}/orgs/${props.orgId}/remote-trigger`;
  const name = s.target.name;
  return (
    <>
      <h1>{t('remote.confirm.title', { name })}</h1>
      <ErrorSummary problems={props.problems} t={t} />
      <div class="warning" role="note">
        <p>
          <strong>{t('remote.confirm.when', { name })}</strong>
        </p>
        <p>{t('remote.confirm.what', { name, threshold: s.threshold })}</p>
        <p>{t('remote.confirm.final', { name })}</p>
      </div>
      <p>{t('remote.confirm.count', { count: s.count, threshold: s.threshold })}</p>
      {s.reported ? (
        <p>{t('remote.confirm.already')}</p>
      ) : (
        <PostForm action={`${base}/report/${s.target.id}`} csrf={props.csrf}>
          <p>
            <button class="button danger" type="submit">
              {t('remote.confirm.submit', { name })}
            </button>
          </p>
        </PostForm>
      )}
      <p>
        <a href={base}>{t('remote.confirm.cancel')}</a>
      </p>
    </>
  );
}
