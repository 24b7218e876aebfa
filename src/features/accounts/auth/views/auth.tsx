// Sign-in, second factor, password reset and sign-up pages. Every form works without
// JavaScript; passwords are never written back into a page.
import type { Problems } from '../../../../platform/errors.ts';
import type { Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, TextField, type FormValues } from '../../../../ui/components/form.tsx';
import { NewPasswordFields } from '../../password-fields.tsx';

interface FormProps {
  action: string;
  csrf: string;
  values: FormValues;
  problems: Problems;
  t: Translate;
  notice?: string;
}

export function SignInPage(props: FormProps & { forgotHref: string; signupHref: string | null }) {
  const { t } = props;
  return (
    <>
      <h1>{t('signin.title')}</h1>
      <ErrorSummary problems={props.problems} notice={props.notice} t={t} />
      <PostForm action={props.action} csrf={props.csrf}>
        <TextField
          name="email"
          type="email"
          label={t('signin.email')}
          autocomplete="username"
          values={props.values}
          problems={props.problems}
          t={t}
          max={254}
        />
        <TextField
          name="password"
          type="password"
          label={t('signin.password')}
          autocomplete="current-password"
          values={props.values}
          problems={props.problems}
          t={t}
          max={512}
          keep={false}
        />
        <p>
          <button class="button" type="submit">
            {t('signin.submit')}
          </button>
        </p>
      </PostForm>
      <p>
        <a href={props.forgotHref}>{t('signin.forgot')}</a>
      </p>
      {props.signupHref && (
        <p>
          <a href={props.signupHref}>{t('signup.link')}</a>
        </p>
      )}
    </>
  );
}

export function CodePage(props: FormProps) {
  const { t } = props;
  return (
    <>
      <h1>{t('signin.code.title')}</h1>
      <p class="lead">{t('signin.code.lead')}</p>
      <ErrorSummary problems={props.problems} t={t} />
      <PostForm action={props.action} csrf={props.csrf}>
        <TextField
          name="code"
          label={t('signin.code')}
          hint={t('signin.code.hint')}
          autocomplete="one-time-code"
          values={{}}
          problems={props.problems}
          t={t}
          max={40}
        />
        <p>
          <button class="button" type="submit">
            {t('signin.code.submit')}
          </button>
        </p>
      </PostForm>
    </>
  );
}

export function ForgotPage(props: FormProps & { sent: boolean }) {
  const { t } = props;
  return (
    <>
      <h1>{t('forgot.title')}</h1>
      {props.sent ? (
        <p class="lead" role="status">
          {t('forgot.sent')}
        </p>
      ) : (
        <>
          <p class="lead">{t('forgot.lead')}</p>
          <p class="notice">{t('reset.cost')}</p>
          <PostForm action={props.action} csrf={props.csrf}>
            <TextField
              name="email"
              type="email"
              label={t('signin.email')}
              autocomplete="username"
              values={props.values}
              problems={props.problems}
              t={t}
              max={254}
            />
            <p>
              <button class="button" type="submit">
                {t('forgot.submit')}
              </button>
            </p>
          </PostForm>
        </>
      )}
    </>
  );
}

export function ResetPage(props: FormProps) {
  const { t } = props;
  return (
    <>
      <h1>{t('reset.title')}</h1>
      <p class="notice">{t('reset.cost')}</p>
      <ErrorSummary problems={props.problems} t={t} order={['password', 'password_confirm']} />
      <PostForm action={props.action} csrf={props.csrf}>
        <NewPasswordFields values={{}} problems={props.problems} t={t} />
        <p>
          <button class="button" type="submit">
            {t('reset.submit')}
          </button>
        </p>
      </PostForm>
    </>
  );
}

/** Open sign-up, step one: an address, to which the link is sent. */
export function SignUpPage(props: FormProps & { sent: boolean }) {
  const { t } = props;
  return (
    <>
      <h1>{t('signup.title')}</h1>
      {props.sent ? (
        <p class="lead" role="status">
          {t('signup.sent')}
        </p>
      ) : (
        <>
          <p class="lead">{t('signup.lead')}</p>
          <ErrorSummary problems={props.problems} t={t} order={['email']} />
          <PostForm action={props.action} csrf={props.csrf}>
            <TextField
              name="email"
              type="email"
              label={t('signin.email')}
              hint={t('signup.email.hint')}
              autocomplete="username"
              values={props.values}
              problems={props.problems}
              t={t}
              max={254}
            />
            <p>
              <button class="button" type="submit">
                {t('signup.send')}
              </button>
            </p>
          </PostForm>
        </>
      )}
    </>
  );
}

/** Step two, from the emailed link: the organisation, the person's name and a password. */
export function SignUpFinishPage(props: FormProps) {
  const { t } = props;
  return (
    <>
      <h1>{t('signup.title')}</h1>
      <p class="lead">{t('signup.finish.lead')}</p>
      <ErrorSummary
        problems={props.problems}
        notice={props.notice}
        t={t}
        order={['organisation', 'name', 'password', 'password_confirm']}
      />
      <PostForm action={props.action} csrf={props.csrf}>
        <TextField
          name="organisation"
          label={t('signup.organisation')}
          values={props.values}
          problems={props.problems}
          t={t}
          max={160}
        />
        <TextField
          name="name"
          label={t('invite.name')}
          hint={t('invite.name.hint')}
          values={props.values}
          problems={props.problems}
          t={t}
          max={120}
        />
        <NewPasswordFields values={props.values} problems={props.problems} t={t} />
        <p>
          <button class="button" type="submit">
            {t('signup.submit')}
          </button>
        </p>
      </PostForm>
    </>
  );
}
