// The curator's directory: the list of records, and one record's editor (the whole record as YAML).
import type { Problems } from '../../../platform/errors.ts';
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { YamlEditor } from '../../../ui/components/yaml-editor.tsx';

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
  return (
    <YamlEditor
      t={t}
      csrf={csrf}
      action={`/${locale}/curate/directory/${id}`}
      title={t('curate.edit', { id })}
      lead={t('curate.edit.lead')}
      label={t('curate.edit.record')}
      yaml={yaml}
      problems={problems}
    />
  );
}
