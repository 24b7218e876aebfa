// The confirmation page: what erasing does, what it cannot do, and the name to type. A plain form.
import type { Problems } from '../../../../platform/errors.ts';
import type { Locale, Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, TextField, type FormValues } from '../../../../ui/components/form.tsx';

export function ErasePage(props: {
  locale: Locale;
  csrf: string;
  t: Translate;
  org: { id: string; name: string };
  values: FormValues;
  problems: Problems;
}) {
  const { t, org, problems } = props;
  const back = `/${props.locale}/orgs/${org.id}`;
  return (
    <>
      <h1>{t('erase.title', { name: org.name })}</h1>
      <p class="lead">{t('erase.lead')}</p>
      <section aria-labelledby="erase-does">
        <h2 id="erase-does">{t('erase.does.title')}</h2>
        <ul>
          <li>{t('erase.does.keys')}</li>
          <li>{t('erase.does.data')}</li>
          <li>{t('erase.does.members')}</li>
          <li>{t('erase.does.final')}</li>
        </ul>
      </section>
      <section aria-labelledby="erase-cannot">
        <h2 id="erase-cannot">{t('erase.cannot.title')}</h2>
        <ul>
          <li>{t('erase.cannot.backups')}</li>
          <li>{t('erase.cannot.exports')}</li>
        </ul>
      </section>
      <ErrorSummary problems={problems} t={t} order={['name']} />
      <PostForm action={`${back}/erase`} csrf={props.csrf}>
        <TextField
          name="name"
          label={t('erase.field')}
          hint={t('erase.hint', { name: org.name })}
          values={props.values}
          problems={problems}
          t={t}
          max={200}
          autocomplete="off"
        />
        <p>
          <button class="button danger" type="submit">
            {t('erase.submit')}
          </button>{' '}
          <a href={back}>{t('erase.cancel')}</a>
        </p>
      </PostForm>
    </>
  );
}
