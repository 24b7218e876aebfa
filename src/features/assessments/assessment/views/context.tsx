// The guide's four strategic questions of an assessment, answered in free text.
import type { Problems } from '../../../../platform/errors.ts';
import { ErrorSummary, PostForm, Problem, type FormValues } from '../../../../ui/components/form.tsx';
import { T } from '../../../../ui/components/localized.tsx';
import type { Instrument } from '../instrument.ts';
import type { Assessment } from '../service.ts';
import type { Base } from './parts.tsx';

export function ContextPage(
  props: Base & { a: Assessment; instrument: Instrument; values: FormValues; problems: Problems; csrf: string },
) {
  const { locale, t, instrument, values, problems } = props;
  return (
    <>
      <h1>{t('assess.context')}</h1>
      <p class="lead">{t('assess.context.lead')}</p>
      <ErrorSummary problems={problems} t={t} />
      <PostForm action={`${props.base}/assessments/${props.a.id}/context`} csrf={props.csrf}>
        {instrument.context.map((q) => (
          <div class={problems[q.id] ? 'field has-error' : 'field'}>
            <label for={q.id}>
              <T text={q.text} locale={locale} />
            </label>
            {q.help && (
              <p class="hint" id={`${q.id}-hint`}>
                <T text={q.help} locale={locale} />
              </p>
            )}
            <Problem name={q.id} problems={problems} t={t} />
            <textarea id={q.id} name={q.id} rows={5} maxlength={4000}>
              {typeof values[q.id] === 'string' ? values[q.id] : ''}
            </textarea>
          </div>
        ))}
        <p>
          <button class="button" type="submit">
            {t('assess.save')}
          </button>
        </p>
      </PostForm>
    </>
  );
}
