// /{locale}/curate/legislation/{id}: a curator edits a whole entry as YAML, checked against the
// tracker's schema before it is kept; a refused edit comes back with its problems and nothing is lost.
import type { Problems } from '../../../platform/errors.ts';
import { YamlEditor } from '../../../ui/components/yaml-editor.tsx';
import type { Base } from './parts.tsx';

export function LegislationEditPage(p: Base & { csrf: string; id: string; yaml: string; problems: Problems }) {
  const { t, locale, id } = p;
  return (
    <YamlEditor
      t={t}
      csrf={p.csrf}
      action={`/${locale}/curate/legislation/${id}`}
      title={t('curate.edit', { id })}
      lead={t('legislation.edit.lead')}
      label={t('legislation.edit.entry')}
      yaml={p.yaml}
      problems={p.problems}
    />
  );
}
