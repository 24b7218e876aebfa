// The check-in page: what a check-in does and cannot tell, what a seized server would show, the state of
// the member's check-in, "Check in now", and the interval and revoke choice.
import type { Problems } from '../../../../platform/errors.ts';
import { formatDateTime, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, Problem } from '../../../../ui/components/form.tsx';
import type { checkInOverview } from '../service.ts';
import { CHECK_IN_DAYS } from '../input.ts';

type Overview = Awaited<ReturnType<typeof checkInOverview>>;

function State({ locale, t, csrf, c }: { locale: Locale; t: Translate; csrf: string; c: NonNullable<Overview> }) {
  return (
    <section aria-labelledby="check-in-state">
      <h2 id="check-in-state">{t('checkIn.state')}</h2>
      {c.firedAt ? (
        <p>
          <strong>{t('checkIn.missed', { at: formatDateTime(locale, c.firedAt) })}</strong>
        </p>
      ) : (
        <p>
          {t('checkIn.due', {
            deadline: formatDateTime(locale, c.deadline),
            last: formatDateTime(locale, c.checkedInAt),
          })}
        </p>
      )}
      <PostForm action={`/${locale}/account/check-in/now`} csrf={csrf}>
        <p>
          <button class="button" type="submit">
            {t('checkIn.now')}
          </button>
        </p>
      </PostForm>
    </section>
  );
}

export function CheckInPage(props: {
  locale: Locale;
  csrf: string;
  t: Translate;
  c: Overview;
  problems: Problems;
  notice?: string;
}) {
  const { locale, t, c, problems } = props;
  const days = c?.days ?? 0;
  return (
    <>
      <h1>{t('checkIn.title')}</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <p class="lead">{t('checkIn.lead')}</p>
      <p>{t('checkIn.cannot')}</p>
      <p>{t('checkIn.server')}</p>
      {c && <State locale={locale} t={t} csrf={props.csrf} c={c} />}
      <section aria-labelledby="check-in-settings">
        <h2 id="check-in-settings">{t('checkIn.settings')}</h2>
        <ErrorSummary problems={problems} t={t} order={['days', 'revoke']} />
        <PostForm action={`/${locale}/account/check-in`} csrf={props.csrf}>
          <fieldset class={problems.days ? 'field has-error' : 'field'} id="days">
            <legend>{t('checkIn.interval')}</legend>
            <Problem name="days" problems={problems} t={t} />
            {CHECK_IN_DAYS.map((d) => (
              <label class="check">
                <input type="radio" name="days" value={String(d)} checked={d === days} />{' '}
                {d === 0 ? t('checkIn.interval.off') : t('checkIn.interval.days', { days: d })}
              </label>
            ))}
          </fieldset>
          <input type="hidden" name="revoke" value="off" />
          <label class="check">
            <input type="checkbox" name="revoke" value="on" checked={c?.revoke ?? false} /> {t('checkIn.revoke')}
          </label>
          <p class="hint">{t('checkIn.revoke.hint')}</p>
          <p>
            <button class="button secondary" type="submit">
              {t('checkIn.submit')}
            </button>
          </p>
        </PostForm>
      </section>
      <p>
        <a href={`/${locale}/account`}>{t('account.title')}</a>
      </p>
    </>
  );
}
