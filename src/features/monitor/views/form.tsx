// Recording or editing an event, without JavaScript: acts, people and sources are numbered rows with a
// few empty ones after those filled in; "Add a row" posts the form back with one more, keeping everything.
import type { Problems } from '../../../platform/errors.ts';
import { countryName, sortCountries, type Translate } from '../../../platform/i18n/index.ts';
import {
  ErrorSummary,
  PostForm,
  Problem,
  TextField,
  describedBy,
  str,
  type FormValues,
} from '../../../ui/components/form.tsx';
import { rowCount, SPARE_ROWS, type RowKind } from '../input.ts';
import { PARTY_KINDS } from '../model.ts';
import { labelOf, type VocabularyKind } from '../vocabulary.ts';
import type { MonitorBase } from './list.tsx';

type Props = MonitorBase & {
  values: FormValues;
  problems: Problems;
  csrf: string;
  action: string;
  countries: string[];
  /** Extra empty rows asked for with "Add a row". */
  extra: Partial<Record<RowKind, number>>;
  heading: string;
};

function Select(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  values: FormValues;
  problems: Problems;
  t: Translate;
  empty?: string;
}) {
  const value = str(props.values[props.name]);
  return (
    <div class={props.problems[props.name] ? 'field has-error' : 'field'}>
      <label for={props.name}>{props.label}</label>
      <Problem name={props.name} problems={props.problems} t={props.t} />
      <select id={props.name} name={props.name} {...describedBy(props.name, props.problems)}>
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const rowsOf = (p: Props, kind: RowKind) =>
  Array.from({ length: rowCount(p.values, kind) + SPARE_ROWS[kind] + (p.extra[kind] ?? 0) }, (_, i) => i);

export function EventFormPage(p: Props) {
  const { t, locale, vocabulary, values, problems } = p;
  const vocab = (kind: VocabularyKind) =>
    vocabulary[kind].map((e) => ({ value: e.id, label: labelOf(vocabulary, kind, e.id, locale) }));
  const fixed = (prefix: string, ids: readonly string[]) =>
    ids.map((id) => ({ value: id, label: t(`${prefix}.${id}`) }));
  const common = { values, problems, t };
  const more = (kind: RowKind) => (
    <button type="submit" name="more" value={kind} class="button secondary" formnovalidate>
      {t(`monitor.form.add.${kind}`)}
    </button>
  );
  return (
    <>
      <h1>{p.heading}</h1>
      <ErrorSummary problems={problems} t={t} />
      <PostForm action={p.action} csrf={p.csrf} class="event-form">
        <input type="hidden" name="extra" value={JSON.stringify(p.extra)} />
        {str(values.from) && <input type="hidden" name="from" value={str(values.from)} />}
        <TextField
          name="title"
          label={t('monitor.form.title')}
          hint={t('monitor.form.title.hint')}
          max={300}
          {...common}
        />
        <TextField name="description" label={t('monitor.form.description')} multiline max={20000} {...common} />
        <TextField
          name="start"
          label={t('monitor.form.start')}
          hint={t('monitor.form.date.hint')}
          max={10}
          {...common}
        />
        <TextField name="end" label={t('monitor.form.end')} hint={t('monitor.form.date.hint')} max={10} {...common} />
        <Select
          name="country"
          label={t('monitor.country')}
          options={sortCountries(locale, p.countries).map((c) => ({ value: c, label: countryName(locale, c) }))}
          empty={t('monitor.form.choose')}
          {...common}
        />
        <TextField name="region" label={t('monitor.form.region')} max={300} {...common} />
        <fieldset>
          <legend>{t('monitor.form.point')}</legend>
          <p class="hint">{t('monitor.form.point.hint')}</p>
          <TextField name="lat" label={t('monitor.form.lat')} max={20} {...common} />
          <TextField name="lon" label={t('monitor.form.lon')} max={20} {...common} />
        </fieldset>

        <h2>{t('monitor.form.acts')}</h2>
        {rowsOf(p, 'act').map((i) => (
          <fieldset class="row">
            <legend>{t('monitor.form.act', { n: i + 1 })}</legend>
            <Select
              name={`act.${i}.type`}
              label={t('monitor.type')}
              options={vocab('violations')}
              empty={t('monitor.form.choose')}
              {...common}
            />
            <Select name={`act.${i}.mode`} label={t('monitor.form.mode')} options={vocab('modes')} {...common} />
            <Select
              name={`act.${i}.right`}
              label={t('monitor.right')}
              options={vocab('rights')}
              empty={t('monitor.form.rightOfType')}
              {...common}
            />
            <TextField name={`act.${i}.note`} label={t('monitor.form.note')} max={2000} {...common} />
          </fieldset>
        ))}
        {more('act')}

        <h2>{t('monitor.form.parties')}</h2>
        <p class="hint">{t('monitor.form.parties.hint')}</p>
        {rowsOf(p, 'party').map((i) => (
          <fieldset class="row">
            <legend>{t('monitor.form.party', { n: i + 1 })}</legend>
            <input type="hidden" name={`party.${i}.id`} value={str(values[`party.${i}.id`])} />
            <Select name={`party.${i}.role`} label={t('monitor.form.role')} options={vocab('roles')} {...common} />
            <Select
              name={`party.${i}.kind`}
              label={t('monitor.form.kind')}
              options={fixed('monitor.form.kind', PARTY_KINDS)}
              {...common}
            />
            <TextField name={`party.${i}.name`} label={t('monitor.form.name')} max={300} {...common} />
            <Select
              name={`party.${i}.category`}
              label={t('monitor.perpetrator')}
              options={vocab('perpetrators')}
              empty={t('monitor.form.notPerpetrator')}
              {...common}
            />
            <TextField name={`party.${i}.contact`} label={t('monitor.form.contact')} max={500} {...common} />
            <TextField name={`party.${i}.note`} label={t('monitor.form.note')} max={2000} {...common} />
          </fieldset>
        ))}
        {more('party')}

        <h2>{t('monitor.form.sources')}</h2>
        {rowsOf(p, 'source').map((i) => (
          <fieldset class="row">
            <legend>{t('monitor.form.source', { n: i + 1 })}</legend>
            <input type="hidden" name={`source.${i}.id`} value={str(values[`source.${i}.id`])} />
            <input type="hidden" name={`source.${i}.files`} value={str(values[`source.${i}.files`])} />
            <Select
              name={`source.${i}.kind`}
              label={t('monitor.form.sourceKind')}
              options={vocab('sourceKinds')}
              {...common}
            />
            <TextField name={`source.${i}.url`} label={t('monitor.form.url')} type="url" max={2000} {...common} />
            <TextField
              name={`source.${i}.description`}
              label={t('monitor.form.sourceDescription')}
              multiline
              max={4000}
              {...common}
            />
            <TextField name={`source.${i}.collector`} label={t('monitor.form.collector')} max={300} {...common} />
            <TextField
              name={`source.${i}.captured`}
              label={t('monitor.form.captured')}
              hint={t('monitor.form.date.hint')}
              max={10}
              {...common}
            />
            <Select
              name={`source.${i}.reliability`}
              label={t('monitor.form.reliability')}
              options={vocab('reliability')}
              {...common}
            />
          </fieldset>
        ))}
        {more('source')}
        <p>
          <button type="submit" class="button">
            {t('monitor.form.save')}
          </button>
        </p>
      </PostForm>
    </>
  );
}
