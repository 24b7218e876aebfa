// The organisation's side of the public intake: the review queue and the form's settings.
import type { Problems } from '../../../../platform/errors.ts';
import { countryName, direction, formatDate, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, str, TextField, type FormValues } from '../../../../ui/components/form.tsx';
import type { IntakeQueue, IntakeReport } from '../service.ts';

interface Base {
  locale: Locale;
  t: Translate;
  /** /{locale}/orgs/{orgId} */
  base: string;
  orgName: string;
  csrf: string;
  notice?: string;
}

/** Someone else's words: in the language of the page they wrote from. */
const theirs = (locale: Locale) => ({ lang: locale, dir: direction(locale) });

function Report({
  r,
  locale,
  t,
  base,
  csrf,
  perpetrators,
}: { r: IntakeReport; perpetrators: Record<string, string> } & Omit<Base, 'orgName'>) {
  const facts: [string, string][] = [
    [t('intake.form.when'), r.when],
    [t('intake.form.country'), r.country && countryName(locale, r.country)],
    [t('intake.form.place'), r.place],
    [t('intake.form.perpetrator'), r.perpetrator && (perpetrators[r.perpetrator] ?? r.perpetrator)],
  ];
  return (
    <article class="card" aria-labelledby={`r-${r.id}`}>
      <h2 id={`r-${r.id}`}>{t('intake.queue.received', { day: formatDate(locale, r.day) })}</h2>
      <p class="prewrap" {...theirs(r.locale)}>
        {r.what}
      </p>
      <dl class="facts">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
        <dt>{t('intake.form.contact')}</dt>
        <dd dir="auto">{r.contact || t('intake.queue.noContact')}</dd>
      </dl>
      {r.additions.length > 0 && (
        <section aria-label={t('intake.queue.additions')}>
          <h3>{t('intake.queue.additions')}</h3>
          {r.additions.map((a) => (
            <div class="notice">
              <p class="meta">{t('intake.queue.received', { day: formatDate(locale, a.day) })}</p>
              <p class="prewrap" {...theirs(a.locale)}>
                {a.text}
              </p>
            </div>
          ))}
        </section>
      )}
      <div class="actions">
        <a class="button" href={`${base}/monitor/events/new?from=report:${r.id}`}>
          {t('intake.queue.record')}
        </a>
        <PostForm action={`${base}/monitor/intake/${r.id}/dismiss`} csrf={csrf} class="inline">
          <button class="link-button" type="submit">
            {t('intake.queue.dismiss')}
          </button>
        </PostForm>
      </div>
    </article>
  );
}

function Heading({ title, orgName, notice }: { title: string; orgName: string; notice?: string }) {
  return (
    <>
      <p class="crumb">{orgName}</p>
      <h1>{title}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}

/** Where the public form is, to give out; or why there is none. */
function Address({ queue, origin, locale, t }: { queue: IntakeQueue; origin: string; locale: Locale; t: Translate }) {
  if (!queue.intakeId || !queue.enabled) return <p class="notice">{t('intake.queue.off')}</p>;
  return (
    <p>
      {t('intake.settings.address')} <code dir="ltr">{`${origin}/${locale}/report/${queue.intakeId}`}</code>
    </p>
  );
}

export function QueuePage(
  p: Base & { queue: IntakeQueue; origin: string; canManage: boolean; perpetrators: Record<string, string> },
) {
  const { queue, t } = p;
  return (
    <>
      <Heading title={t('intake.queue.title')} orgName={p.orgName} notice={p.notice} />
      <Address queue={queue} origin={p.origin} locale={p.locale} t={t} />
      {p.canManage && (
        <p>
          <a href={`${p.base}/monitor/intake/settings`}>{t('intake.settings.title')}</a>
        </p>
      )}
      <p>{t('intake.queue.count', { count: queue.reports.length, handled: queue.handled })}</p>
      {queue.reports.map((r) => (
        <Report r={r} locale={p.locale} t={t} base={p.base} csrf={p.csrf} perpetrators={p.perpetrators} />
      ))}
    </>
  );
}

export function SettingsPage(
  p: Base & { intakeId: string | null; origin: string; values: FormValues; problems: Problems },
) {
  const { values, problems, t } = p;
  const on = str(values.enabled) === 'on';
  return (
    <>
      <Heading title={t('intake.settings.title')} orgName={p.orgName} notice={p.notice} />
      <p class="lead">{t('intake.settings.lead')}</p>
      <ErrorSummary problems={problems} t={t} order={['enabled', 'intro']} />
      <PostForm action={`${p.base}/monitor/intake/settings`} csrf={p.csrf}>
        <div class="field">
          <label class="check">
            <input type="checkbox" name="enabled" id="enabled" value="on" checked={on} /> {t('intake.settings.enabled')}
          </label>
        </div>
        <TextField
          name="intro"
          label={t('intake.settings.intro')}
          hint={t('intake.settings.intro.hint')}
          values={values}
          problems={problems}
          t={t}
          multiline
          max={2000}
        />
        <p>
          <button class="button" type="submit">
            {t('intake.settings.save')}
          </button>
        </p>
      </PostForm>
      {p.intakeId && (
        <section aria-labelledby="address">
          <h2 id="address">{t('intake.settings.address')}</h2>
          <p>
            <code dir="ltr">{`${p.origin}/${p.locale}/report/${p.intakeId}`}</code>
          </p>
          <p>{t('intake.settings.renew.hint')}</p>
          <PostForm action={`${p.base}/monitor/intake/renew`} csrf={p.csrf}>
            <button class="button" type="submit">
              {t('intake.settings.renew')}
            </button>
          </PostForm>
        </section>
      )}
      <p>
        <a href={`${p.base}/monitor/intake`}>{t('intake.queue.title')}</a>
      </p>
    </>
  );
}
