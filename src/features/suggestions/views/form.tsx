import type { Problems } from '../../../platform/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import {
  Choices,
  describedBy,
  ErrorSummary,
  Honeypot,
  Problem,
  str,
  TextField,
  type FormValues,
} from '../../../ui/components/form.tsx';
import { CSRF_FIELD } from '../../../platform/security/csrf.ts';
import { KINDS, REGIONS, SERVES } from '../../directory/service.ts';
import { HONEYPOT_FIELD } from '../input.ts';

interface Props {
  action: string;
  values: FormValues;
  problems: Problems;
  notice?: string;
  mechanisms: { id: string; name: string }[];
  csrf: string;
  t: Translate;
}

const FIELD_ORDER = [
  'kind',
  'mechanism',
  'name',
  'operator',
  'website',
  'details',
  'kinds',
  'serves',
  'regions',
  'contact',
];

const arr = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

export function SuggestionForm({ action, values, problems, notice, mechanisms, csrf, t }: Props) {
  const kind = str(values.kind) || 'new';
  return (
    <>
      <h1>{t('suggest.title')}</h1>
      <p class="lead">{t('suggest.lead')}</p>
      <ErrorSummary problems={problems} notice={notice} t={t} order={FIELD_ORDER} />
      <form method="post" action={action} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <fieldset class={problems.kind ? 'field has-error' : 'field'}>
          <legend>{t('suggest.kind')}</legend>
          <Problem name="kind" problems={problems} t={t} />
          <label class="check">
            <input type="radio" name="kind" value="new" id="kind" checked={kind === 'new'} /> {t('suggest.kind.new')}
          </label>
          <label class="check">
            <input type="radio" name="kind" value="correction" checked={kind === 'correction'} />{' '}
            {t('suggest.kind.correction')}
          </label>
        </fieldset>
        <div class={problems.mechanism ? 'field has-error' : 'field'}>
          <label for="mechanism">{t('suggest.mechanism')}</label>
          <p class="hint" id="mechanism-hint">
            {t('suggest.mechanism.hint')}
          </p>
          <Problem name="mechanism" problems={problems} t={t} />
          <select id="mechanism" name="mechanism" {...describedBy('mechanism', problems, true)}>
            <option value="">{t('suggest.mechanism.none')}</option>
            {mechanisms.map((m) => (
              <option value={m.id} selected={str(values.mechanism) === m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <TextField name="name" label={t('suggest.name')} values={values} problems={problems} t={t} max={160} />
        <TextField name="operator" label={t('suggest.operator')} values={values} problems={problems} t={t} max={200} />
        <TextField
          name="website"
          type="url"
          label={t('suggest.website')}
          hint={t('suggest.website.hint')}
          values={values}
          problems={problems}
          t={t}
          max={500}
        />
        <TextField
          name="details"
          label={t('suggest.details')}
          values={values}
          problems={problems}
          t={t}
          multiline
          max={3000}
        />
        <Choices
          name="kinds"
          legend={t('suggest.kinds')}
          options={KINDS}
          chosen={arr(values.kinds)}
          label={(o) => t(`kind.${o}`)}
        />
        <Choices
          name="serves"
          legend={t('facet.serves')}
          options={SERVES}
          chosen={arr(values.serves)}
          label={(o) => t(`serves.${o}`)}
        />
        <Choices
          name="regions"
          legend={t('facet.regions')}
          options={REGIONS}
          chosen={arr(values.regions)}
          label={(o) => t(`region.${o}`)}
        />
        <TextField
          name="contact"
          type="email"
          label={t('suggest.contact')}
          hint={t('suggest.contact.hint')}
          values={values}
          problems={problems}
          t={t}
          max={254}
        />
        <Honeypot name={HONEYPOT_FIELD} t={t} />
        <p>
          <button class="button" type="submit">
            {t('suggest.submit')}
          </button>
        </p>
      </form>
    </>
  );
}

export function SuggestionThanks({ reference, locale, t }: { reference: string | null; locale: string; t: Translate }) {
  return (
    <>
      <h1>{t('suggest.thanks.title')}</h1>
      {reference && <p class="lead">{t('suggest.thanks.text', { ref: reference })}</p>}
      <p>
        <a href={`/${locale}/support`}>{t('suggest.thanks.back')}</a>
      </p>
    </>
  );
}
