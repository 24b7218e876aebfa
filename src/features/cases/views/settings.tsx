// The helpline's settings (admins), its reply templates, and its attainment over time (an SVG chart
// drawn on the server, with its figures as a table).
import type { Problems } from '../../../platform/errors.ts';
import { direction, formatDate, formatNumber, languageName } from '../../../platform/i18n/index.ts';
import { LineChart } from '../../../ui/charts.tsx';
import { ErrorSummary, PostForm, SelectField, str, TextField, type FormValues } from '../../../ui/components/form.tsx';
import type { ReplyTemplate, WeekFigures } from '../service.ts';
import { duration, type DeskBase } from './desk.tsx';

function Heading({ p, title }: { p: DeskBase; title: string }) {
  return (
    <>
      <p class="crumb">
        <a href={`${p.base}/helpline`}>{p.t('cases.queue.title')}</a>
      </p>
      <h1>{title}</h1>
      {p.notice && (
        <p class="notice" role="status">
          {p.notice}
        </p>
      )}
    </>
  );
}

const Check = ({ name, label, values }: { name: string; label: string; values: FormValues }) => (
  <div class="field">
    <label class="check">
      <input type="checkbox" name={name} id={name} value="on" checked={str(values[name]) === 'on'} /> {label}
    </label>
  </div>
);

export function SettingsPage(
  p: DeskBase & {
    records: [string, string][];
    values: FormValues;
    problems: Problems;
    templates: ReplyTemplate[];
    tValues: FormValues;
    tProblems: Problems;
  },
) {
  const { t, values, problems, locale } = p;
  const field = { values, problems, t };
  return (
    <>
      <Heading p={p} title={t('cases.settings.title')} />
      <p class="lead">{t('cases.settings.lead')}</p>
      <ErrorSummary
        problems={problems}
        t={t}
        order={['languages', 'hours', 'targetMinutes', 'retentionDays', 'intro', 'directoryId']}
      />
      <PostForm action={`${p.base}/helpline/settings`} csrf={p.csrf}>
        <Check name="enabled" label={t('cases.settings.enabled')} values={values} />
        <TextField
          name="languages"
          label={t('cases.settings.languages')}
          hint={t('cases.settings.languages.hint')}
          {...field}
          max={200}
          autocomplete="off"
        />
        <Check name="allHours" label={t('cases.settings.allHours')} values={values} />
        <TextField
          name="hours"
          label={t('cases.settings.hours')}
          hint={t('cases.settings.hours.hint')}
          {...field}
          max={200}
        />
        <TextField
          name="targetMinutes"
          label={t('cases.settings.target')}
          hint={t('cases.settings.target.hint')}
          {...field}
          type="number"
          max={5}
        />
        <TextField
          name="retentionDays"
          label={t('cases.settings.retention')}
          hint={t('cases.settings.retention.hint')}
          {...field}
          type="number"
          max={4}
        />
        <TextField name="intro" label={t('cases.settings.intro')} {...field} multiline max={2000} />
        <SelectField
          name="directoryId"
          label={t('cases.settings.directory')}
          hint={t('cases.settings.directory.hint')}
          none={t('cases.settings.noDirectory')}
          options={p.records}
          {...field}
        />
        <p>
          <button class="button" type="submit">
            {t('cases.settings.save')}
          </button>
        </p>
      </PostForm>
      <h2>{t('cases.templates.title')}</h2>
      {p.templates.length === 0 && <p>{t('cases.templates.none')}</p>}
      <ul>
        {p.templates.map((tp) => (
          <li>
            <strong>{tp.title}</strong> ({languageName(locale, tp.language)})
            <PostForm action={`${p.base}/helpline/templates/${tp.id}/remove`} csrf={p.csrf} class="inline">
              <button class="link-button" type="submit">
                {t('cases.templates.remove')}
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
      <ErrorSummary problems={p.tProblems} t={t} order={['language', 'title', 'text']} />
      <PostForm action={`${p.base}/helpline/templates`} csrf={p.csrf}>
        <TextField
          name="language"
          label={t('cases.templates.language')}
          hint={t('cases.settings.languages.hint')}
          values={p.tValues}
          problems={p.tProblems}
          t={t}
          max={2}
          autocomplete="off"
        />
        <TextField
          name="title"
          label={t('cases.templates.name')}
          values={p.tValues}
          problems={p.tProblems}
          t={t}
          max={120}
        />
        <TextField
          name="text"
          label={t('cases.templates.text')}
          values={p.tValues}
          problems={p.tProblems}
          t={t}
          multiline
          max={6000}
        />
        <p>
          <button class="button" type="submit">
            {t('cases.templates.add')}
          </button>
        </p>
      </PostForm>
    </>
  );
}

export function AttainmentPage(p: DeskBase & { targetMinutes: number; weeks: WeekFigures[] }) {
  const { t, locale } = p;
  const xLabels = p.weeks.map((w) => formatDate(locale, w.week));
  const series = [{ label: t('cases.attainment.share'), values: p.weeks.map((w) => w.share) }];
  const percent = (v: number) => `${formatNumber(locale, v)} %`;
  const target = { value: 90, label: t('cases.attainment.goal', { n: 90 }) };
  return (
    <>
      <Heading p={p} title={t('cases.attainment.title')} />
      <p class="lead">{t('cases.attainment.lead', { time: duration(p.targetMinutes, t) })}</p>
      <LineChart
        id="attainment"
        title={t('cases.attainment.title')}
        description={t('cases.attainment.lead', { time: duration(p.targetMinutes, t) })}
        xLabels={xLabels}
        series={series}
        y={{ min: 0, max: 100, ticks: [0, 25, 50, 75, 100], format: percent }}
        target={target}
        dir={direction(locale)}
      />
      <table class="figures">
        <caption>{t('cases.attainment.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.attainment.week')}</th>
            <th scope="col">{t('cases.attainment.opened')}</th>
            <th scope="col">{t('cases.attainment.within')}</th>
            <th scope="col">{t('cases.attainment.share')}</th>
            <th scope="col">{t('cases.attainment.median')}</th>
            <th scope="col">{t('cases.attainment.resolved')}</th>
          </tr>
        </thead>
        <tbody>
          {p.weeks.map((w, i) => (
            <tr>
              <th scope="row">{xLabels[i]}</th>
              <td>{formatNumber(locale, w.opened)}</td>
              <td>{formatNumber(locale, w.withinTarget)}</td>
              <td>{w.share === null ? '–' : percent(w.share)}</td>
              <td>{w.medianMinutes === null ? '–' : duration(w.medianMinutes, t)}</td>
              <td>{formatNumber(locale, w.resolved)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
