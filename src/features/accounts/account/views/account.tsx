// The account page (password, two-factor, sessions) and the two-factor enrolment pages.
import { raw } from 'hono/html';
import type { Problems } from '../../../../platform/errors.ts';
import { formatDate, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, TextField } from '../../../../ui/components/form.tsx';
import { PASSWORD_LIMITS } from '../../passwords.ts';
import type { accountOverview } from '../service.ts';

type Overview = Awaited<ReturnType<typeof accountOverview>>;

interface Props {
  locale: Locale;
  csrf: string;
  t: Translate;
}

const when = (locale: Locale, d: Date) => `${formatDate(locale, d)} ${d.toISOString().slice(11, 16)} UTC`;

export function AccountPage({
  locale,
  csrf,
  t,
  me,
  problems,
  notice,
}: Props & { me: Overview; problems: Problems; notice?: string }) {
  const base = `/${locale}/account`;
  return (
    <>
      <h1>{t('account.title')}</h1>
      <p class="lead">{t('account.signedInAs', { name: me.name, email: me.email })}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>
        <a href={`${base}/check-in`}>{t('checkIn.title')}</a>
      </p>
      <section aria-labelledby="tfa">
        <h2 id="tfa">{t('account.twoFactor')}</h2>
        {me.hasTotp ? (
          <>
            <p>
              {t('account.twoFactor.on', { left: me.recoveryCodesLeft })}{' '}
              <a href={`${base}/two-factor`}>{t('account.twoFactor.replace')}</a>
            </p>
            <details>
              <summary>{t('account.twoFactor.disable')}</summary>
              <PostForm action={`${base}/two-factor/disable`} csrf={csrf}>
                <TextField
                  name="password"
                  type="password"
                  label={t('signin.password')}
                  autocomplete="current-password"
                  values={{}}
                  problems={problems}
                  t={t}
                  max={512}
                  keep={false}
                />
                <p>
                  <button class="button secondary" type="submit">
                    {t('account.twoFactor.disable')}
                  </button>
                </p>
              </PostForm>
            </details>
          </>
        ) : (
          <p>
            {t('account.twoFactor.off')} <a href={`${base}/two-factor`}>{t('account.twoFactor.enable')}</a>
          </p>
        )}
      </section>
      <p>
        <a href={`${base}/safety`}>{t('account.safety')}</a>
      </p>
      <section aria-labelledby="pw">
        <h2 id="pw">{t('account.password')}</h2>
        <ErrorSummary problems={problems} t={t} order={['current', 'password', 'password_confirm']} />
        <PostForm action={`${base}/password`} csrf={csrf}>
          <TextField
            name="current"
            type="password"
            label={t('password.current')}
            autocomplete="current-password"
            values={{}}
            problems={problems}
            t={t}
            max={512}
            keep={false}
          />
          <TextField
            name="password"
            type="password"
            label={t('password.new')}
            hint={t('password.hint', PASSWORD_LIMITS)}
            autocomplete="new-password"
            values={{}}
            problems={problems}
            t={t}
            max={512}
            keep={false}
          />
          <TextField
            name="password_confirm"
            type="password"
            label={t('password.confirm')}
            autocomplete="new-password"
            values={{}}
            problems={problems}
            t={t}
            max={512}
            keep={false}
          />
          <p>
            <button class="button" type="submit">
              {t('account.password.submit')}
            </button>
          </p>
        </PostForm>
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t('account.sessions')}</h2>
        <p>{t('account.sessions.lead')}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('account.sessions.started')}</th>
              <th scope="col">{t('account.sessions.lastSeen')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('account.sessions.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {me.sessions.map((s) => (
              <tr>
                <td>{when(locale, s.createdAt)}</td>
                <td>{when(locale, s.lastSeenAt)}</td>
                <td>
                  {s.current ? (
                    <strong>{t('account.sessions.this')}</strong>
                  ) : (
                    <PostForm action={`${base}/sessions/${s.id}/end`} csrf={csrf}>
                      <button class="link-button" type="submit">
                        {t('account.sessions.end')}
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <PostForm action={`${base}/sessions/end-all`} csrf={csrf}>
          <p>
            <button class="button secondary" type="submit">
              {t('account.sessions.endAll')}
            </button>
          </p>
        </PostForm>
      </section>
    </>
  );
}

export function EnrolPage({
  locale,
  csrf,
  t,
  replacing,
  secret,
  qr,
  problems,
  welcome,
  required,
}: Props & {
  replacing: boolean;
  secret: string;
  qr: string;
  problems: Problems;
  welcome: boolean;
  required: boolean;
}) {
  return (
    <>
      <h1>{t(replacing ? 'enrol.replace.title' : 'enrol.title')}</h1>
      {replacing && (
        <p class="notice" role="status">
          {t('enrol.replace.lead')}
        </p>
      )}
      {welcome && (
        <p class="notice" role="status">
          {t('enrol.welcome')}
        </p>
      )}
      {required && (
        <p class="notice" role="status">
          {t('enrol.required')}
        </p>
      )}
      <p class="lead">{t('enrol.lead')}</p>
      <ol>
        <li>{t('enrol.step1')}</li>
        <li>
          {t('enrol.step2')}
          <div class="qr">{raw(qr)}</div>
          <p>
            {t('enrol.secret')}{' '}
            <code id="totp-secret" dir="ltr">
              {secret}
            </code>
          </p>
        </li>
        <li>{t('enrol.step3')}</li>
      </ol>
      <ErrorSummary problems={problems} t={t} />
      <PostForm action={`/${locale}/account/two-factor`} csrf={csrf}>
        <TextField
          name="code"
          label={t(replacing ? 'enrol.replace.newCode' : 'signin.code')}
          hint={replacing ? undefined : t('signin.code.hint')}
          autocomplete="one-time-code"
          values={{}}
          problems={problems}
          t={t}
          max={20}
        />
        {replacing && (
          <>
            <TextField
              name="password"
              type="password"
              label={t('password.current')}
              autocomplete="current-password"
              values={{}}
              problems={problems}
              t={t}
              max={512}
              keep={false}
            />
            <TextField
              name="current"
              label={t('enrol.replace.current')}
              hint={t('signin.code.hint')}
              autocomplete="off"
              values={{}}
              problems={problems}
              t={t}
              max={40}
              keep={false}
            />
          </>
        )}
        <p>
          <button class="button" type="submit">
            {t(replacing ? 'enrol.replace.submit' : 'enrol.submit')}
          </button>
        </p>
      </PostForm>
      <PostForm action={`/${locale}/account/two-factor/new-key`} csrf={csrf}>
        <p>
          <button class="link-button" type="submit">
            {t('enrol.newKey')}
          </button>
        </p>
      </PostForm>
      <p>
        <a href={`/${locale}/dashboard`}>{t('enrol.later')}</a>
      </p>
    </>
  );
}

export function RecoveryCodesPage({ locale, t, codes }: Omit<Props, 'csrf'> & { codes: string[] }) {
  return (
    <>
      <h1>{t('recovery.title')}</h1>
      <p class="lead">{t('recovery.lead')}</p>
      <ul class="codes" dir="ltr">
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={`/${locale}/dashboard`}>
          {t('recovery.done')}
        </a>
      </p>
    </>
  );
}
