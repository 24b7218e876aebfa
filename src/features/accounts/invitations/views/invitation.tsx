// The invitation page: a new person sets their name and password; someone with an account signs in
// first, then accepts. Every form works without JavaScript; passwords are never written back into a page.
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
}

export function InvitationPage(
  props: FormProps & {
    orgName: string | null;
    role: string;
    hasAccount: boolean;
    signedInAsInvitee: boolean;
    signInHref: string;
  },
) {
  const { t } = props;
  const where = props.orgName
    ? t('invite.toOrg', { org: props.orgName, role: t(`role.${props.role}`) })
    : t('invite.toPlatform', { role: t(`role.${props.role}`) });
  return (
    <>
      <h1>{t('invite.title')}</h1>
      <p class="lead">{where}</p>
      {props.signedInAsInvitee ? (
        <PostForm action={`${props.action}/accept`} csrf={props.csrf}>
          <p>
            <button class="button" type="submit">
              {t('invite.accept')}
            </button>
          </p>
        </PostForm>
      ) : props.hasAccount ? (
        <p>
          <a class="button" href={props.signInHref}>
            {t('invite.signInFirst')}
          </a>
        </p>
      ) : (
        <>
          <ErrorSummary problems={props.problems} t={t} order={['name', 'password', 'password_confirm']} />
          <PostForm action={props.action} csrf={props.csrf}>
            <TextField
              name="name"
              label={t('invite.name')}
              hint={t('invite.name.hint')}
              autocomplete="nickname"
              values={props.values}
              problems={props.problems}
              t={t}
              max={120}
            />
            <NewPasswordFields values={props.values} problems={props.problems} t={t} />
            <p>
              <button class="button" type="submit">
                {t('invite.create')}
              </button>
            </p>
          </PostForm>
        </>
      )}
    </>
  );
}
