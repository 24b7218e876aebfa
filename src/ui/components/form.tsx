// Form parts shared by every feature: a field with its label, hint and problem, and the error summary.
import type { Problems } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import { CSRF_FIELD } from '../../platform/security/csrf.ts';

export type FormValues = Record<string, string | string[]>;

export const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

export function Problem({ name, problems, t }: { name: string; problems: Problems; t: Translate }) {
  const p = problems[name];
  return p ? (
    <p class="error-text" id={`${name}-error`}>
      {t(p.key, p.values)}
    </p>
  ) : null;
}

export function describedBy(name: string, problems: Problems, hint?: boolean) {
  const ids = [hint ? `${name}-hint` : '', problems[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
  return ids ? { 'aria-describedby': ids, ...(problems[name] ? { 'aria-invalid': 'true' as const } : {}) } : {};
}

export function TextField(props: {
  name: string;
  label: string;
  type?: string;
  hint?: string;
  values: FormValues;
  problems: Problems;
  t: Translate;
  multiline?: boolean;
  max: number;
  autocomplete?: string;
  /** Passwords are never echoed back into the page. */
  keep?: boolean;
}) {
  const { name, values, problems } = props;
  const value = props.keep === false ? '' : str(values[name]);
  const attrs = {
    id: name,
    name,
    maxlength: props.max,
    ...(props.autocomplete ? { autocomplete: props.autocomplete } : {}),
    ...describedBy(name, problems, Boolean(props.hint)),
  };
  return (
    <Frame {...props}>
      {props.multiline ? (
        <textarea {...attrs}>{value}</textarea>
      ) : (
        <input type={props.type ?? 'text'} value={value} {...attrs} />
      )}
    </Frame>
  );
}

/** A field's frame: its label, hint and problem around the control. */
function Frame(props: {
  name: string;
  label: string;
  hint?: string;
  problems: Problems;
  t: Translate;
  children?: unknown;
}) {
  const { name, problems } = props;
  return (
    <div class={problems[name] ? 'field has-error' : 'field'}>
      <label for={name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${name}-hint`}>
          {props.hint}
        </p>
      )}
      <Problem name={name} problems={problems} t={props.t} />
      {props.children as never}
    </div>
  );
}

/** A single choice from a list, with an empty first option (`none`) for "not said" unless a choice is required. */
export function SelectField(props: {
  name: string;
  label: string;
  hint?: string;
  none?: string;
  options: readonly [value: string, label: string][];
  values: FormValues;
  problems: Problems;
  t: Translate;
}) {
  const { name, values, problems } = props;
  return (
    <Frame {...props}>
      <select id={name} name={name} {...describedBy(name, problems, Boolean(props.hint))}>
        {props.none !== undefined && <option value="">{props.none}</option>}
        {props.options.map(([value, label]) => (
          <option value={value} selected={str(values[name]) === value}>
            {label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** The list of problems at the top of a form that failed, each linking to its field. */
export function ErrorSummary({
  problems,
  notice,
  t,
  order = [],
}: {
  problems: Problems;
  notice?: string;
  t: Translate;
  order?: string[];
}) {
  const entries = Object.entries(problems).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  if (entries.length === 0 && !notice) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
      {notice && <p>{notice}</p>}
      {entries.length > 0 && (
        <>
          <p>
            <strong>{t('form.errors', { count: entries.length })}</strong>
          </p>
          <ul>
            {entries.map(([name, p]) => (
              <li>{name === '_form' ? t(p.key, p.values) : <a href={`#${name}`}>{t(p.key, p.values)}</a>}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** A form that posts back with its CSRF token. */
export function PostForm(props: {
  action: string;
  csrf: string;
  class?: string;
  enctype?: 'multipart/form-data';
  children?: unknown;
}) {
  return (
    <form method="post" action={props.action} novalidate class={props.class} enctype={props.enctype}>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      {props.children as never}
    </form>
  );
}

/** A group of checkboxes (or radio buttons) under a legend: `chosen` are checked, `label` names each option. */
export function Choices(props: {
  name: string;
  legend: string;
  options: readonly string[];
  chosen: readonly string[];
  label: (option: string) => string;
  type?: 'checkbox' | 'radio';
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label class="check">
          <input type={props.type ?? 'checkbox'} name={props.name} value={o} checked={props.chosen.includes(o)} />{' '}
          {props.label(o)}
        </label>
      ))}
    </fieldset>
  );
}

/** A field only bots fill in: hidden from people and from screen readers, and never focused by Tab. */
export function Honeypot({ name, t }: { name: string; t: Translate }) {
  return (
    <div class="honey" aria-hidden="true">
      <label for={name}>{t('suggest.honeypot')}</label>
      <input type="text" id={name} name={name} tabindex={-1} autocomplete="off" value="" />
    </div>
  );
}
