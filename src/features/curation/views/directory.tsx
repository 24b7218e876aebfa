// The curator's directory: the list of records, and one record's editor (the whole record as YAML).
import type { Problems } from '../../../platform/errors.ts';
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { PostForm } from '../../../ui/components/form.tsx';

interface Props {
  locale: Locale;
  csrf: string;
  t: Translate;
}

export function DirectoryListPage({
  locale,
  t,
  mechanisms,
}: Omit<Props, 'csrf'> & { mechanisms: { id: string; name: string }[] }) {
  return (
    <>
      <h1>{t('curate.directory')}</h1>
      <ul>
        {mechanisms.map((m) => (
          <li>
            <a href={`/${locale}/curate/directory/${m.id}`}>{m.name}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function EditPage({
  locale,
  csrf,
  t,
  id,
  yaml,
  problems,
}: Props & { id: string; yaml: string; problems: Problems }) {
  const fields = Object.entries(problems);
  return (
    <>
      <h1>{t('curate.edit', { id })}</h1>
      <p class="lead">{t('curate.edit.lead')}</p>
      {fields.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <p>
            <strong>{t('form.errors', { count: fields.length })}</strong>
          </p>
          <ul>
            {fields.map(([field, p]) => (
              <li dir="ltr">
                {field}: {t(p.key, p.values)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <PostForm action={`/${locale}/curate/directory/${id}`} csrf={csrf}>
        <div class="field">
          <label for="yaml">{t('curate.edit.record')}</label>
          <textarea id="yaml" name="yaml" rows={30} dir="ltr" class="code" spellcheck={false}>
            {yaml}
          </textarea>
        </div>
        <p>
          <button class="button" type="submit">
            {t('curate.edit.save')}
          </button>
        </p>
      </PostForm>
    </>
  );
}
