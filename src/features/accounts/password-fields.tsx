// The new-password fields shared by the accounts slices' pages.
import type { Problems } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import { TextField, type FormValues } from '../../ui/components/form.tsx';
import { PASSWORD_LIMITS } from './passwords.ts';

const pw = { min: PASSWORD_LIMITS.min, max: PASSWORD_LIMITS.max };

/** A new password, typed twice: on the invitation, reset and sign-up pages. Never written back into a page. */
export function NewPasswordFields({ values, problems, t }: { values: FormValues; problems: Problems; t: Translate }) {
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={t('password.new')}
        hint={t('password.hint', pw)}
        autocomplete="new-password"
        values={values}
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
        values={values}
        problems={problems}
        t={t}
        max={512}
        keep={false}
      />
    </>
  );
}
