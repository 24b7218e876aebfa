// The safety page: the prepared alert, and the duress passphrase. Each lever says what it does and what
// it cannot do. The page never shows whether a duress passphrase is set (decision 0016).
import type { Problems } from '../../../../platform/errors.ts';
import type { Locale, Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, TextField, type FormValues } from '../../../../ui/components/form.tsx';
import { PASSWORD_LIMITS } from '../../../accounts/account/service.ts';
import type { safetyOverview } from '../service.ts';

type Overview = Awaited<ReturnType<typeof safetyOverview>>;
type Form = 'alert' | 'duress' | 'remove';

interface Props {
  locale: Locale;
  csrf: string;
  t: Translate;
  me: Overview;
  /** Which form the problems and typed values belong to. */
  form?: Form;
  values: FormValues;
  problems: Problems;
  notice?: string;
}

const DELAYS = ['0', '15', '60', '240'];

function Check({ name, label, checked }: { name: string; label: string; checked?: boolean }) {
  return (
    <label class="check">
      <input type="checkbox" name={name} value="on" checked={checked} /> {label}
    </label>
  );
}

function AlertSection({ locale, csrf, t, me, form, values, problems }: Props) {
  const mine = form === 'alert' ? problems : {};
  const saved: FormValues = me.alert
    ? {
        contacts: me.alert.contacts.join('\n'),
        webhook: me.alert.webhook ?? '',
        message: me.alert.message,
        delay: String(me.alert.delayMinutes),
      }
    : {};
  const shown = form === 'alert' ? values : saved;
  const field = { values: shown, problems: mine, t };
  return (
    <section aria-labelledby="alert">
      <h2 id="alert">{t('safety.alert')}</h2>
      <p>{t('safety.alert.what')}</p>
      <p>{t('safety.alert.limits')}</p>
      <p class="notice">{t('safety.alert.seized')}</p>
      <ErrorSummary problems={mine} t={t} order={['contacts', 'webhook', 'message', 'consent']} />
      <PostForm action={`/${locale}/account/safety/alert`} csrf={csrf}>
        <TextField
          name="contacts"
          label={t('safety.alert.contacts')}
          hint={t('safety.alert.contacts.hint')}
          multiline
          max={2000}
          {...field}
        />
        <TextField
          name="webhook"
          type="url"
          label={t('safety.alert.webhook')}
          hint={t('safety.alert.webhook.hint')}
          max={500}
          {...field}
        />
        <TextField
          name="message"
          label={t('safety.alert.message')}
          hint={t('safety.alert.message.hint')}
          multiline
          max={500}
          {...field}
        />
        <div class="field">
          <label for="delay">{t('safety.alert.delay')}</label>
          <select id="delay" name="delay">
            {DELAYS.map((d) => (
              <option value={d} selected={(shown.delay ?? '0') === d}>
                {t(`safety.alert.delay.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div class={mine.consent ? 'field has-error' : 'field'} id="consent">
          {mine.consent && <p class="error-text">{t(mine.consent.key)}</p>}
          <Check name="consent" label={t('safety.alert.consent')} />
        </div>
        <p>
          <button class="button" type="submit">
            {t('safety.alert.save')}
          </button>
        </p>
      </PostForm>
      {me.alert && (
        <PostForm action={`/${locale}/account/safety/alert/remove`} csrf={csrf}>
          <button class="button secondary" type="submit">
            {t('safety.alert.remove')}
          </button>
        </PostForm>
      )}
    </section>
  );
}

function DuressSection({ locale, csrf, t, me, form, values, problems }: Props) {
  const mine = form === 'duress' ? problems : {};
  const checked = (name: string) => form === 'duress' && values[name] === 'on';
  const secret = { values: {}, problems: mine, t, max: 512, keep: false, type: 'password', autocomplete: 'off' };
  return (
    <section aria-labelledby="duress">
      <h2 id="duress">{t('safety.duress')}</h2>
      <p>{t('safety.duress.what')}</p>
      <p>{t('safety.duress.limits')}</p>
      <p class="notice">{t('safety.duress.unknown')}</p>
      <ErrorSummary
        problems={mine}
        t={t}
        order={['current', 'password', 'password_confirm', 'decoy_org', 'erase_org']}
      />
      <PostForm action={`/${locale}/account/safety/duress`} csrf={csrf}>
        <TextField name="current" label={t('password.current')} {...secret} autocomplete="current-password" />
        <TextField
          name="password"
          label={t('safety.duress.passphrase')}
          hint={t('safety.duress.passphrase.hint', PASSWORD_LIMITS)}
          {...secret}
        />
        <TextField name="password_confirm" label={t('safety.duress.confirm')} {...secret} />
        <fieldset>
          <legend>{t('safety.duress.actions')}</legend>
          <Check name="destroy_keys" label={t('safety.duress.destroyKeys')} checked={checked('destroy_keys')} />
          <Check name="end_sessions" label={t('safety.duress.endSessions')} checked={checked('end_sessions')} />
          <Check name="send_alert" label={t('safety.duress.sendAlert')} checked={checked('send_alert')} />
        </fieldset>
        <div class="field">
          <label for="decoy_org">{t('safety.duress.decoy')}</label>
          <p class="hint" id="decoy_org-hint">
            {t('safety.duress.decoy.hint')}
          </p>
          <select id="decoy_org" name="decoy_org" aria-describedby="decoy_org-hint">
            <option value="">{t('safety.duress.decoy.none')}</option>
            {me.orgs.map((o) => (
              <option value={o.id} selected={form === 'duress' && values.decoy_org === o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        {me.orgs.some((o) => o.role === 'owner' && o.allowDuressErase) && (
          <div class={mine.erase_org ? 'field has-error' : 'field'} id="erase_org">
            {mine.erase_org && <p class="error-text">{t(mine.erase_org.key)}</p>}
            <Check name="erase_org" label={t('safety.duress.eraseOrg')} checked={checked('erase_org')} />
          </div>
        )}
        <p>
          <button class="button" type="submit">
            {t('safety.duress.save')}
          </button>
        </p>
      </PostForm>
      <details>
        <summary>{t('safety.duress.remove')}</summary>
        <PostForm action={`/${locale}/account/safety/duress/remove`} csrf={csrf}>
          <TextField
            name="remove_current"
            label={t('password.current')}
            {...secret}
            problems={form === 'remove' ? problems : {}}
            autocomplete="current-password"
          />
          <p>
            <button class="button secondary" type="submit">
              {t('safety.duress.remove')}
            </button>
          </p>
        </PostForm>
      </details>
    </section>
  );
}

export function SafetyPage(props: Props) {
  const { t, notice } = props;
  return (
    <>
      <h1>{t('safety.title')}</h1>
      <p class="lead">{t('safety.lead')}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <AlertSection {...props} />
      <DuressSection {...props} />
      <p>
        <a href={`/${props.locale}/account`}>{t('account.title')}</a>
      </p>
    </>
  );
}
