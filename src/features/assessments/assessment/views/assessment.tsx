// The list of assessments (with the trend), one assessment (progress and result), and its forms.
import { raw } from 'hono/html';
import type { Problems } from '../../../../platform/errors.ts';
import { formatDate, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { OrgTabs } from '../../../../ui/components/org-tabs.tsx';
import { ErrorSummary, PostForm, Problem, type FormValues } from '../../../../ui/components/form.tsx';
import { pick } from '../../../../platform/i18n/localized.ts';
import { T } from '../../../../ui/components/localized.tsx';
import { legendSwatch, type ChartPoint } from '../chart.ts';
import type { Domain, DomainId, Instrument } from '../instrument.ts';
import type { AssessmentRow } from '../queries.ts';
import type { Assessment } from '../service.ts';
import { n, ScoreTable } from './parts.tsx';

interface Base {
  locale: Locale;
  t: Translate;
  base: string;
}

export interface Trend {
  svg: string;
  points: ChartPoint[];
  names: Record<DomainId, string>;
}

/** The chart, its legend (line samples with names), and the same figures as a table. */
function TrendSection({ trend, locale, t }: { trend: Trend; locale: Locale; t: Translate }) {
  const domains = Object.keys(trend.names) as DomainId[];
  return (
    <section aria-labelledby="trend">
      <h2 id="trend">{t('assess.trend')}</h2>
      <div class="chart">{raw(trend.svg)}</div>
      <ul class="legend">
        {domains.map((d) => (
          <li>
            {raw(legendSwatch(d))} {trend.names[d]}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('assess.trend.figures')}</summary>
        <table class="figures">
          <thead>
            <tr>
              <th scope="col">{t('assess.domain')}</th>
              {trend.points.map((p) => (
                <th scope="col">{p.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {domains.map((d) => (
              <tr>
                <th scope="row">{trend.names[d]}</th>
                {trend.points.map((p) => {
                  const r = p.scores.find((s) => s.domain === d)?.risk;
                  return <td>{r === null || r === undefined ? '–' : n(locale, r)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

export function AssessmentsPage({
  locale,
  t,
  base,
  orgName,
  items,
  canStart,
  csrf,
  trend,
}: Base & { orgName: string; items: AssessmentRow[]; canStart: boolean; csrf: string; trend: Trend | null }) {
  const closed = items.filter((a) => a.status === 'closed');
  return (
    <>
      <p class="crumb">{orgName}</p>
      <h1>{t('assess.title')}</h1>
      <OrgTabs base={base} t={t} here="assessments" />
      <p class="lead">{t('assess.lead')}</p>
      {canStart && (
        <PostForm action={`${base}/assessments`} csrf={csrf}>
          {items.length > 0 && (
            <fieldset>
              <legend>{t('assess.start.from')}</legend>
              <label class="check">
                <input type="radio" name="from" value="last" checked /> {t('assess.start.last')}
              </label>
              <label class="check">
                <input type="radio" name="from" value="blank" /> {t('assess.start.blank')}
              </label>
            </fieldset>
          )}
          <p>
            <button class="button" type="submit">
              {t('assess.start')}
            </button>
          </p>
        </PostForm>
      )}
      {items.length === 0 ? (
        <p>{t('assess.none')}</p>
      ) : (
        <ul class="cards">
          {items.map((a) => (
            <li class="card">
              <h2>
                <a href={`${base}/assessments/${a.id}`}>{t('assess.of', { date: formatDate(locale, a.createdAt) })}</a>
              </h2>
              <p>
                {a.status === 'open'
                  ? t('assess.status.open')
                  : t('assess.status.closed', { date: formatDate(locale, a.closedAt!) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {trend && <TrendSection trend={trend} locale={locale} t={t} />}
      {closed.length >= 2 && (
        <form method="get" action={`${base}/assessments/compare`} class="compare">
          <h2>{t('assess.compare')}</h2>
          {(['a', 'b'] as const).map((k, i) => (
            <div class="field">
              <label for={`cmp-${k}`}>{t(`assess.compare.${k}`)}</label>
              <select id={`cmp-${k}`} name={k}>
                {closed.map((a, j) => (
                  <option value={a.id} selected={j === (i === 0 ? 1 : 0)}>
                    {formatDate(locale, a.closedAt!)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <p>
            <button class="button secondary" type="submit">
              {t('assess.compare.submit')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}

export function AssessmentPage(
  props: Base & {
    a: Assessment;
    instrument: Instrument;
    canAnswer: boolean;
    canClose: boolean;
    canPlan: boolean;
    csrf: string;
    notice?: string;
  },
) {
  const { locale, t, base, a, instrument } = props;
  const here = `${base}/assessments/${a.id}`;
  const open = a.status === 'open';
  return (
    <>
      <h1>{t('assess.of', { date: formatDate(locale, a.createdAt) })}</h1>
      <OrgTabs base={base} t={t} here="assessments" />
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <p class="lead">
        {open ? t('assess.open.lead') : t('assess.status.closed', { date: formatDate(locale, a.closedAt!) })}
      </p>
      {open && (
        <ol class="domains">
          {instrument.domains.map((d) => {
            const s = a.scores.find((x) => x.domain === d.id)!;
            return (
              <li>
                {props.canAnswer ? (
                  <a href={`${here}/domains/${d.id}`}>
                    <T text={d.title} locale={locale} />
                  </a>
                ) : (
                  <T text={d.title} locale={locale} />
                )}{' '}
                <span class="hint">{t('assess.progress', { answered: s.answered, total: s.questions })}</span>
              </li>
            );
          })}
          <li>
            {props.canAnswer ? <a href={`${here}/context`}>{t('assess.context')}</a> : t('assess.context')}{' '}
            <span class="hint">
              {t('assess.context.count', { count: Object.values(a.context).filter(Boolean).length })}
            </span>
          </li>
        </ol>
      )}
      <h2>{open ? t('assess.resultSoFar') : t('assess.result')}</h2>
      <details class="formula">
        <summary>{t('assess.formula.title')}</summary>
        <p>{t('assess.formula.text')}</p>
      </details>
      <ScoreTable scores={a.scores} domains={instrument.domains} locale={locale} t={t} />
      <div class="actions">
        {open && props.canClose && (
          <PostForm action={`${here}/close`} csrf={props.csrf}>
            <button class="button" type="submit">
              {t('assess.close')}
            </button>
          </PostForm>
        )}
        {!open && props.canPlan && (
          <PostForm action={`${here}/plan`} csrf={props.csrf}>
            <button class="button" type="submit">
              {t('assess.plan')}
            </button>
          </PostForm>
        )}
        <a class="button secondary" href={`${here}/print`}>
          {t('assess.print')}
        </a>
        <a class="button secondary" href={`${here}/export.md`}>
          {t('assess.export.md')}
        </a>
        <a class="button secondary" href={`${here}/export.json`}>
          {t('assess.export.json')}
        </a>
      </div>
    </>
  );
}

/** Asked before closing with unscored areas: which ones, a way back to them, and "close anyway". */
export function CloseConfirmPage(props: Base & { id: string; domains: Domain[]; canAnswer: boolean; csrf: string }) {
  const { locale, t, domains } = props;
  const here = `${props.base}/assessments/${props.id}`;
  return (
    <>
      <h1>{t('assess.close.ask')}</h1>
      <p class="lead">{t('assess.close.missing', { count: domains.length })}</p>
      <ul>
        {domains.map((d) => (
          <li data-domain={d.id}>
            {props.canAnswer ? (
              <a href={`${here}/domains/${d.id}`}>
                <T text={d.title} locale={locale} />
              </a>
            ) : (
              <T text={d.title} locale={locale} />
            )}
          </li>
        ))}
      </ul>
      <p>{t('assess.close.fixed')}</p>
      <div class="actions">
        <PostForm action={`${here}/close`} csrf={props.csrf}>
          <input type="hidden" name="confirm" value="anyway" />
          <button class="button" type="submit">
            {t('assess.close.anyway')}
          </button>
        </PostForm>
        <a class="button secondary" href={here}>
          {t('assess.back')}
        </a>
      </div>
    </>
  );
}

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
