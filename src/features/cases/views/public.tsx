// The requester's pages: the form to open a case, the code and passphrase (shown once), the form to
// come back, and the case as they see it. Plain HTML forms: no script, nothing from another host,
// usable from Tor Browser at its safest setting.
import type { Problems } from '../../../platform/errors.ts';
import { formatDateTime, formatList, languageName, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import {
  ErrorSummary,
  Honeypot,
  PostForm,
  SelectField,
  TextField,
  type FormValues,
} from '../../../ui/components/form.tsx';
import { HONEYPOT_FIELD, type CaseMessage, type HelplineProfile } from '../service.ts';
import { IndicatorList } from './indicators.tsx';

export interface Page {
  locale: Locale;
  t: Translate;
  csrf: string;
  /** /{locale}/helplines/{id} */
  base: string;
}

export function Availability({ profile, locale, t }: { profile: HelplineProfile; locale: Locale; t: Translate }) {
  return (
    <dl class="facts">
      <dt>{t('cases.profile.languages')}</dt>
      <dd>
        {formatList(
          locale,
          profile.languages.map((l) => languageName(locale, l)),
        )}
      </dd>
      <dt>{t('cases.profile.hours')}</dt>
      <dd dir="auto">{profile.allHours ? t('cases.profile.allHours') : profile.hours || t('cases.profile.noHours')}</dd>
      <dt>{t('cases.profile.target')}</dt>
      <dd>{t('cases.profile.targetValue', { hours: Math.round((profile.targetMinutes / 60) * 10) / 10 })}</dd>
    </dl>
  );
}

const INTAKE_FIELDS = ['what', 'language', 'contact'];

export function IntakePage(
  p: Page & { profile: HelplineProfile; values: FormValues; problems: Problems; notice?: string; triage: string },
) {
  const { t, values, problems, locale } = p;
  const languages = p.profile.languages.map((l): [string, string] => [l, languageName(locale, l)]);
  const chosen = {
    language: p.profile.languages.includes(locale) ? locale : (p.profile.languages[0] ?? ''),
    ...values,
  };
  return (
    <>
      <h1>{t('cases.intake.title', { name: p.profile.name })}</h1>
      {p.profile.intro && (
        <p class="lead prewrap" dir="auto">
          {p.profile.intro}
        </p>
      )}
      <Availability profile={p.profile} locale={locale} t={t} />
      <p>{t('cases.intake.lead')}</p>
      <ErrorSummary problems={problems} notice={p.notice} t={t} order={INTAKE_FIELDS} />
      <PostForm action={p.base} csrf={p.csrf}>
        <TextField
          name="what"
          label={t('cases.intake.what')}
          hint={t('cases.intake.what.hint')}
          values={values}
          problems={problems}
          t={t}
          multiline
          max={6000}
        />
        <SelectField
          name="language"
          label={t('cases.intake.language')}
          options={languages}
          values={chosen}
          problems={problems}
          t={t}
        />
        <TextField
          name="contact"
          label={t('cases.intake.contact')}
          hint={t('cases.intake.contact.hint')}
          values={values}
          problems={problems}
          t={t}
          max={500}
          autocomplete="off"
        />
        {p.triage && (
          <fieldset>
            <legend>{t('cases.intake.triage')}</legend>
            <p class="prewrap">{p.triage}</p>
            <input type="hidden" name="triage" value={p.triage} />
            <label class="check">
              <input type="checkbox" name="sendTriage" value="on" checked={values.sendTriage === 'on'} />{' '}
              {t('cases.intake.triage.send')}
            </label>
          </fieldset>
        )}
        <Honeypot name={HONEYPOT_FIELD} t={t} />
        <p>
          <button class="button" type="submit">
            {t('cases.intake.submit')}
          </button>
        </p>
      </PostForm>
      <p>
        <a href={`${p.base}/case`}>{t('cases.intake.comeBack')}</a>
      </p>
    </>
  );
}

/** The code and passphrase, this once; a reload shows neither. */
export function OpenedPage({
  t,
  base,
  opened,
}: Omit<Page, 'csrf' | 'locale'> & { opened: { code: string; passphrase: string } | null }) {
  return (
    <>
      <h1>{t('cases.opened.title')}</h1>
      {opened ? (
        <section class="recovery-key" aria-labelledby="keys-title">
          <h2 id="keys-title">{t('cases.opened.keys')}</h2>
          <dl class="facts">
            <dt>{t('cases.status.code')}</dt>
            <dd class="recovery-key-text">
              <code dir="ltr" data-case-code>
                {opened.code}
              </code>
            </dd>
            <dt>{t('cases.status.passphrase')}</dt>
            <dd class="recovery-key-text">
              <code dir="ltr" data-case-passphrase>
                {opened.passphrase}
              </code>
            </dd>
          </dl>
          <ul>
            <li>{t('cases.opened.once')}</li>
            <li>{t('cases.opened.use')}</li>
            <li>{t('cases.opened.safe')}</li>
          </ul>
        </section>
      ) : (
        <p class="lead">{t('cases.opened.gone')}</p>
      )}
      <p>
        <a class="button" href={`${base}/case`}>
          {t('cases.opened.next')}
        </a>
      </p>
    </>
  );
}

export function SignInPage(p: Page & { name: string; values: FormValues; problems: Problems; notice?: string }) {
  const { t, values, problems } = p;
  return (
    <>
      <h1>{t('cases.status.signInTitle', { name: p.name })}</h1>
      <p class="lead">{t('cases.status.signInLead')}</p>
      <ErrorSummary problems={problems} notice={p.notice} t={t} order={['code', 'passphrase']} />
      <PostForm action={`${p.base}/case/sign-in`} csrf={p.csrf}>
        <TextField
          name="code"
          label={t('cases.status.code')}
          values={values}
          problems={problems}
          t={t}
          max={40}
          autocomplete="off"
        />
        <TextField
          name="passphrase"
          label={t('cases.status.passphrase')}
          values={{}}
          problems={problems}
          t={t}
          max={60}
          autocomplete="off"
          type="password"
        />
        <p>
          <button class="button" type="submit">
            {t('cases.status.signIn')}
          </button>
        </p>
      </PostForm>
      <p>
        <a href={p.base}>{t('cases.status.newCase')}</a>
      </p>
    </>
  );
}

/** One message as the requester or a handler sees it; `who` names its writer. */
export function Message({
  m,
  locale,
  t,
  who,
}: {
  m: CaseMessage;
  locale: Locale;
  t: Translate;
  who: (m: CaseMessage) => string;
}) {
  const b = m.body;
  const text = 'text' in b ? b.text : b.kind === 'intake' ? b.what : '';
  return (
    <li class={`message message-${b.kind}`}>
      <p class="meta">
        <bdi>{who(m)}</bdi>
        {(b.kind === 'note' || b.kind === 'indicators') && (
          <>
            {' · '}
            <strong>{t(b.kind === 'note' ? 'cases.case.noteMark' : 'cases.indicators.mark')}</strong>
          </>
        )}
        {' · '}
        <time datetime={b.at}>{formatDateTime(locale, new Date(b.at))}</time>
      </p>
      {text && (
        <p class="prewrap" dir="auto">
          {text}
        </p>
      )}
      {b.kind === 'intake' && b.triage && (
        <details>
          <summary>{t('cases.intake.triage')}</summary>
          <p class="prewrap">{b.triage}</p>
        </details>
      )}
      {b.kind === 'intake' && b.contact && (
        <p class="meta" dir="auto">
          {t('cases.intake.contact')}: {b.contact}
        </p>
      )}
      {b.kind === 'indicators' && <IndicatorList indicators={b.indicators} t={t} />}
      {b.kind === 'referral' && (
        <p>
          {t('cases.referral.asked', {
            name: b.toName,
            fields: formatList(
              locale,
              b.fields.map((f) => t(`cases.referral.field.${f}`)),
            ),
          })}
        </p>
      )}
      {b.kind === 'consent' && <p>{t(b.agreed ? 'cases.referral.agreed' : 'cases.referral.refused')}</p>}
      {b.kind === 'answer' && (
        <p>{t(b.accepted ? 'cases.referral.accepted' : 'cases.referral.declined', { name: b.helpline })}</p>
      )}
    </li>
  );
}
