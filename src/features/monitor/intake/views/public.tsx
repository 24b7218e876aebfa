// The public form, its thank-you page (the receipt code, shown once) and the form to add to a report.
// Plain HTML forms: no script, no third-party anything, usable from Tor Browser at its safest setting.
import type { Problems } from '../../../../platform/errors.ts';
import type { Translate } from '../../../../platform/i18n/index.ts';
import {
  ErrorSummary,
  Honeypot,
  PostForm,
  SelectField,
  TextField,
  type FormValues,
} from '../../../../ui/components/form.tsx';
import { HONEYPOT_FIELD } from '../input.ts';

interface FormProps {
  action: string;
  intro: string;
  values: FormValues;
  problems: Problems;
  notice?: string;
  countries: [string, string][];
  perpetrators: [string, string][];
  addHref: string;
  csrf: string;
  t: Translate;
}

const REPORT_FIELDS = ['what', 'when', 'country', 'place', 'perpetrator', 'contact'];

export function ReportFormPage(p: FormProps) {
  const { values, problems, t } = p;
  return (
    <>
      <h1>{t('intake.form.title')}</h1>
      {p.intro && (
        <p class="lead prewrap" dir="auto">
          {p.intro}
        </p>
      )}
      <p>{t('intake.form.lead')}</p>
      <ErrorSummary problems={problems} notice={p.notice} t={t} order={REPORT_FIELDS} />
      <PostForm action={p.action} csrf={p.csrf}>
        <TextField
          name="what"
          label={t('intake.form.what')}
          hint={t('intake.form.what.hint')}
          values={values}
          problems={problems}
          t={t}
          multiline
          max={6000}
        />
        <TextField
          name="when"
          label={t('intake.form.when')}
          hint={t('intake.form.when.hint')}
          values={values}
          problems={problems}
          t={t}
          max={10}
          autocomplete="off"
        />
        <SelectField
          name="country"
          label={t('intake.form.country')}
          none={t('intake.form.unknown')}
          options={p.countries}
          values={values}
          problems={problems}
          t={t}
        />
        <TextField
          name="place"
          label={t('intake.form.place')}
          values={values}
          problems={problems}
          t={t}
          max={300}
          autocomplete="off"
        />
        <SelectField
          name="perpetrator"
          label={t('intake.form.perpetrator')}
          none={t('intake.form.unknown')}
          options={p.perpetrators}
          values={values}
          problems={problems}
          t={t}
        />
        <TextField
          name="contact"
          label={t('intake.form.contact')}
          hint={t('intake.form.contact.hint')}
          values={values}
          problems={problems}
          t={t}
          max={500}
          autocomplete="off"
        />
        <Honeypot name={HONEYPOT_FIELD} t={t} />
        <p>
          <button class="button" type="submit">
            {t('intake.form.submit')}
          </button>
        </p>
      </PostForm>
      <p>
        <a href={p.addHref}>{t('intake.form.addLink')}</a>
      </p>
    </>
  );
}

/** After a report: its receipt code, this once; after an addition, or a reload, no code. */
export function ThanksPage({
  receipt,
  added,
  addHref,
  t,
}: {
  receipt: string | null;
  added: boolean;
  addHref: string;
  t: Translate;
}) {
  return (
    <>
      <h1>{t(added ? 'intake.thanks.addedTitle' : 'intake.thanks.title')}</h1>
      {receipt ? (
        <section class="recovery-key" aria-labelledby="receipt-title">
          <h2 id="receipt-title">{t('intake.thanks.receipt')}</h2>
          <p class="recovery-key-text">
            <code dir="ltr">{receipt}</code>
          </p>
          <ul>
            <li>{t('intake.thanks.once')}</li>
            <li>{t('intake.thanks.use')}</li>
            <li>{t('intake.thanks.safe')}</li>
          </ul>
        </section>
      ) : (
        !added && <p class="lead">{t('intake.thanks.noCode')}</p>
      )}
      <p>
        <a href={addHref}>{t('intake.form.addLink')}</a>
      </p>
    </>
  );
}

export function AddPage(p: {
  action: string;
  values: FormValues;
  problems: Problems;
  notice?: string;
  csrf: string;
  t: Translate;
}) {
  const { values, problems, t } = p;
  return (
    <>
      <h1>{t('intake.add.title')}</h1>
      <p class="lead">{t('intake.add.lead')}</p>
      <ErrorSummary problems={problems} notice={p.notice} t={t} order={['code', 'text']} />
      <PostForm action={p.action} csrf={p.csrf}>
        <TextField
          name="code"
          label={t('intake.add.code')}
          hint={t('intake.add.code.hint')}
          values={values}
          problems={problems}
          t={t}
          max={60}
          autocomplete="off"
        />
        <TextField
          name="text"
          label={t('intake.add.text')}
          values={values}
          problems={problems}
          t={t}
          multiline
          max={6000}
        />
        <Honeypot name={HONEYPOT_FIELD} t={t} />
        <p>
          <button class="button" type="submit">
            {t('intake.add.submit')}
          </button>
        </p>
      </PostForm>
    </>
  );
}
