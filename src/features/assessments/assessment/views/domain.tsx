// A domain's questions: each threat's likelihood and impact, each weak spot and capacity on its own
// scale (every level with its example), and a note. Works as a plain form, without JavaScript.
import type { Problems } from '../../../../platform/errors.ts';
import type { Locale, Translate } from '../../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, Problem, type FormValues } from '../../../../ui/components/form.tsx';
import { pick } from '../../../../platform/i18n/localized.ts';
import { T } from '../../../../ui/components/localized.tsx';
import type { Domain, Instrument } from '../instrument.ts';
import type { Assessment } from '../service.ts';
import type { Base } from './parts.tsx';

/** The label of a level: the part before " — ", the example after it. */
function splitLevel(text: string): [string, string] {
  const i = text.indexOf(' — ');
  return i > 0 ? [text.slice(0, i), text.slice(i + 3)] : [text, ''];
}

function Scale(props: {
  name: string;
  legend: string;
  levels: Record<string, Record<string, string>>;
  value: string;
  locale: Locale;
  t: Translate;
  problems: Problems;
  short?: boolean;
}) {
  const { name, locale, t } = props;
  return (
    <fieldset class={props.problems[name] ? 'scale has-error' : 'scale'} id={name}>
      <legend>{props.legend}</legend>
      <Problem name={name} problems={props.problems} t={t} />
      {Object.entries(props.levels).map(([level, text]) => {
        const [label, example] = splitLevel(pick(text, locale).text);
        return (
          <label class="check">
            <input type="radio" name={name} value={level} checked={props.value === level} /> <strong>{level}</strong>{' '}
            {label}
            {!props.short && example && <span class="hint"> — {example}</span>}
          </label>
        );
      })}
      <label class="check">
        <input type="radio" name={name} value="" checked={props.value === ''} /> {t('assess.skip')}
      </label>
    </fieldset>
  );
}

export function DomainPage(
  props: Base & {
    a: Assessment;
    domain: Domain;
    instrument: Instrument;
    values: FormValues;
    problems: Problems;
    csrf: string;
    next: string;
  },
) {
  const { locale, t, domain, instrument, values, problems } = props;
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  return (
    <>
      <h1>
        <T text={domain.title} locale={locale} />
      </h1>
      <p class="lead">
        <T text={domain.intro} locale={locale} />
      </p>
      <ErrorSummary problems={problems} t={t} />
      <details class="formula">
        <summary>{t('assess.levels.title')}</summary>
        <h2>{t('assess.likelihood')}</h2>
        <ul>
          {Object.entries(instrument.likelihood).map(([l, text]) => (
            <li>
              <strong>{l}</strong> <T text={text} locale={locale} />
            </li>
          ))}
        </ul>
        <h2>{t('assess.impact')}</h2>
        <ul>
          {Object.entries(instrument.impact).map(([l, text]) => (
            <li>
              <strong>{l}</strong> <T text={text} locale={locale} />
            </li>
          ))}
        </ul>
      </details>
      <PostForm action={`${props.base}/assessments/${props.a.id}/domains/${domain.id}`} csrf={props.csrf}>
        <h2>{t('assess.threats')}</h2>
        <p class="hint">{t('assess.threats.hint')}</p>
        {domain.threats.map((q) => (
          <section class="question">
            <h3>
              <T text={q.text} locale={locale} />
            </h3>
            {q.help && (
              <p class="hint">
                <T text={q.help} locale={locale} />
              </p>
            )}
            <div class="pair">
              <Scale
                name={`${q.id}.likelihood`}
                legend={t('assess.likelihood')}
                levels={instrument.likelihood}
                value={v(`${q.id}.likelihood`)}
                locale={locale}
                t={t}
                problems={problems}
                short
              />
              <Scale
                name={`${q.id}.impact`}
                legend={t('assess.impact')}
                levels={instrument.impact}
                value={v(`${q.id}.impact`)}
                locale={locale}
                t={t}
                problems={problems}
                short
              />
            </div>
          </section>
        ))}
        <h2>{t('assess.vulnerabilities')}</h2>
        {domain.vulnerabilities.map((q) => (
          <Scale
            name={q.id}
            legend={pick(q.text, locale).text}
            levels={q.levels}
            value={v(q.id)}
            locale={locale}
            t={t}
            problems={problems}
          />
        ))}
        <h2>{t('assess.capacities')}</h2>
        {domain.capacities.map((q) => (
          <Scale
            name={q.id}
            legend={pick(q.text, locale).text}
            levels={q.levels}
            value={v(q.id)}
            locale={locale}
            t={t}
            problems={problems}
          />
        ))}
        <div class="field">
          <label for="note">{t('assess.note')}</label>
          <p class="hint" id="note-hint">
            {t('assess.note.hint')}
          </p>
          <Problem name="note" problems={problems} t={t} />
          <textarea id="note" name="note" aria-describedby="note-hint" maxlength={2000}>
            {v('note')}
          </textarea>
        </div>
        <input type="hidden" name="next" value={props.next} />
        <p>
          <button class="button" type="submit">
            {t('assess.save')}
          </button>
        </p>
      </PostForm>
    </>
  );
}
