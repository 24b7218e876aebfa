// What the keys only members hold add to the organisation's pages: a member whose access needs
// restoring, the server-held key of an old organisation, the recovery key, and the recovery form.
import type { Problems } from '../../../../platform/errors.ts';
import { formatDate, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, TextField, type FormValues } from '../../../../ui/components/form.tsx';

/** The member cell's note and button when their keys were lost. */
export function RestoreAccess(props: {
  action: string;
  csrf: string;
  t: Translate;
  member: { needsAccess: boolean; canRestore: boolean; disabled: boolean };
  manages: boolean;
}) {
  const { t, member } = props;
  if (!member.needsAccess || member.disabled) return null;
  return (
    <>
      <br />
      <strong>{t('org.needsAccess')}</strong>
      {member.canRestore && props.manages ? (
        <PostForm action={props.action} csrf={props.csrf} class="inline">
          {' '}
          <button class="link-button" type="submit">
            {t('org.restore')}
          </button>
        </PostForm>
      ) : (
        <> · {t('org.waitingSignIn')}</>
      )}
    </>
  );
}

export function ServerHeldKeyBanner({ t }: { t: Translate }) {
  return (
    <p class="notice" role="status">
      {t('org.serverHeld')}
    </p>
  );
}

/** The owner's section: make a new recovery key (shown once, on the next page). */
export function RecoveryKeySection({ action, csrf, t }: { action: string; csrf: string; t: Translate }) {
  return (
    <section aria-labelledby="recovery-key">
      <h2 id="recovery-key">{t('org.recovery.title')}</h2>
      <p>{t('org.recovery.lead')}</p>
      <PostForm action={action} csrf={csrf}>
        <p>
          <button class="button secondary" type="submit">
            {t('org.recovery.submit')}
          </button>
        </p>
      </PostForm>
    </section>
  );
}

/** On the dashboard, when the account's keys were replaced. */
export function AccessLostNotice({ locale, t, since }: { locale: Locale; t: Translate; since: Date }) {
  return (
    <section class="notice" aria-labelledby="access-lost">
      <h2 id="access-lost">{t('access.lost.title')}</h2>
      <p>{t('access.lost.body', { date: formatDate(locale, since) })}</p>
      <p>
        <a href={`/${locale}/recover`}>{t('access.lost.recover')}</a>
      </p>
    </section>
  );
}

export function RecoverPage(props: {
  locale: Locale;
  csrf: string;
  t: Translate;
  values: FormValues;
  problems: Problems;
}) {
  const { t, problems } = props;
  return (
    <>
      <h1>{t('recover.title')}</h1>
      <p class="lead">{t('recover.lead')}</p>
      <ErrorSummary problems={problems} t={t} order={['recovery_key']} />
      <PostForm action={`/${props.locale}/recover`} csrf={props.csrf}>
        <TextField
          name="recovery_key"
          label={t('recover.field')}
          hint={t('recover.hint')}
          values={props.values}
          problems={problems}
          t={t}
          max={80}
          autocomplete="off"
          keep={false}
        />
        <p>
          <button class="button" type="submit">
            {t('recover.submit')}
          </button>
        </p>
      </PostForm>
    </>
  );
}
