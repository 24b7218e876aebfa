// A curator's editor of a whole curated item written as YAML (a directory record, a legislation entry):
// the problems of a refused save above it, field by field, and the text kept as it was sent.
import type { Problems } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import { PostForm } from './form.tsx';

export function YamlEditor(p: {
  t: Translate;
  csrf: string;
  action: string;
  title: string;
  lead: string;
  label: string;
  yaml: string;
  problems: Problems;
}) {
  const { t } = p;
  const fields = Object.entries(p.problems);
  return (
    <>
      <h1>{p.title}</h1>
      <p class="lead">{p.lead}</p>
      {fields.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <p>
            <strong>{t('form.errors', { count: fields.length })}</strong>
          </p>
          <ul>
            {fields.map(([field, problem]) => (
              <li dir="ltr">
                {field}: {t(problem.key, problem.values)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <PostForm action={p.action} csrf={p.csrf}>
        <div class="field">
          <label for="yaml">{p.label}</label>
          <textarea id="yaml" name="yaml" rows={30} dir="ltr" class="code" spellcheck={false}>
            {p.yaml}
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
